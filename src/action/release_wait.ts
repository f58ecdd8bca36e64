/**
 * Waiting for a release's objects after they were applied (`--wait`):
 * helm 4's strategies `watcher` (kstatus, through watches), `legacy`
 * (helm 3's ready checker) and `hookOnly` (no waiting beyond hooks, the
 * default). The waiting engine lives in `src/wait/`, loaded only when a
 * command waits.
 *
 * @module
 */
import type { KubeClient } from "../kube/client.ts";
import type { LogFn } from "../log/slog.ts";
import type { ResourceInfo } from "./release_objects.ts";
import type { ProgressSink } from "../wait/mod.ts";
import { failpoint } from "../failpoint/mod.ts";

/** How the command line asks for progress (`CHARTA_PROGRESS`). */
export type ProgressMode = "auto" | "plain" | "off";

/** helm 4's `--wait` strategies. */
export type WaitStrategy = "watcher" | "hookOnly" | "legacy";

/** The waiting flags of install, upgrade and rollback. */
export interface WaitRequest {
  /** `--wait` (default `hookOnly`). */
  wait?: WaitStrategy;
  /** `--wait-for-jobs`. */
  waitForJobs?: boolean;
  /** `--timeout` in milliseconds (default 5 minutes). */
  timeoutMs?: number;
  /**
   * Where progress goes while waiting: a sink; `auto` (a live view when
   * stderr is a terminal, plain lines with `--debug`, nothing otherwise);
   * `plain` (a line per change on stderr, for CI logs); `off`. Default: none.
   */
  progress?: ProgressSink | ProgressMode;
  /** `--debug`. */
  debug?: boolean;
}

/**
 * What a release records of an error: helm's own text, without the
 * reasons charta adds to a failed wait (they are printed, not stored, so
 * records read the same as helm's).
 */
export function recordedMessage(e: unknown): string {
  const helm = (e as { helmMessage?: unknown } | undefined)?.helmMessage;
  if (typeof helm === "string") return helm;
  return e instanceof Error ? e.message : String(e);
}

/** Waits for `targets` as `--wait` asks; returns at once for `hookOnly`. */
export async function waitForRelease(
  kube: KubeClient,
  targets: ResourceInfo[],
  req: WaitRequest,
  log: LogFn,
): Promise<void> {
  const strategy = req.wait ?? "hookOnly";
  if (strategy === "hookOnly" || targets.length === 0) return;
  log("DEBUG", "waiting for resources", [["count", targets.length], ["strategy", strategy]]);
  await failpoint("wait");
  const { waitForResources, defaultProgress, PlainProgress } = await import("../wait/mod.ts");
  const progress = req.progress === "auto"
    ? defaultProgress({ debug: req.debug })
    : req.progress === "plain"
    ? new PlainProgress()
    : req.progress === "off"
    ? undefined
    : req.progress;
  await waitForResources(kube, targets, {
    strategy,
    timeoutMs: req.timeoutMs ?? 300_000,
    waitForJobs: req.waitForJobs ?? false,
    progress,
  });
}
