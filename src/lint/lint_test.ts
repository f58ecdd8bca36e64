import assert from "node:assert/strict";
import { Linter, LintMessage, runAll, Severity } from "./mod.ts";
import { validateMetadataName } from "./names.ts";
import { deprecationWarning } from "./deprecations.ts";
import { isEmail, isRequestURL, isURL } from "./urls.ts";
import { parseKubeVersion } from "../engine/kube_version.ts";
import { decodeManifests, validateYamlContent, yamlDocuments } from "./manifest.ts";
import { fileExt, validateTopIndentLevel } from "./templates.ts";

const FIXTURES = new URL("../../fixtures/charts/", import.meta.url).pathname;

Deno.test("lint support: messages print as [SEVERITY] path: message and rules report pass/fail", () => {
  const l = new Linter("/c");
  assert.equal(l.runRule(Severity.Info, "Chart.yaml", null), true);
  assert.equal(l.runRule(Severity.Warning, "values.yaml", new Error("w")), false);
  assert.equal(l.runRule(Severity.Info, "x", new Error("i")), false);
  assert.equal(l.highestSeverity, Severity.Warning);
  assert.deepEqual(l.messages.map(String), ["[WARNING] values.yaml: w", "[INFO] x: i"]);
  assert.equal(new LintMessage(Severity.Error, "", new Error("e")).toString(), "[ERROR] : e");
  // Out-of-range severities are refused, as in helm.
  assert.equal(l.runRule(7 as Severity, "x", new Error("no")), false);
  assert.equal(l.messages.length, 2);
});

Deno.test("lint names: rules per kind, apimachinery's messages, aggregated", () => {
  assert.equal(validateMetadataName("ConfigMap", "ok.name"), null);
  assert.equal(validateMetadataName("certificatesigningrequest", "ANY/thing"), null);
  assert.match(validateMetadataName("Service", "a.b")!.message, /a DNS-1035 label must consist/);
  assert.match(validateMetadataName("Namespace", "a.b")!.message, /: must not contain dots$/);
  assert.match(
    validateMetadataName("ClusterRole", "a%b/c")!.message,
    /\[.*may not contain '\/'.*may not contain '%'\]$/,
  );
  assert.match(validateMetadataName("Role", "..")!.message, /may not be '\.\.'$/);
  const long = validateMetadataName("Deployment", "A".repeat(254))!.message;
  assert.match(
    long,
    /\[metadata\.name: Invalid value: "A+": must be no more than 253 characters, metadata\.name/,
  );
});

Deno.test("lint deprecations: table lookups against the kube version", () => {
  assert.equal(
    deprecationWarning("extensions/v1beta1", "Ingress", 1, 36),
    "extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress",
  );
  assert.equal(
    deprecationWarning("v1", "ComponentStatus", 1, 20),
    "v1 ComponentStatus is deprecated in v1.19+",
  );
  assert.equal(deprecationWarning("batch/v1beta1", "CronJob", 1, 20), null);
  assert.equal(deprecationWarning("apps/v1", "Deployment", 1, 36), null);
  assert.equal(deprecationWarning("example.com/v1", "Widget", 1, 36), null);
  assert.equal(deprecationWarning("a/b/c", "CronJob", 1, 36), null);
  assert.equal(deprecationWarning("", "CronJob", 1, 36), null);
  // 0.0 means any version.
  assert.match(deprecationWarning("batch/v1beta1", "CronJob", 0, 0)!, /^batch\/v1beta1 CronJob/);
});

Deno.test("lint urls: govalidator's e-mail and URL checks", () => {
  assert.equal(isEmail("dev@charta.invalid"), true);
  assert.equal(isEmail("not-an-email"), false);
  assert.equal(isRequestURL("https://example.com/icon.png"), true);
  assert.equal(isRequestURL("not a url"), false);
  assert.equal(isRequestURL("ftp//broken"), false);
  assert.equal(isRequestURL("http://exa mple.com/x.png"), false);
  // A scheme with a rootless path is an opaque URL, which Go accepts.
  assert.equal(isRequestURL("mailto:me@example.com"), true);
  assert.equal(isRequestURL("/just/a/path"), false);
  assert.equal(isURL("example.com"), true);
  assert.equal(isURL("http://"), false);
  assert.equal(isURL("not a url"), false);
});

Deno.test("lint kube version: apimachinery's generic parsing and messages", () => {
  const kv = parseKubeVersion("1.30.4-gke.1");
  assert.deepEqual([kv.Version, kv.Major, kv.Minor], ["v1.30.4-gke.1", "1", "30"]);
  assert.throws(() => parseKubeVersion("x.y"), { message: 'could not parse "x.y" as version' });
  assert.throws(() => parseKubeVersion("1"), { message: 'illegal version string "1"' });
  assert.throws(() => parseKubeVersion("01.2"), {
    message: 'illegal zero-prefixed version component "01" in "01.2"',
  });
});

Deno.test("lint manifests: documents split lazily; a bad separator fails when reached", () => {
  const docs = yamlDocuments("a: 1\r\n---\nb: 2\n--- # c\n---x\n");
  assert.equal(docs.next().value, "a: 1\n");
  assert.equal(docs.next().value, "b: 2\n");
  assert.throws(() => docs.next(), { message: "invalid Yaml document separator: x" });
  assert.equal(validateYamlContent(null), null);
  assert.equal(validateYamlContent(new Error("boom"))!.message, "unable to parse YAML: boom");
  assert.equal(validateTopIndentLevel("\n  \nkind: x\n"), null);
  assert.equal(
    validateTopIndentLevel("\n\tkind: x\n")!.message,
    'document starts with an illegal indent: "\\tkind: x", which may cause parsing problems',
  );
  assert.equal(fileExt("templates/a.b/c"), "");
  assert.equal(fileExt("templates/x.YAML"), ".YAML");
});

Deno.test("lint runAll: fixture charts give helm's findings", async () => {
  const ok = await runAll(`${FIXTURES}webapp`, {}, { namespace: "default" });
  assert.deepEqual(ok.messages.map(String), ["[INFO] Chart.yaml: icon is recommended"]);

  const broken = await runAll(`${FIXTURES}lint/chart-missing-version`, {}, { namespace: "default" });
  assert.deepEqual(broken.messages.map(String), [
    "[ERROR] Chart.yaml: version is required",
    "[INFO] Chart.yaml: icon is recommended",
    "[WARNING] Chart.yaml: version '' is not a valid SemVerV2",
    "[ERROR] templates/: validation: chart.metadata.version is required",
    "[ERROR] : unable to load chart\n\tvalidation: chart.metadata.version is required",
  ]);
  assert.equal(broken.highestSeverity, Severity.Error);
});

Deno.test("lint runAll: lint mode logs required/fail instead of failing", async () => {
  const logs: string[] = [];
  const l = await runAll(`${FIXTURES}lint/required-missing`, {}, {
    namespace: "default",
    log: (level, msg, attrs) => logs.push(`${level} ${msg} ${attrs?.map(([k, v]) => `${k}=${v}`).join(" ")}`),
  });
  assert.deepEqual(l.messages, []);
  assert.deepEqual(logs, [
    "WARN missing required value message=name is required",
    "WARN missing required values message=empty must be set",
    "INFO funcMap fail message=enabled must be true",
  ]);
});

Deno.test("lint runAll: a values override that is not a table warns and still lints", async () => {
  const logs: string[] = [];
  const l = await runAll(`${FIXTURES}webapp`, { image: 3 }, {
    namespace: "default",
    log: (_level, msg) => logs.push(msg),
  });
  assert.equal(logs.length, 1);
  assert.match(logs[0], /^warning: cannot overwrite table with non table for image/);
  assert.equal(l.highestSeverity, Severity.Error);
});

Deno.test("lint manifests: JSON streams, with apimachinery's fallback to YAML", () => {
  const names = (s: string) => [...decodeManifests(s)].map((o) => o?.Metadata?.Name ?? null);
  assert.deepEqual(names('{"metadata": {"name": "a"}}\n{"metadata": {"name": "b"}}\n'), ["a", "b"]);
  // One JSON value, then YAML documents.
  assert.deepEqual(names('{"metadata": {"name": "a"}}\n---\nmetadata:\n  name: b\n'), ["a", "b"]);
  // After two JSON values the stream is JSON for good: the YAML separator is a JSON syntax error.
  const two = decodeManifests('{"metadata": {"name": "a"}} {"kind": "x"}\n---\nkind: y\n');
  assert.equal(two.next().value?.Metadata?.Name, "a");
  two.next();
  assert.throws(() => two.next(), { message: "invalid character '-' in numeric literal" });
  // A value that is not JSON falls back to YAML, whose failure reports the JSON error.
  assert.throws(() => [...decodeManifests("{bad: [\n")], {
    message: "json: offset 2: invalid character 'b' looking for beginning of object key string",
  });
  // A last line without a newline, read in whole 4 KiB chunks, is dropped as apimachinery does.
  assert.deepEqual([...yamlDocuments("a: 1\n" + "x".repeat(4096))], ["a: 1\n"]);
});
