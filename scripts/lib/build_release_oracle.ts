/**
 * Builds the release oracle (scripts/release_oracle) into the cache outside
 * the repository and prints its path.
 *
 * @module
 */
import { buildReleaseOracle } from "./release_oracle.ts";

if (import.meta.main) console.log(await buildReleaseOracle());
