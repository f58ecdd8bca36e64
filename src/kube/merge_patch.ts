/**
 * JSON merge patches (RFC 7386) as helm computes them for objects it
 * cannot patch strategically (custom resources, aggregated APIs): the
 * two-way patch of evanphx/json-patch's `CreateMergePatch` and the
 * three-way patch of apimachinery's `jsonmergepatch.CreateThreeWayJSONMergePatch`
 * (additions and changes from the live object, deletions from the last
 * manifest), written as Go's `json.Marshal` writes them.
 *
 * @module
 */
import { marshal } from "../gojson/mod.ts";
import {
  cloneJson,
  deepEqual,
  goKind,
  has,
  isMap,
  type JsonMap,
  type JsonValue,
  newMap,
  sprintV,
} from "./json_value.ts";
import { PatchError, type Precondition } from "./strategic_patch.ts";

function matchesValue(a: JsonValue, b: JsonValue): boolean {
  if (goKind(a) !== goKind(b)) return false;
  return deepEqual(a, b);
}

function getDiff(a: JsonMap, b: JsonMap): JsonMap {
  const into = newMap();
  for (const key of Object.keys(b)) {
    const bv = b[key];
    if (!has(a, key)) {
      into[key] = bv;
      continue;
    }
    const av = a[key];
    if (goKind(av) !== goKind(bv)) {
      into[key] = bv;
      continue;
    }
    if (isMap(av)) {
      const dst = getDiff(av, bv as JsonMap);
      if (Object.keys(dst).length > 0) into[key] = dst;
    } else if (av !== null && !matchesValue(av, bv)) {
      into[key] = bv;
    }
  }
  for (const key of Object.keys(a)) if (!has(b, key)) into[key] = null;
  return into;
}

function asObject(v: unknown, what: string): JsonMap {
  const c = cloneJson(v);
  if (c === null) return newMap();
  if (!isMap(c)) throw new PatchError(`${what}: Invalid JSON Document`);
  return c;
}

/** evanphx's `CreateMergePatch` of two objects, as a map. */
export function createMergeMapPatch(original: unknown, modified: unknown): JsonMap {
  return getDiff(asObject(original, "original"), asObject(modified, "modified"));
}

/**
 * evanphx/json-patch's `CreateMergePatch` of two objects: what helm sends
 * to update an unstructured object on upgrade and rollback.
 *
 * @example
 * ```ts
 * createMergePatch({ a: 1, b: { c: 2 } }, { b: { c: 3 } }); // '{"a":null,"b":{"c":3}}'
 * ```
 */
export function createMergePatch(original: unknown, modified: unknown): string {
  return marshal(createMergeMapPatch(original, modified));
}

function keepOrDeleteNull(m: JsonMap, keepNull: boolean): JsonMap {
  const out = newMap();
  for (const key of Object.keys(m)) {
    const val = m[key];
    if (keepNull && val === null) {
      out[key] = null;
    } else if (val !== null) {
      if (isMap(val)) {
        // An explicitly empty map is a value, not an empty patch.
        if (Object.keys(val).length === 0) {
          if (!keepNull) out[key] = val;
          continue;
        }
        const sub = keepOrDeleteNull(val, keepNull);
        if (Object.keys(sub).length !== 0) out[key] = sub;
      } else if (!keepNull) {
        out[key] = val;
      }
    }
  }
  return out;
}

/** mergepatch's `HasConflicts`. */
function hasConflicts(left: JsonValue, right: JsonValue): boolean {
  if (isMap(left)) {
    if (!isMap(right)) return true;
    for (const key of Object.keys(left)) {
      if (!has(right, key)) continue;
      if (hasConflicts(left[key], right[key])) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    for (let i = 0; i < left.length; i++) if (hasConflicts(left[i], right[i])) return true;
    return false;
  }
  return !deepEqual(left, right);
}

function pruneNulls(v: JsonValue): JsonValue {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    // evanphx keeps null elements of arrays but prunes the nulls inside their objects.
    for (const x of v) if (x !== null) pruneNulls(x);
  }
  return v;
}

/** evanphx's `MergePatch` (RFC 7386 apply) of a patch into a document. */
function applyMergePatch(doc: JsonMap, patch: JsonMap): JsonMap {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = has(doc, k) ? doc[k] : null;
    if (cur === null) {
      doc[k] = pruneNulls(v);
    } else if (isMap(cur) && isMap(v)) {
      doc[k] = applyMergePatch(cur, v);
    } else if (!isMap(cur)) {
      doc[k] = pruneNulls(v);
    } else {
      doc[k] = v;
    }
  }
  return doc;
}

function yamlOf(v: JsonValue): string {
  // ToYAMLOrError's text; only part of the conflict message, which helm never reaches with overwrite.
  return JSON.stringify(v);
}

/**
 * apimachinery's `CreateThreeWayJSONMergePatch`: the additions and changes
 * from `current` to `modified` plus the deletions from `original` to
 * `modified`; fails on conflicts between the two and when a precondition
 * does not hold (`precondition failed for: map[…]`).
 */
export function createThreeWayJsonMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  preconditions: Precondition[] = [],
): string {
  const o = asObject(original, "original"),
    m = asObject(modified, "modified"),
    c = asObject(current, "current");
  const addAndChange = keepOrDeleteNull(getDiff(c, m), false);
  const deletions = keepOrDeleteNull(getDiff(o, m), true);
  if (hasConflicts(addAndChange, deletions)) {
    throw new PatchError(
      `patch:\n${yamlOf(addAndChange)}\nconflicts with changes made from original to current:\n${
        yamlOf(deletions)
      }\n`,
    );
  }
  // Go round-trips both through JSON, so the merge works on copies.
  const patch = applyMergePatch(cloneJson(deletions) as JsonMap, cloneJson(addAndChange) as JsonMap);
  for (const fn of preconditions) {
    if (!fn(patch)) throw new PatchError(`precondition failed for: ${sprintV(patch)}`);
  }
  return marshal(patch);
}
