import { deepStrictEqual as eq } from "node:assert/strict";
import { defaultProgress, durationText, PlainProgress, type ResourceState, TtyProgress } from "./progress.ts";

const st = (id: string, status: ResourceState["status"], message = ""): ResourceState => {
  const [kind, namespace, name] = id.split("/");
  return { id, kind, namespace, name, status, message };
};

Deno.test("durationText as Go prints durations", () => {
  eq(durationText(5000), "5s");
  eq(durationText(300_000), "5m0s");
  eq(durationText(90_000), "1m30s");
  eq(durationText(3_600_000), "1h0m0s");
});

Deno.test("plain progress: one line per change, messages only while not ready", () => {
  const out: string[] = [];
  const p = new PlainProgress((t) => out.push(t));
  const a = st("Deployment/ns/web", "Unknown");
  p.begin([a], 5000, "ready");
  p.changed(st("Deployment/ns/web", "InProgress", "Available: 0/1"));
  p.changed(st("Deployment/ns/web", "InProgress", "Available: 0/1"));
  p.changed(st("Deployment/ns/web", "Current", "Deployment is available. Replicas: 1"));
  p.end();
  eq(out, [
    "waiting up to 5s for 1 resource(s) to be ready\n",
    "Deployment/ns/web: InProgress: Available: 0/1\n",
    "Deployment/ns/web: Current\n",
  ]);
});

Deno.test("tty progress: a block of the objects not ready, redrawn in place and cleared at the end", () => {
  const out: string[] = [];
  const p = new TtyProgress((t) => out.push(t), () => 60);
  const all = [st("Deployment/ns/web", "InProgress", "Available: 0/1"), st("Service/ns/web", "Current")];
  p.begin(all, 300_000, "ready");
  p.details("Deployment/ns/web", ["Pod web-1: Pending; PodScheduled=False Unschedulable: " + "x".repeat(80)]);
  const lines = p.render(Date.now());
  eq(lines[0], "Waiting for resources to be ready: 1/2 ready, 0s of 5m0s");
  eq(lines[1], "  Deployment/web  InProgress  Available: 0/1");
  eq(lines[2].length, 59);
  eq(lines[2].endsWith("…"), true);
  p.end();
  // Every redraw first moves up over the previous block and clears it.
  eq(out[1].startsWith("\x1b[2F\x1b[J"), true);
  eq(out.at(-1), "\x1b[3F\x1b[J");
});

Deno.test("defaultProgress: plain lines with --debug, the block on a terminal, else quiet as helm", () => {
  eq(defaultProgress({ debug: true, isTerminal: true }) instanceof PlainProgress, true);
  eq(defaultProgress({ debug: false, isTerminal: true }) instanceof TtyProgress, true);
  eq(defaultProgress({ debug: false, isTerminal: false }), undefined);
});
