import assert from "node:assert/strict";

interface InfoModule {
  specifier: string;
  dependencies?: Array<{ code?: { specifier: string }; isDynamic?: boolean }>;
  npmPackage?: string;
}

/** The modules main.ts loads before running any command (static imports only). */
async function staticGraph(): Promise<{ modules: Set<string>; npm: Set<string>; node: Set<string> }> {
  const main = new URL("../main.ts", import.meta.url).href;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", main],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout));
  const byId = new Map<string, InfoModule>(info.modules.map((m: InfoModule) => [m.specifier, m]));
  const redirects: Record<string, string> = info.redirects ?? {};
  const seen = new Set<string>();
  const npm = new Set<string>();
  const node = new Set<string>();
  const stack = [main];
  while (stack.length) {
    const id = stack.pop()!;
    const resolved = redirects[id] ?? id;
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    if (resolved.startsWith("npm:")) npm.add(resolved.replace(/^npm:\/?/, "").replace(/@[^@/]+$/, ""));
    if (resolved.startsWith("node:")) node.add(resolved);
    for (const d of byId.get(resolved)?.dependencies ?? []) {
      if (d.code && !d.isDynamic) stack.push(d.code.specifier);
    }
  }
  return { modules: seen, npm, node };
}

Deno.test("start-up loads no heavy module: the CLI frame only", async () => {
  const { modules, npm, node } = await staticGraph();
  const ours = [...modules].filter((m) => m.startsWith("file:"));
  // The byte-exact string converter (no imports of its own) is the only engine module main.ts needs.
  const allowed = (m: string) => m.endsWith("/src/gotpl/utf8.ts");
  for (const heavy of ["/src/gotpl/", "/src/sprig/", "/src/goyaml/", "/src/engine/", "/src/kube/"]) {
    assert.ok(!ours.some((m) => m.includes(heavy) && !allowed(m)), `${heavy} must load lazily`);
  }
  // An npm package or a node: built-in costs 20–40 ms of start-up (Deno's npm resolver, node polyfills).
  assert.deepEqual([...npm], []);
  assert.deepEqual([...node], []);
});
