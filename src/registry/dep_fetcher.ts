/**
 * `oci://` dependencies for `dependency update|build`: versions resolved
 * from the repository's tags as helm's resolver does (an exact version is
 * taken as is, a constraint picks the highest matching tag), archives
 * pulled with digests verified.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { Dependency } from "../chart/types.ts";
import type { ChartFetcher } from "../downloader/fetcher.ts";
import { parseConstraint, parseVersion } from "../semver/mod.ts";
import { quote } from "../gotpl/quote.ts";
import { chartTags, newClient, pullOciChart, type RegistryOptions } from "./oci.ts";
import { parseReference } from "./reference.ts";

/** Resolves and downloads dependencies whose repository is an OCI registry. */
export class OciFetcher implements ChartFetcher {
  /**
   * @param opts transport and credentials; the registry config defaults to
   * `HELM_REGISTRY_CONFIG` (or helm's default path) when not given
   */
  constructor(
    private readonly opts: RegistryOptions & {
      out?: (text: string) => void;
      /** `--verify`: the provenance layer is pulled too, written beside the archive and checked against this keyring. */
      verifyKeyring?: string;
    } = {},
  ) {}

  private async options(): Promise<RegistryOptions> {
    if (this.opts.registryConfig) return this.opts;
    const { EnvSettings } = await import("../settings/env_settings.ts");
    return { ...this.opts, registryConfig: EnvSettings.fromEnv().registryConfig };
  }

  /** `oci://` repositories. */
  handles(repository: string): boolean {
    return repository.startsWith("oci://");
  }

  /** helm's resolver for OCI: an exact version as is, else the highest tag satisfying the constraint. */
  async resolve(dep: Dependency): Promise<string | undefined> {
    let constraint;
    try {
      constraint = parseConstraint(dep.version ?? "");
    } catch (e) {
      throw new ChartaError(
        `dependency ${quote(dep.name)} has an invalid version/constraint format: ${(e as Error).message}`,
        { cause: e },
      );
    }
    const version = dep.version ?? "";
    try {
      parseVersion(version);
      return version;
    } catch { /* a constraint: look at the tags */ }
    const ref = `${dep.repository ?? ""}/${dep.name}`;
    const parsed = parseReference(ref);
    const client = newClient(await this.options());
    try {
      for (const t of await chartTags(client, parsed.registry, parsed.repository)) {
        if (constraint.check(parseVersion(t))) return t;
      }
    } finally {
      client.close();
    }
    return undefined;
  }

  /** Pulls the locked version into `dest/NAME-VERSION.tgz`. */
  async fetch(dep: Dependency, _chartPath: string, dest: string): Promise<string> {
    const ref = `${dep.repository ?? ""}/${dep.name}`;
    const version = dep.version ?? "";
    let pulled;
    this.opts.out?.(`Downloading ${dep.name} from repo ${dep.repository}\n`);
    const keyring = this.opts.verifyKeyring;
    const options = { ...(await this.options()), version, out: this.opts.out };
    try {
      pulled = await pullOciChart(ref, options);
    } catch (e) {
      throw new ChartaError(`could not download ${ref}: ${(e as Error).message}`, { cause: e });
    }
    const v = pulled.version ?? version;
    const file = `${dest}/${dep.name}-${v}.tgz`;
    await Deno.writeFile(file, pulled.chart!);
    if (keyring !== undefined) {
      // helm then fetches `REF:VERSION.prov`: a second pull (its lines printed again) that also takes the
      // provenance layer.
      let prov: Uint8Array | undefined;
      try {
        prov = (await pullOciChart(ref, { ...options, withProv: true })).prov;
      } catch (e) {
        throw new ChartaError(
          `could not download ${ref}: failed to fetch provenance "${ref}:${version}.prov"`,
          {
            cause: e,
          },
        );
      }
      await Deno.writeFile(`${file}.prov`, prov!);
      const { verifyChart } = await import("../provenance/mod.ts");
      try {
        await verifyChart(file, `${file}.prov`, keyring);
      } catch (e) {
        throw new ChartaError(`could not download ${ref}: ${(e as Error).message}`, { cause: e });
      }
    }
    return v;
  }
}
