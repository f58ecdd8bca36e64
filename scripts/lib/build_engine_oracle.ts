/**
 * Builds the engine oracle (Helm's engine behind a JSON interface) into the
 * cache outside the repository and prints its path.
 *
 * @module
 */
import { buildEngineOracle } from "./reference_helm.ts";

if (import.meta.main) console.log(await buildEngineOracle());
