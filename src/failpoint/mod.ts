/**
 * Failpoints for fault tests: named places in a release operation where a
 * test can stop charta and kill it (SIGKILL), or slow it down, to check
 * that the next operation recovers and that concurrent ones exclude each
 * other. `CHARTA_FAILPOINTS=upgrade:after-record,lease:acquired=sleep(500)`
 * makes charta print `charta failpoint NAME reached` on stderr when it gets
 * to a named place and then wait forever (or, with `=sleep(MS)`, go on
 * after MS milliseconds). Unset (always, outside tests), a failpoint costs
 * one environment lookup per process.
 *
 * @module
 */

/** What a failpoint does: block forever, or sleep some milliseconds. */
type Action = { kind: "block" } | { kind: "sleep"; ms: number };

let enabled: Map<string, Action> | undefined;

function parse(spec: string): Map<string, Action> {
  const out = new Map<string, Action>();
  for (const item of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [name, action] = item.split("=", 2);
    const sleep = /^sleep\((\d+)\)$/.exec(action ?? "");
    out.set(name, sleep ? { kind: "sleep", ms: Number(sleep[1]) } : { kind: "block" });
  }
  return out;
}

function active(): Map<string, Action> {
  if (enabled) return enabled;
  let spec = "";
  try {
    spec = Deno.env.get("CHARTA_FAILPOINTS") ?? "";
  } catch {
    // no env permission: no failpoints
  }
  return enabled = parse(spec);
}

/** Stops or sleeps here when the failpoint `name` is enabled. */
export async function failpoint(name: string): Promise<void> {
  const action = active().get(name);
  if (!action) return;
  await Deno.stderr.write(new TextEncoder().encode(`charta failpoint ${name} reached\n`));
  if (action.kind === "sleep") return await new Promise((r) => setTimeout(r, action.ms));
  await new Promise<never>(() => {
    // Keep the event loop alive until the test kills the process.
    setInterval(() => {}, 1 << 30);
  });
}
