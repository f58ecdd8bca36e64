/**
 * Strategic merge patches as kubectl and helm compute them on the client
 * (apimachinery's `strategicpatch.CreateThreeWayMergePatch`): the
 * additions and changes from the live object to the new manifest, plus the
 * deletions from the old manifest to the new one, with the directives
 * (`$patch: delete`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`,
 * `$retainKeys`) the API server applies. The result is the JSON Go's
 * `json.Marshal` writes for the same patch, byte for byte: the same keys,
 * directives and list orders — including the orders that depend on Go's
 * sort algorithms.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { marshal } from "../gojson/mod.ts";
import { goSliceStable, goSort } from "./go_sort.ts";
import {
  cloneJson,
  deepEqual,
  goEqual,
  goKind,
  goStringCompare,
  has,
  isMap,
  type JsonMap,
  type JsonValue,
  newMap,
  sprintV,
} from "./json_value.ts";
import type { LookupPatchMeta } from "./patch_meta.ts";

const DIRECTIVE = "$patch";
const DELETE = "delete";
const REPLACE = "replace";
const MERGE = "merge";
const RETAIN_KEYS_STRATEGY = "retainKeys";
const DELETE_PRIMITIVE_PREFIX = "$deleteFromPrimitiveList";
const RETAIN_KEYS_DIRECTIVE = "$retainKeys";
const SET_ORDER_PREFIX = "$setElementOrder";

/** An error computing a patch, with apimachinery's message. */
export class PatchError extends ChartaError {
  /** @param message the Go text */
  constructor(message: string) {
    super(message);
    this.name = "PatchError";
  }
}

interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

interface MergeOptions {
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

/** A precondition on the computed patch (mergepatch's `PreconditionFunc`). */
export type Precondition = (patch: JsonMap) => boolean;

/** mergepatch's `RequireKeyUnchanged`. */
export function requireKeyUnchanged(key: string): Precondition {
  return (p) => !has(p, key);
}

/** mergepatch's `RequireMetadataKeyUnchanged`. */
export function requireMetadataKeyUnchanged(key: string): Precondition {
  return (p) => {
    if (!has(p, "metadata")) return true;
    const m = p.metadata;
    return !isMap(m) || !has(m, key);
  };
}

/** mergepatch's `ErrPreconditionFailed`. */
export class PreconditionFailedError extends PatchError {
  /** @param patch the patch that failed */
  constructor(patch: JsonMap) {
    super(`precondition failed for: ${sprintV(patch)}`);
    this.name = "PreconditionFailedError";
  }
}

const GO_TYPE_NAME: Record<string, string> = {
  map: "map[string]interface {}",
  slice: "[]interface {}",
  string: "string",
  float64: "float64",
  int64: "int64",
  bool: "bool",
  nil: "%!s(<nil>)",
};

function errBadArgType(expectedKind: "map" | "slice", actual: JsonValue | undefined): PatchError {
  return new PatchError(
    `expected a ${GO_TYPE_NAME[expectedKind]}, but received a ${GO_TYPE_NAME[goKind(actual)]}`,
  );
}

function errNoMergeKey(m: JsonMap, key: string): PatchError {
  return new PatchError(`map: ${sprintV(m)} does not contain declared merge key: ${key}`);
}

const ERR_NO_LIST_OF_LISTS = "lists of lists are not supported";
const ERR_SET_ORDER_FORMAT = "invalid patch format of setElementOrder list";
const ERR_PRIMITIVE_LIST_FORMAT = "invalid patch format of primitive list";
const ERR_RETAIN_KEYS_FORMAT = "invalid patch format of retainKeys";

function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ""];
    case 1:
      return strategies[0] === RETAIN_KEYS_STRATEGY ? [true, ""] : [false, strategies[0]];
    case 2:
      if (strategies[0] === RETAIN_KEYS_STRATEGY) return [true, strategies[1]];
      if (strategies[1] === RETAIN_KEYS_STRATEGY) return [true, strategies[0]];
  }
  throw new PatchError(`unexpected patch strategy: [${strategies.join(" ")}]`);
}

function lessByString(list: JsonValue[], key?: string): (i: number, j: number) => boolean {
  // sort.StringsAreSorted([]string{a, b}) is a <= b: equal elements count as "less".
  return (i, j) => {
    const a = key === undefined ? list[i] : (list[i] as JsonMap)[key];
    const b = key === undefined ? list[j] : (list[j] as JsonMap)[key];
    return goStringCompare(sprintV(a), sprintV(b)) <= 0;
  };
}

function sortScalars(s: JsonValue[]): JsonValue[] {
  return goSort(s, lessByString(s));
}

function deduplicateScalars(s: JsonValue[]): JsonValue[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function sliceElementKind(...slices: JsonValue[][]): string {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const k = goKind(v);
      if (prev === undefined) {
        prev = k;
        if (prev === "slice") throw new PatchError(ERR_NO_LIST_OF_LISTS);
      } else if (prev !== k) {
        throw new PatchError(
          `list element types are not identical: [${slices.map((x) => sprintV(x)).join(" ")}]`,
        );
      }
    }
  }
  if (prev === undefined) throw new PatchError("no elements in any of the given slices");
  // A nil element has no reflect.Type; Go then treats the kind as Invalid, which is neither map nor slice.
  return prev;
}

// ---------------------------------------------------------------- diff

function diffMaps(original: JsonMap, modified: JsonMap, schema: LookupPatchMeta, o: DiffOptions): JsonMap {
  const patch = newMap();
  const retainKeysList: JsonValue[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (o.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!has(original, key)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (typeof originalValue !== "string" || typeof modifiedValue !== "string") {
        throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      }
      if (modifiedValue !== originalValue) patch[DIRECTIVE] = modifiedValue;
      continue;
    }
    if (goKind(originalValue) !== goKind(modifiedValue)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    switch (goKind(originalValue)) {
      case "map":
        handleMapDiff(key, originalValue as JsonMap, modifiedValue as JsonMap, patch, schema, o);
        break;
      case "slice":
        handleSliceDiff(key, originalValue as JsonValue[], modifiedValue as JsonValue[], patch, schema, o);
        break;
      default:
        replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, o);
    }
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!has(modified, key)) patch[key] = null;
  }
  if (
    retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))
  ) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeysList);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  for (const k of Object.keys(original)) {
    if (original[k] === null) continue;
    if (!has(modified, k)) return true;
  }
  return false;
}

function handleMapDiff(
  key: string,
  originalValue: JsonMap,
  modifiedValue: JsonMap,
  patch: JsonMap,
  schema: LookupPatchMeta,
  o: DiffOptions,
): void {
  let sub: LookupPatchMeta, strategies: string[];
  try {
    const [s, meta] = schema.lookupForStruct(key);
    sub = s;
    strategies = meta.strategies;
  } catch (e) {
    if (deepEqual(originalValue, modifiedValue)) return;
    throw e;
  }
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(strategies);
  const opts = { ...o, buildRetainKeysDirective: retainKeys };
  if (strategy === REPLACE) {
    if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
    return;
  }
  const patchValue = diffMaps(originalValue, modifiedValue, sub, opts);
  if (Object.keys(patchValue).length > 0) patch[key] = patchValue;
}

function handleSliceDiff(
  key: string,
  originalValue: JsonValue[],
  modifiedValue: JsonValue[],
  patch: JsonMap,
  schema: LookupPatchMeta,
  o: DiffOptions,
): void {
  let sub: LookupPatchMeta, strategies: string[], mergeKey: string;
  try {
    const [s, meta] = schema.lookupForSlice(key);
    sub = s;
    strategies = meta.strategies;
    mergeKey = meta.mergeKey;
  } catch (e) {
    if (deepEqual(originalValue, modifiedValue)) return;
    throw e;
  }
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(strategies);
  if (strategy !== MERGE) {
    replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, o);
    return;
  }
  const opts = { ...o, buildRetainKeysDirective: retainKeys };
  const [addList, deletionList, setOrderList] = diffLists(originalValue, modifiedValue, sub, mergeKey, opts);
  if (addList && addList.length > 0) patch[key] = addList;
  if (deletionList && deletionList.length > 0) patch[`${DELETE_PRIMITIVE_PREFIX}/${key}`] = deletionList;
  if (setOrderList && setOrderList.length > 0) patch[`${SET_ORDER_PREFIX}/${key}`] = setOrderList;
}

function replacePatchFieldIfNotEqual(
  key: string,
  original: JsonValue,
  modified: JsonValue,
  patch: JsonMap,
  o: DiffOptions,
): void {
  if (o.ignoreChangesAndAdditions) return;
  if (deepEqual(original, modified)) return;
  patch[key] = modified;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: JsonValue[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw errBadArgType("map", item);
      if (!has(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

function indexIn(l: JsonValue[], val: JsonValue, mergeKey: string, kind: string): number {
  const get = kind === "map"
    ? (item: JsonValue): JsonValue | undefined => isMap(item) ? item[mergeKey] : null
    : (
      item: JsonValue,
    ) => item;
  const want = get(val);
  for (let i = 0; i < l.length; i++) {
    if (goEqual(want ?? null, get(l[i]) ?? null)) return i;
  }
  return -1;
}

function extractToDeleteItems(l: JsonValue[]): [JsonValue[], JsonValue[]] {
  const nonDelete: JsonValue[] = [], toDelete: JsonValue[] = [];
  for (const v of l) {
    if (!isMap(v)) throw errBadArgType("map", v);
    if (has(v, DIRECTIVE) && v[DIRECTIVE] === DELETE) toDelete.push(v);
    else nonDelete.push(v);
  }
  return [nonDelete, toDelete];
}

function normalizeSliceOrder(
  toSort: JsonValue[],
  order: JsonValue[],
  mergeKey: string,
  kind: string,
): JsonValue[] {
  let toDelete: JsonValue[] = [];
  if (kind === "map") {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  const arr = toSort;
  goSliceStable(arr, (i, j) => {
    const ii = indexIn(order, arr[i], mergeKey, kind);
    if (ii >= 0) {
      const ij = indexIn(order, arr[j], mergeKey, kind);
      if (ij >= 0) return ii < ij;
    }
    return true;
  });
  return [...arr, ...toDelete];
}

function mergeSortedSlice(
  left: JsonValue[],
  right: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: string,
): JsonValue[] {
  const size = left.length + right.length;
  const s: JsonValue[] = new Array(size);
  let i = 0, j = 0;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) s[k] = right[j++];
    else if (j >= right.length && i < left.length) s[k] = left[i++];
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) s[k] = left[i++];
      else s[k] = right[j++];
    }
  }
  return s;
}

function normalizeElementOrder(
  patch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: string,
): JsonValue[] {
  patch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  serverOnly = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverOnly, patch, serverOrder, mergeKey, kind);
}

function isOrderSame(original: JsonValue[], modified: JsonValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  }
  return true;
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === "") return goEqual(left, right);
  if (!isMap(left)) throw errBadArgType("map", left);
  if (!isMap(right)) throw errBadArgType("map", right);
  if (!has(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

function diffLists(
  original: JsonValue[],
  modified: JsonValue[],
  schema: LookupPatchMeta,
  mergeKey: string,
  o: DiffOptions,
): [JsonValue[] | undefined, JsonValue[] | undefined, JsonValue[] | undefined] {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return [undefined, undefined, undefined];
    return [modified, undefined, undefined];
  }
  const kind = sliceElementKind(original, modified);
  let patchList: JsonValue[], deleteList: JsonValue[] | undefined, setOrderList: JsonValue[] | undefined;
  if (kind === "map") {
    [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, o);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    deleteList = undefined;
    if (
      o.setElementOrder &&
      ((!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!o.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => {
        const m = newMap();
        m[mergeKey] = (v as JsonMap)[mergeKey] ?? null;
        return m;
      });
    }
  } else {
    [patchList, deleteList] = diffListsOfScalars(original, modified, o);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    if (
      o.setElementOrder &&
      ((!o.ignoreDeletions && deleteList.length > 0) ||
        (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)))
    ) {
      setOrderList = modified;
    }
  }
  return [patchList, deleteList, setOrderList];
}

function diffListsOfScalars(
  original: JsonValue[],
  modified: JsonValue[],
  o: DiffOptions,
): [JsonValue[], JsonValue[]] {
  // Go sorts `original` in place (it is the caller's list) and a copy of `modified`.
  const originalScalars = sortScalars(original);
  const modifiedScalars = sortScalars([...modified]);
  let oi = 0, mi = 0;
  const addList: JsonValue[] = [], deletionList: JsonValue[] = [];
  for (;;) {
    const oin = oi < originalScalars.length, min = mi < modifiedScalars.length;
    if (!oin && !min) break;
    const ov = oin ? originalScalars[oi] : null, mv = min ? modifiedScalars[mi] : null;
    const os = oin ? sprintV(ov) : "", ms = min ? sprintV(mv) : "";
    const both = oin && min;
    const c = goStringCompare(os, ms);
    if (both && c === 0) {
      oi++;
      mi++;
    } else if (!oin || (both && c > 0)) {
      if (!o.ignoreChangesAndAdditions) addList.push(mv);
      mi++;
    } else {
      if (!o.ignoreDeletions) deletionList.push(ov);
      oi++;
    }
  }
  return [addList, deduplicateScalars(deletionList)];
}

function sortMergeListsByNameArray(s: JsonValue[], mergeKey: string): JsonValue[] {
  if (s.length === 0) return s;
  const kind = sliceElementKind(s);
  if (kind !== "map") return sortScalars(deduplicateScalars(s));
  const copy = [...s];
  return goSort(copy, lessByString(copy, mergeKey));
}

function diffListsOfMaps(
  original: JsonValue[],
  modified: JsonValue[],
  schema: LookupPatchMeta,
  mergeKey: string,
  o: DiffOptions,
): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [], deletionList: JsonValue[] = [];
  const originalSorted = sortMergeListsByNameArray(original, mergeKey);
  const modifiedSorted = sortMergeListsByNameArray(modified, mergeKey);
  let oi = 0, mi = 0;
  for (;;) {
    const oin = oi < originalSorted.length, min = mi < modifiedSorted.length;
    const both = oin && min;
    if (!oin && !min) break;
    let oe: JsonMap | undefined, me: JsonMap | undefined;
    let ov: JsonValue = null, mv: JsonValue = null;
    let os = "", ms = "";
    if (oin) {
      [oe, ov] = mapAndMergeKey(oi, mergeKey, originalSorted);
      os = sprintV(ov);
    }
    if (min) {
      [me, mv] = mapAndMergeKey(mi, mergeKey, modifiedSorted);
      ms = sprintV(mv);
    }
    const c = goStringCompare(os, ms);
    if (both && c === 0) {
      const patchValue = diffMaps(oe!, me!, schema, o);
      if (Object.keys(patchValue).length > 0) {
        patchValue[mergeKey] = mv;
        patch.push(patchValue);
      }
      oi++;
      mi++;
    } else if (!oin || (both && c > 0)) {
      if (!o.ignoreChangesAndAdditions) patch.push(me!);
      mi++;
    } else {
      if (!o.ignoreDeletions) {
        const d = newMap();
        d[mergeKey] = ov;
        d[DIRECTIVE] = DELETE;
        deletionList.push(d);
      }
      oi++;
    }
  }
  return [patch, deletionList];
}

function mapAndMergeKey(index: number, mergeKey: string, list: JsonValue[]): [JsonMap, JsonValue] {
  const m = list[index];
  if (!isMap(m)) throw errBadArgType("map", m);
  if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
  return [m, m[mergeKey]];
}

// ---------------------------------------------------------------- merge (client side, into the deletions)

function removeDirectives(obj: JsonValue): [JsonValue, boolean] {
  if (obj === null) return [obj, true];
  if (isMap(obj)) {
    if (has(obj, DIRECTIVE)) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      obj[k] = v;
      if (!keep) delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: JsonValue[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

function discardNullValuesFromPatch(v: JsonValue): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNullValuesFromPatch(x);
  }
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf("/");
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_PRIMITIVE_PREFIX) throw new PatchError(ERR_PRIMITIVE_LIST_FORMAT);
    if (prefix === SET_ORDER_PREFIX) throw new PatchError(ERR_SET_ORDER_FORMAT);
    throw new PatchError(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(i + 1);
}

function applyRetainKeysDirective(original: JsonMap, patch: JsonMap, o: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeysInPatch = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!o.mergeParallelList) {
    if (has(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retainKeysInPatch)) {
        throw new PatchError(
          `${sprintV(original[RETAIN_KEYS_DIRECTIVE])} and ${
            sprintV(retainKeysInPatch)
          } are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS_DIRECTIVE] = retainKeysInPatch;
    }
    return;
  }
  if (!Array.isArray(retainKeysInPatch)) throw new PatchError(ERR_RETAIN_KEYS_FORMAT);
  const keep = new Set(retainKeysInPatch.filter((x) => typeof x === "string"));
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) {
      continue;
    }
    if (!keep.has(k)) throw new PatchError(ERR_RETAIN_KEYS_FORMAT);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function validatePatchWithSetOrderList(
  patchList: JsonValue[],
  setOrderList: JsonValue[],
  mergeKey: string,
): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== "" ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0, si = 0;
  while (pi < nonDelete.length && si < setOrderList.length) {
    const item = nonDelete[pi];
    if (isMap(item) && has(item, DIRECTIVE)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrderList[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrderList.length) {
    throw new PatchError(
      `The order in patch list:\n${sprintV(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${
        sprintV(setOrderList)
      }\n`,
    );
  }
}

function partitionPrimitivesByPresentInList(
  original: JsonValue[],
  partitionBy: JsonValue[],
): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [], serverOnly: JsonValue[] = [];
  for (const v of original) {
    if (partitionBy.some((p) => goEqual(p, v))) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function findMapInSliceBasedOnKeyValue(
  m: JsonValue[],
  key: string,
  value: JsonValue,
): [JsonMap, number] | undefined {
  for (let k = 0; k < m.length; k++) {
    const v = m[k];
    if (!isMap(v)) throw new PatchError(`value for key ${k} is not a map`);
    if (has(v, key) && goEqual(v[key], value)) return [v, k];
  }
  return undefined;
}

function partitionMapsByPresentInList(
  original: JsonValue[],
  partitionBy: JsonValue[],
  mergeKey: string,
): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [], serverOnly: JsonValue[] = [];
  for (const v of original) {
    if (!isMap(v)) throw errBadArgType("map", v);
    if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    if (findMapInSliceBasedOnKeyValue(partitionBy, mergeKey, v[mergeKey])) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function mergePatchIntoOriginal(
  original: JsonMap,
  patch: JsonMap,
  schema: LookupPatchMeta,
  o: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    if (!has(patch, key)) continue;
    const setElementOrderInPatch = patch[key];
    if (!o.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], setElementOrderInPatch)) throw new PatchError(ERR_SET_ORDER_FORMAT);
      } else {
        original[key] = setElementOrderInPatch;
      }
    }
    delete patch[key];
    if (!Array.isArray(setElementOrderInPatch)) throw errBadArgType("slice", setElementOrderInPatch);
    const originalKey = extractKey(key, SET_ORDER_PREFIX);
    const foundOriginal = has(original, originalKey), foundPatch = has(patch, originalKey);
    const originalList = original[originalKey], patchList = patch[originalKey];
    let originalFieldValue: JsonValue[] = [], patchFieldValue: JsonValue[] = [];
    if (foundOriginal) {
      if (!Array.isArray(originalList)) throw errBadArgType("slice", originalList);
      originalFieldValue = originalList;
    }
    if (foundPatch) {
      if (!Array.isArray(patchList)) throw errBadArgType("slice", patchList);
      patchFieldValue = patchList;
    }
    const [sub, meta] = schema.lookupForSlice(originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchFieldValue, setElementOrderInPatch, meta.mergeKey);
    let merged: JsonValue[];
    if (foundOriginal && !foundPatch) merged = originalFieldValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchFieldValue)[0] as JsonValue[];
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalList, patchList, sub, strategy, meta.mergeKey, false, o);
    } else continue;
    const [patchItems, serverOnlyItems] = meta.mergeKey === ""
      ? partitionPrimitivesByPresentInList(merged, setElementOrderInPatch)
      : partitionMapsByPresentInList(merged, setElementOrderInPatch, meta.mergeKey);
    const kind = sliceElementKind(originalFieldValue, patchFieldValue);
    original[originalKey] = normalizeElementOrder(
      patchItems,
      serverOnlyItems,
      setElementOrderInPatch,
      originalFieldValue,
      meta.mergeKey,
      kind,
    );
    delete patch[originalKey];
  }
}

function mergeMap(
  original: JsonMap | null,
  patch: JsonMap,
  schema: LookupPatchMeta,
  o: MergeOptions,
): JsonMap {
  if (has(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === REPLACE) {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === DELETE) return newMap();
    throw new PatchError(`unknown patch type: ${sprintV(directive)} in map: ${sprintV(patch)}`);
  }
  if (original === null) original = newMap();
  applyRetainKeysDirective(original, patch, o);
  mergePatchIntoOriginal(original, patch, schema, o);
  for (let k of Object.keys(patch)) {
    if (!has(patch, k)) continue;
    const patchV = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      if (!o.mergeParallelList) {
        original[k] = patchV;
        continue;
      }
      k = extractKey(k, DELETE_PRIMITIVE_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[k];
      if (o.ignoreUnmatchedNulls) continue;
    }
    if (!has(original, k) || goKind(original[k]) !== goKind(patchV)) {
      if (!isDeleteList) {
        if (o.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
      continue;
    }
    switch (goKind(original[k])) {
      case "map": {
        const [sub, meta] = schema.lookupForStruct(k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
        original[k] = strategy !== REPLACE
          ? mergeMap(original[k] as JsonMap, patchV as JsonMap, sub, o)
          : patchV;
        break;
      }
      case "slice": {
        const [sub, meta] = schema.lookupForSlice(k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
        original[k] = mergeSliceHandler(original[k], patchV, sub, strategy, meta.mergeKey, isDeleteList, o);
        break;
      }
      default: {
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
    }
  }
  return original;
}

function mergeSliceHandler(
  original: JsonValue,
  patch: JsonValue,
  schema: LookupPatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  o: MergeOptions,
): JsonValue[] {
  if (!Array.isArray(original)) throw errBadArgType("slice", original);
  if (!Array.isArray(patch)) throw errBadArgType("slice", patch);
  if (strategy === MERGE || isDeleteList) {
    return mergeSlice(original, patch, schema, mergeKey, o, isDeleteList);
  }
  return patch;
}

function mergeSlice(
  original: JsonValue[],
  patch: JsonValue[],
  schema: LookupPatchMeta,
  mergeKey: string,
  o: MergeOptions,
  isDeleteList: boolean,
): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: JsonValue[];
  if (kind !== "map") {
    if (o.mergeParallelList && isDeleteList) {
      return original.filter((v) => !patch.some((p) => goEqual(p, v)));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === "") throw new PatchError(`cannot merge lists without merge key for ${schema.name()}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema, o);
  }
  const [patchItems, serverOnlyItems] = mergeKey === ""
    ? partitionPrimitivesByPresentInList(merged, patch)
    : partitionMapsByPresentInList(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnlyItems, patch, original, mergeKey, kind);
}

function mergeSliceWithSpecialElements(
  original: JsonValue[],
  patch: JsonValue[],
  mergeKey: string,
): [JsonValue[], JsonValue[]] {
  const withoutSpecial: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!has(m, DIRECTIVE)) {
      withoutSpecial.push(v);
      continue;
    }
    const t = m[DIRECTIVE];
    if (t === DELETE) {
      if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      const value = m[mergeKey];
      for (;;) {
        const found = findMapInSliceBasedOnKeyValue(original, mergeKey, value);
        if (!found) break;
        original = [...original.slice(0, found[1]), ...original.slice(found[1] + 1)];
      }
    } else if (t === REPLACE) {
      replace = true;
    } else if (t === MERGE) {
      throw new PatchError("merging lists cannot yet be specified in the patch");
    } else {
      throw new PatchError(`unknown patch type: ${sprintV(t)} in map: ${sprintV(m)}`);
    }
  }
  return replace ? [withoutSpecial, []] : [original, withoutSpecial];
}

function mergeSliceWithoutSpecialElements(
  original: JsonValue[],
  patch: JsonValue[],
  mergeKey: string,
  schema: LookupPatchMeta,
  o: MergeOptions,
): JsonValue[] {
  for (const v of patch) {
    const m = v as JsonMap;
    if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const found = findMapInSliceBasedOnKeyValue(original, mergeKey, m[mergeKey]);
    if (found) original[found[1]] = mergeMap(found[0], m, schema, o);
    else original = [...original, v];
  }
  return original;
}

// ---------------------------------------------------------------- entry points

function asMap(v: unknown): JsonMap {
  const c = cloneJson(v);
  return isMap(c) ? c : newMap();
}

/**
 * The three-way strategic merge patch from the last applied manifest
 * (`original`), the new manifest (`modified`) and the live object
 * (`current`), as a map: what `CreateThreeWayMergePatch` marshals.
 * `overwrite=false` fails on conflicting changes instead (helm always
 * overwrites, so that path is not implemented and throws).
 *
 * @throws PatchError with apimachinery's message
 */
export function createThreeWayMergeMapPatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  meta: LookupPatchMeta,
  overwrite = true,
  preconditions: Precondition[] = [],
): JsonMap {
  if (!overwrite) throw new PatchError("three-way merge patch without overwrite is not supported");
  const originalMap = asMap(original), modifiedMap = asMap(modified), currentMap = asMap(current);
  const deltaMap = diffMaps(currentMap, modifiedMap, meta, { ignoreDeletions: true, setElementOrder: true });
  const deletionsMap = diffMaps(originalMap, modifiedMap, meta, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
  });
  const patchMap = mergeMap(deletionsMap, deltaMap, meta, {
    mergeParallelList: false,
    ignoreUnmatchedNulls: false,
  });
  for (const fn of preconditions) if (!fn(patchMap)) throw new PreconditionFailedError(patchMap);
  return patchMap;
}

/**
 * {@link createThreeWayMergeMapPatch} as the JSON Go writes (`json.Marshal`:
 * sorted keys, HTML-safe escapes, Go's number format).
 *
 * @example
 * ```ts ignore
 * const patch = createThreeWayMergePatch(lastManifest, newManifest, live, await patchMetaForKind(kube, "apps", "v1", "Deployment"));
 * if (patch !== "{}") await kube.patch(newManifest, patch, "strategic");
 * ```
 */
export function createThreeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  meta: LookupPatchMeta,
  overwrite = true,
  preconditions: Precondition[] = [],
): string {
  return marshal(createThreeWayMergeMapPatch(original, modified, current, meta, overwrite, preconditions));
}

/** apimachinery's `CreateTwoWayMergePatch` (with `$setElementOrder` lists) as Go's JSON. */
export function createTwoWayMergePatch(
  original: unknown,
  modified: unknown,
  meta: LookupPatchMeta,
  preconditions: Precondition[] = [],
): string {
  const patchMap = diffMaps(asMap(original), asMap(modified), meta, { setElementOrder: true });
  for (const fn of preconditions) if (!fn(patchMap)) throw new PreconditionFailedError(patchMap);
  return marshal(patchMap);
}
