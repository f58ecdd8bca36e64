import { deepStrictEqual as eq } from "node:assert/strict";
import { conditionLines, eventLines, podLine } from "./explain.ts";

Deno.test("conditionLines: unhealthy conditions and a rollout still progressing", () => {
  eq(
    conditionLines({
      kind: "Deployment",
      status: {
        conditions: [
          { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "no" },
          {
            type: "Progressing",
            status: "True",
            reason: "ReplicaSetUpdated",
            message: 'ReplicaSet "w" is progressing.',
          },
        ],
      },
    }),
    [
      "Available=False MinimumReplicasUnavailable: no",
      'Progressing=True ReplicaSetUpdated: ReplicaSet "w" is progressing.',
    ],
  );
  eq(
    conditionLines({
      kind: "Job",
      status: { conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }] },
    }),
    [
      "Failed=True BackoffLimitExceeded",
    ],
  );
  eq(conditionLines({ kind: "Widget" }), []);
});

Deno.test("podLine: phase, failing conditions, waiting and crashed containers", () => {
  eq(
    podLine({
      metadata: { name: "web-1" },
      status: {
        phase: "Pending",
        conditions: [{
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/3 nodes",
        }],
      },
    }),
    "Pod web-1: Pending; PodScheduled=False Unschedulable: 0/3 nodes",
  );
  eq(
    podLine({
      metadata: { name: "web-2" },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady" }],
        containerStatuses: [{
          name: "app",
          restartCount: 3,
          state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } },
          lastState: { terminated: { exitCode: 1, reason: "Error" } },
        }],
      },
    }),
    "Pod web-2: Running; container app: CrashLoopBackOff: back-off 40s; container app exited 1 (Error)",
  );
});

Deno.test("eventLines: latest warnings, with counts", () => {
  const ev = (type: string, reason: string, t: string, count?: number) => ({
    type,
    reason,
    message: `${reason} msg`,
    lastTimestamp: t,
    count,
  });
  eq(
    eventLines([
      ev("Normal", "Scheduled", "2024-01-01T00:00:01Z"),
      ev("Warning", "BackOff", "2024-01-01T00:00:03Z", 5),
      ev("Warning", "Failed", "2024-01-01T00:00:02Z"),
    ]),
    ["event Warning Failed: Failed msg", "event Warning BackOff: BackOff msg (x5)"],
  );
  eq(eventLines([ev("Normal", "Pulled", "t")]), ["event Normal Pulled: Pulled msg"]);
  eq(
    eventLines([
      ev("Warning", "FailedScheduling", "2024-01-01T00:00:01Z"),
      ev("Warning", "Other", "2024-01-01T00:00:02Z"),
      ev("Warning", "FailedScheduling", "2024-01-01T00:00:03Z"),
    ]),
    ["event Warning Other: Other msg", "event Warning FailedScheduling: FailedScheduling msg"],
  );
  eq(eventLines([]), []);
});
