/**
 * Waiting for a release's objects (`--wait`, `--wait-for-jobs`,
 * `--timeout`, `uninstall --wait`): kstatus-compatible readiness over
 * watches, helm 3's legacy checker, the live progress view and the
 * reasons charta adds to helm's wait errors.
 *
 * @module
 */
export {
  DEFAULT_STATUS_WATCHER_TIMEOUT_MS,
  helmErrorText,
  legacyWatchUntilReady,
  reached,
  WaitError,
  waitForDelete,
  waitForResources,
  type WaitOptions,
  type WaitStrategy,
  watchUntilReady,
} from "./wait.ts";
export {
  computeStatus,
  helmJobStatus,
  helmPodStatus,
  type Status,
  type StatusResult,
  withPodFailures,
} from "./status.ts";
export {
  defaultProgress,
  PlainProgress,
  type ProgressSink,
  type ResourceState,
  TtyProgress,
} from "./progress.ts";
export { explain } from "./explain.ts";
