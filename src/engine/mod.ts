/**
 * Helm's rendering engine: templates of a chart and its subcharts rendered
 * with Go's template language, Sprig and Helm's functions.
 *
 * @module
 */
export { type EngineOptions, render, RenderError, renderTemplates, sortTemplates } from "./engine.ts";
export {
  allTemplates,
  asValues,
  Capabilities,
  defaultCapabilities,
  HelmBuildInfo,
  KubeVersion,
  metadataAsMap,
  type ReleaseOptions,
  type Renderable,
  toRenderValues,
} from "./render_values.ts";
export { newFiles } from "./files.ts";
export { helmFuncs, toJSON, toYAML } from "./funcs.ts";
