/**
 * `.Files`: the chart's non-template files, as Helm's engine exposes them —
 * a map of path to bytes (`engine.files`) with the methods Get, GetBytes,
 * Glob, AsConfig, AsSecrets and Lines.
 *
 * @module
 */
import { GO_TYPE, registerGoType, withGoType } from "../gotpl/value.ts";
import type { ChartFile } from "../chart/types.ts";
import { compileGlob } from "./glob.ts";
import { toYAML } from "./funcs.ts";

/** The Go type name templates see (`typeOf .Files`). */
export const FILES_TYPE = "engine.files";

type Files = Record<string, Uint8Array>;

const decoder = new TextDecoder();

function bytesTyped(b: Uint8Array): Uint8Array {
  return b;
}

/** Builds `.Files` from a chart's files. */
export function newFiles(from: readonly ChartFile[]): Files {
  const files: Files = Object.create(null);
  for (const f of from) files[f.name] = f.data;
  return withGoType(files, FILES_TYPE);
}

function base(p: string): string {
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return p === "" ? "." : "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function getBytes(f: Files, name: string): Uint8Array {
  return Object.hasOwn(f, name) ? bytesTyped(f[name]) : new Uint8Array(0);
}

function b64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function byBase(f: Files, encode: (b: Uint8Array) => string): Record<string, string> {
  const m: Record<string, string> = withGoType(Object.create(null), "map[string]string");
  for (const k of Object.keys(f)) m[base(k)] = encode(f[k]);
  return m;
}

registerGoType(FILES_TYPE, {
  underlying: "map[string][]uint8",
  methods: {
    GetBytes: { params: ["string"], fn: (f: Files, name: string) => getBytes(f, name) },
    Get: { params: ["string"], fn: (f: Files, name: string) => decoder.decode(getBytes(f, name)) },
    Glob: {
      params: ["string"],
      fn: (f: Files, pattern: string) => {
        const re = compileGlob(pattern) ?? /^[\s\S]*$/;
        const out: Files = Object.create(null);
        for (const k of Object.keys(f)) if (re.test(k)) out[k] = f[k];
        return withGoType(out, FILES_TYPE);
      },
    },
    AsConfig: { params: [], fn: (f: Files) => toYAML(byBase(f, (b) => decoder.decode(b))) },
    AsSecrets: { params: [], fn: (f: Files) => toYAML(byBase(f, b64)) },
    Lines: {
      params: ["string"],
      fn: (f: Files, path: string) => {
        if (!Object.hasOwn(f, path)) return withGoType([], "[]string");
        let s = decoder.decode(f[path]);
        // Go indexes s[len(s)-1] without a check: an empty file panics there.
        if (s.length === 0) throw new Error("runtime error: index out of range [-1]");
        if (s.endsWith("\n")) s = s.slice(0, -1);
        return withGoType(s.split("\n"), "[]string");
      },
    },
  },
});

/** True when a value is a `.Files` object. */
export function isFiles(v: unknown): boolean {
  return typeof v === "object" && v !== null && (v as { [GO_TYPE]?: string })[GO_TYPE] === FILES_TYPE;
}
