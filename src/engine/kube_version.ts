/**
 * helm 4's `common.ParseKubeVersion` (`--kube-version`): apimachinery's
 * generic version parsing (`v?MAJOR.MINOR[.…]` with anything after), with
 * its error messages.
 *
 * @module
 */
import { type Capabilities, defaultCapabilities, KubeVersion } from "./render_values.ts";
import { quote } from "../gotpl/quote.ts";

const VERSION_MATCH = /^[\t\n\f\r ]*v?([0-9]+(?:\.[0-9]+)*)(.*)$/;
const MAX_UINT = (1n << 64n) - 1n;

/**
 * Parses a Kubernetes version as helm 4 does for `--kube-version`.
 *
 * @throws {Error} apimachinery's message, e.g. `could not parse "x.y" as version`
 */
export function parseKubeVersion(version: string): KubeVersion {
  const m = VERSION_MATCH.exec(version);
  if (!m) throw new Error(`could not parse ${quote(version)} as version`);
  const components = m[1].split(".");
  if (components.length < 2) throw new Error(`illegal version string ${quote(version)}`);
  const nums: bigint[] = [];
  for (const [i, comp] of components.entries()) {
    if (i === 0 && comp.startsWith("0") && comp !== "0") {
      throw new Error(`illegal zero-prefixed version component ${quote(comp)} in ${quote(version)}`);
    }
    const n = BigInt(comp);
    if (n > MAX_UINT) {
      throw new Error(
        `illegal non-numeric version component ${quote(comp)} in ${quote(version)}: ` +
          `strconv.ParseUint: parsing ${quote(comp)}: value out of range`,
      );
    }
    nums.push(n);
  }
  const full = version.startsWith("v") ? version : `v${version}`;
  const kv = new KubeVersion(full, String(nums[0]), String(nums[1]));
  kv.normalizedVersion = `v${nums.join(".")}`;
  return kv;
}

/** The default capabilities with `--kube-version` applied (template, lint); errors say `invalid kube version '…': …`. */
export function capabilitiesFor(kubeVersion: string): Capabilities {
  const caps = defaultCapabilities();
  try {
    caps.KubeVersion = parseKubeVersion(kubeVersion);
  } catch (e) {
    throw new Error(`invalid kube version '${kubeVersion}': ${(e as Error).message}`, { cause: e });
  }
  return caps;
}
