/**
 * Moving client-side-apply field ownership to server-side apply, as
 * client-go's `csaupgrade.UpgradeManagedFieldsPatch` does for helm 4 when
 * it first server-side applies a release helm 3 (or `--server-side=false`)
 * installed: the `Update` entry of manager `helm` in `metadata.managedFields`
 * becomes (or is merged into) the `Apply` entry of `helm`, so the next
 * apply owns — and may remove — those fields instead of conflicting with
 * them. The patch is a JSON patch replacing `managedFields`, guarded by the
 * object's `resourceVersion`.
 *
 * The field sets (`fieldsV1`) are unioned and written in
 * structured-merge-diff's order, as the API server writes them.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import { marshal, quoteJsonString } from "../gojson/mod.ts";
import { goStringCompare } from "./json_value.ts";
import type { KubeObject } from "./client.ts";

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

// ---------------------------------------------------------------- field sets

type PeValue = null | boolean | number | string | PeValue[] | { [k: string]: PeValue };

interface PathElement {
  /** The element as read (`f:name`, `k:{…}`, `v:…`, `i:0`). */
  text: string;
  type: 0 | 1 | 2 | 3; // field, key, value, index: structured-merge-diff's order
  field?: string;
  key?: Array<[string, PeValue]>;
  value?: PeValue;
  index?: number;
}

interface FieldSet {
  members: PathElement[];
  children: Array<{ pe: PathElement; set: FieldSet }>;
}

function parsePathElement(text: string): PathElement | undefined {
  const body = text.slice(2);
  switch (text.slice(0, 2)) {
    case "f:":
      return { text, type: 0, field: body };
    case "k:": {
      const obj = JSON.parse(body) as Record<string, PeValue>;
      const key = Object.entries(obj).sort((a, b) => goStringCompare(a[0], b[0]));
      return { text, type: 1, key };
    }
    case "v:":
      return { text, type: 2, value: JSON.parse(body) as PeValue };
    case "i:":
      return { text, type: 3, index: Number.parseInt(body, 10) };
  }
  return undefined; // unknown element types are skipped, as structured-merge-diff does
}

function valueRank(v: PeValue): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  if (typeof v === "boolean") return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null) return 4;
  return 5;
}

function compareValues(a: PeValue, b: PeValue): number {
  const ra = valueRank(a), rb = valueRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return goStringCompare(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const x = a as PeValue[], y = b as PeValue[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 4: {
      const x = Object.entries(a as object).sort((p, q) => goStringCompare(p[0], q[0]));
      const y = Object.entries(b as object).sort((p, q) => goStringCompare(p[0], q[0]));
      return compareFieldLists(x, y);
    }
  }
  return 0;
}

function compareFieldLists(a: Array<[string, PeValue]>, b: Array<[string, PeValue]>): number {
  for (let i = 0;; i++) {
    if (i >= a.length && i >= b.length) return 0;
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const c = goStringCompare(a[i][0], b[i][0]) || compareValues(a[i][1], b[i][1]);
    if (c !== 0) return c;
  }
}

function comparePe(a: PathElement, b: PathElement): number {
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  switch (a.type) {
    case 0:
      return goStringCompare(a.field!, b.field!);
    case 1:
      return compareFieldLists(a.key!, b.key!);
    case 2:
      return compareValues(a.value!, b.value!);
    default:
      return a.index! < b.index! ? -1 : a.index! > b.index! ? 1 : 0;
  }
}

function insertSorted<T>(list: T[], item: T, cmp: (a: T) => number): void {
  let i = list.length;
  while (i > 0 && cmp(list[i - 1]) > 0) i--;
  if (i > 0 && cmp(list[i - 1]) === 0) list[i - 1] = item;
  else list.splice(i, 0, item);
}

/** structured-merge-diff's `SerializePathElement` (values re-encoded, HTML-safe, keys in name order). */
function serializePe(pe: PathElement): string {
  switch (pe.type) {
    case 0:
      return `f:${pe.field}`;
    case 1:
      return `k:{${pe.key!.map(([n, v]) => `${quoteJsonString(n)}:${marshal(v)}`).join(",")}}`;
    case 2:
      return `v:${marshal(pe.value)}`;
    default:
      return `i:${pe.index}`;
  }
}

/** structured-merge-diff's `Set.FromJSON`; undefined children mean "a member only". */
function readSet(obj: Record<string, unknown>): [FieldSet | undefined, boolean] {
  let children: FieldSet | undefined;
  let isMember = false;
  for (const [k, v] of Object.entries(obj)) {
    if (k === ".") {
      isMember = true;
      continue;
    }
    const pe = parsePathElement(k);
    if (!pe) continue;
    const [grand, childIsMember] = readSet(v && typeof v === "object" ? v as Record<string, unknown> : {});
    if (childIsMember) {
      children ??= { members: [], children: [] };
      insertSorted(children.members, pe, (x) => comparePe(x, pe));
    }
    if (grand) {
      children ??= { members: [], children: [] };
      insertSorted(children.children, { pe, set: grand }, (x) => comparePe(x.pe, pe));
    }
  }
  if (!children) isMember = true;
  return [children, isMember];
}

function union(a: FieldSet, b: FieldSet): FieldSet {
  const members: PathElement[] = [];
  let i = 0, j = 0;
  while (i < a.members.length && j < b.members.length) {
    const c = comparePe(a.members[i], b.members[j]);
    if (c < 0) members.push(a.members[i++]);
    else if (c > 0) members.push(b.members[j++]);
    else {
      members.push(a.members[i++]);
      j++;
    }
  }
  members.push(...a.members.slice(i), ...b.members.slice(j));
  const children: FieldSet["children"] = [];
  i = 0;
  j = 0;
  while (i < a.children.length && j < b.children.length) {
    const c = comparePe(a.children[i].pe, b.children[j].pe);
    if (c < 0) children.push(a.children[i++]);
    else if (c > 0) children.push(b.children[j++]);
    else {
      children.push({ pe: a.children[i].pe, set: union(a.children[i].set, b.children[j].set) });
      i++;
      j++;
    }
  }
  children.push(...a.children.slice(i), ...b.children.slice(j));
  return { members, children };
}

/** `Set.ToJSON`: members and children merged in element order, `"."` first where an element is both. */
function writeSet(s: FieldSet, includeSelf: boolean): string {
  const parts: string[] = [];
  if (includeSelf && (s.members.length > 0 || s.children.length > 0)) parts.push(`".":{}`);
  let mi = 0, ci = 0;
  while (mi < s.members.length || ci < s.children.length) {
    const m = s.members[mi], ch = s.children[ci];
    const c = !m ? 1 : !ch ? -1 : comparePe(m, ch.pe);
    if (c < 0) {
      parts.push(`${quoteJsonString(serializePe(m))}:{}`);
      mi++;
    } else if (c > 0) {
      parts.push(`${quoteJsonString(serializePe(ch.pe))}:{${writeSet(ch.set, false)}}`);
      ci++;
    } else {
      parts.push(`${quoteJsonString(serializePe(ch.pe))}:{${writeSet(ch.set, true)}}`);
      mi++;
      ci++;
    }
  }
  return parts.join(",");
}

function decodeFields(e: ManagedFieldsEntry): FieldSet {
  try {
    return readSet(e.fieldsV1 ?? {})[0] ?? { members: [], children: [] };
  } catch (err) {
    throw new ChartaError(`failed to convert fields to set: ${(err as Error).message}`);
  }
}

// ---------------------------------------------------------------- managed fields

/** A managed-fields entry with its `fieldsV1` as raw JSON text (Go keeps it as bytes). */
interface RawEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: string;
  subresource?: string;
}

function toRaw(e: ManagedFieldsEntry): RawEntry {
  return {
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    fieldsType: e.fieldsType,
    fieldsV1: e.fieldsV1 === undefined || e.fieldsV1 === null ? undefined : marshal(e.fieldsV1),
    subresource: e.subresource,
  };
}

function sameRaw(a: RawEntry, b: RawEntry): boolean {
  return a.manager === b.manager && a.operation === b.operation && a.apiVersion === b.apiVersion &&
    a.time === b.time && a.fieldsType === b.fieldsType && a.fieldsV1 === b.fieldsV1 &&
    a.subresource === b.subresource;
}

/** Go's `json.Marshal` of a `ManagedFieldsEntry`: struct field order, empty fields left out. */
function writeEntry(e: RawEntry): string {
  const parts: string[] = [];
  const str = (k: string, v: string | undefined) => {
    if (v) parts.push(`"${k}":${quoteJsonString(v)}`);
  };
  str("manager", e.manager);
  str("operation", e.operation);
  str("apiVersion", e.apiVersion);
  if (e.time) parts.push(`"time":${quoteJsonString(e.time)}`);
  str("fieldsType", e.fieldsType);
  if (e.fieldsV1 !== undefined) parts.push(`"fieldsV1":${e.fieldsV1}`);
  str("subresource", e.subresource);
  return `{${parts.join(",")}}`;
}

function upgradeOne(
  entries: RawEntry[] | undefined,
  csaManager: string,
  ssaManager: string,
): RawEntry[] | undefined {
  if (!entries) return undefined;
  const list = entries.map((e) => ({ ...e }));
  const sub = ""; // helm upgrades the main resource only
  let target = list.findIndex((e) =>
    e.manager === ssaManager && e.operation === "Apply" && (e.subresource ?? "") === sub
  );
  if (target < 0) {
    target = list.findIndex((e) =>
      e.manager === csaManager && e.operation === "Update" && (e.subresource ?? "") === sub
    );
    if (target < 0) return list;
    list[target].operation = "Apply";
    list[target].manager = ssaManager;
  }
  const t = list[target];
  const csa = list.find((e) =>
    e.manager === csaManager && e.operation === "Update" && (e.subresource ?? "") === sub &&
    e.apiVersion === t.apiVersion
  );
  const parse = (raw: string | undefined): FieldSet =>
    decodeFields({ fieldsV1: raw === undefined ? undefined : JSON.parse(raw) });
  let combined = parse(t.fieldsV1);
  if (csa) combined = union(combined, parse(csa.fieldsV1));
  t.fieldsV1 = `{${writeSet(combined, false)}}`;
  const filtered = list.filter((e) =>
    !(e.manager === csaManager && e.operation === "Update" && (e.subresource ?? "") === sub)
  );
  return filtered.length === 0 ? undefined : filtered;
}

/**
 * client-go's `csaupgrade.UpgradeManagedFieldsPatch`: the JSON patch (as Go
 * writes it) that hands the fields the client-side `managers` own to the
 * server-side `applyManager`, or undefined when there is nothing to move.
 *
 * @example
 * ```ts ignore
 * const patch = upgradeManagedFieldsPatch(live, new Set(["helm"]), "helm");
 * if (patch) await kube.patch(live, patch, "json");
 * ```
 */
export function upgradeManagedFieldsPatch(
  live: KubeObject,
  managers: ReadonlySet<string>,
  applyManager: string,
): string | undefined {
  const entries = live.metadata?.managedFields;
  if (entries !== undefined && entries !== null && !Array.isArray(entries)) {
    throw new ChartaError("managedFields is not a list");
  }
  const before = (entries as ManagedFieldsEntry[] | undefined)?.map(toRaw);
  let after = before;
  for (const m of managers) after = upgradeOne(after, m, applyManager);
  const same = before === after ||
    (before !== undefined && after !== undefined && before.length === after.length &&
      before.every((e, i) => sameRaw(e, after![i])));
  if (same) return undefined;
  const value = after ? `[${after.map(writeEntry).join(",")}]` : "null";
  return `[{"op":"replace","path":"/metadata/managedFields","value":${value}},` +
    `{"op":"replace","path":"/metadata/resourceVersion","value":${
      quoteJsonString(live.metadata?.resourceVersion ?? "")
    }}]`;
}
