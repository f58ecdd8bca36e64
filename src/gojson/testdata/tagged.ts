/**
 * Test helper: the fixtures describe Go values in JSON with tags for the
 * types JSON lacks (`{"$int": "3"}` is an int64, `{"$float": "NaN"}` a
 * float64, `{"$bytes": "aGk="}` a []byte…). This turns them into charta values.
 *
 * @module
 */

import { GoInt, withGoType } from "../../gotpl/value.ts";
import { setOwn } from "../decode.ts";

/** Converts a tagged fixture value into charta's Go value model. */
export function fromTagged(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromTagged);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const [k] = keys;
      const s = o[k] as string;
      switch (k) {
        case "$int":
          return new GoInt(BigInt(s), "int64");
        case "$intgo":
          return new GoInt(BigInt(s), "int");
        case "$uint":
          return new GoInt(BigInt(s), "uint64");
        case "$float":
          return /^[+-]?inf$/i.test(s) ? (s.startsWith("-") ? -Infinity : Infinity) : Number(s);
        case "$bytes":
          return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
        case "$nilmap":
        case "$nilslice":
          return null;
        case "$strs":
          return withGoType([...(o[k] as string[])], "[]string");
      }
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) setOwn(out, key, fromTagged(o[key]));
    return out;
  }
  return v;
}
