/**
 * Builds the gzip oracle (scripts/gzip_oracle) into the cache outside the
 * repository and prints its path.
 *
 * @module
 */
import { buildGzipOracle } from "./gzip_oracle.ts";

if (import.meta.main) console.log(await buildGzipOracle());
