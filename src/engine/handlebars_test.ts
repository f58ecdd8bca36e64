import assert from "node:assert/strict";
import type { Chart } from "../chart/types.ts";
import { allTemplates, RenderError, renderTemplates, toRenderValues } from "./mod.ts";
import { loadHandlebars } from "./handlebars.ts";
import { readValues } from "../values/read.ts";

const enc = new TextEncoder();

function chartWith(templates: Record<string, string>, values = ""): Chart {
  return {
    metadata: { apiVersion: "v2", name: "web", version: "1.2.3", appVersion: "2.0" },
    templates: Object.entries(templates).map(([name, text]) => ({ name, data: enc.encode(text) })),
    files: [{ name: "config/app.conf", data: enc.encode("port=80\n") }],
    values: readValues(values),
    dependencies: [],
  };
}

await loadHandlebars();

function renderChart(chart: Chart): Map<string, string> {
  const vals = toRenderValues(chart, chart.values, {
    name: "shop",
    namespace: "prod",
    revision: 2,
    isInstall: false,
    isUpgrade: true,
  });
  return renderTemplates(allTemplates(chart, vals));
}

Deno.test("a .hbs template renders with the same objects as Go templates", () => {
  const chart = chartWith(
    {
      "templates/cm.yaml.hbs": "name: {{Release.Name}}-{{Chart.Name}}\nns: {{Release.Namespace}}\n" +
        "rev: {{Release.Revision}}\nkube: {{Capabilities.KubeVersion.Version}}\nport: {{Values.port}}\n" +
        "file: {{Template.Name}}\n",
    },
    "port: 8080\n",
  );
  assert.equal(
    renderChart(chart).get("web/templates/cm.yaml.hbs"),
    "name: shop-web\nns: prod\nrev: 2\nkube: v1.36.0\nport: 8080\nfile: web/templates/cm.yaml.hbs\n",
  );
});

Deno.test("helpers named like Helm's: toYaml, toJson, indent, nindent, quote, default", () => {
  const chart = chartWith(
    {
      "templates/x.yaml.hbs": "labels:{{nindent 2 (toYaml Values.labels)}}\n" +
        'json: {{toJson Values.labels}}\nq: {{quote Values.name}}\nd: {{default "none" Values.missing}}\n' +
        "i: |\n{{indent 2 Values.text}}\n",
    },
    'labels: {app: web, tier: front}\nname: \'say "hi"\'\ntext: "a\\nb"\n',
  );
  assert.equal(
    renderChart(chart).get("web/templates/x.yaml.hbs"),
    'labels:\n  app: web\n  tier: front\njson: {"app":"web","tier":"front"}\nq: "say \\"hi\\""\n' +
      "d: none\ni: |\n  a\n  b\n",
  );
});

Deno.test("include renders Handlebars partials from _*.hbs, then Go defines", () => {
  const chart = chartWith({
    "templates/_labels.hbs": "app: {{Chart.Name}}",
    "templates/_helpers.tpl": '{{define "web.fullname"}}{{.Release.Name}}-{{.Chart.Name}}{{end}}',
    "templates/svc.yaml.hbs":
      '{{include "labels" this}}\nname: {{include "web.fullname" this}}\n{{> labels}}\n',
  });
  const out = renderChart(chart);
  // A standalone {{> partial}} line loses its newline: Handlebars' standalone rule.
  assert.equal(out.get("web/templates/svc.yaml.hbs"), "app: web\nname: shop-web\napp: web");
  assert.equal(out.has("web/templates/_labels.hbs"), false, "partials are not emitted");
});

Deno.test("required fails the render with the template's name; no HTML escaping happens", () => {
  const chart = chartWith({ "templates/r.yaml.hbs": '{{required "image.tag is required" Values.image}}' });
  assert.throws(() => renderChart(chart), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /web\/templates\/r\.yaml\.hbs/);
    assert.match(e.message, /image\.tag is required/);
    return true;
  });
  const raw = chartWith({ "templates/e.yaml.hbs": "v: {{Values.s}}" }, "s: '<a & b>'\n");
  assert.equal(renderChart(raw).get("web/templates/e.yaml.hbs"), "v: <a & b>");
});

Deno.test("a malformed .hbs template is a clear error naming the file", () => {
  const chart = chartWith({ "templates/bad.yaml.hbs": "{{#if Values.x}}open" });
  assert.throws(() => renderChart(chart), /handlebars error in \(web\/templates\/bad\.yaml\.hbs\)/);
  void RenderError;
});
