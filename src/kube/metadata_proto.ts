/**
 * Reads the API server's protobuf encoding of a `PartialObjectMetadataList`
 * (the answer to `Accept: application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`)
 * down to what `list` needs of each object: name, namespace and labels; and
 * of a `SecretList` or `ConfigMapList`, the same plus each item's `data`.
 * The server encodes protobuf about twice as fast as JSON and the answer is
 * a third smaller (Secret values travel as bytes, not base64), which matters
 * for `list -A` over ten thousand release records. Every other field is
 * skipped by its wire type.
 *
 * Layout (k8s.io/apimachinery's generated.proto): the body is the magic
 * `k8s\0` then a `runtime.Unknown` {1: typeMeta, 2: raw, 3: contentEncoding,
 * 4: contentType}; `raw` is the list {1: ListMeta, 2: repeated items}, each
 * item {1: ObjectMeta, 2: data as map entries (Secret, ConfigMap)}, and
 * ObjectMeta has {1: name, 3: namespace, 11: labels as map entries
 * {1: key, 2: value}}.
 *
 * @module
 */

/** What `list` reads of one object. */
export interface ListedObject {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  /** A Secret's or ConfigMap's `data`, when the list holds whole objects. */
  data?: Record<string, string>;
}

/** The protobuf media type of a metadata list, as an Accept header value. */
export const PROTOBUF_METADATA_LIST =
  "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

/** The protobuf media type of whole objects. */
export const PROTOBUF = "application/vnd.kubernetes.protobuf";

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder();
// Byte for byte into one string: ASCII fields are then substrings (native, no per-byte loop in JS).
const latin1 = new TextDecoder("latin1");
const NON_ASCII = /[\u0080-\uffff]/;

// Ten thousand records make this loop hot: it keeps its cursor in module
// state and reads varints inline rather than allocating a reader object or
// a [start, end) pair per field (that was two thirds of its time).
let buf: Uint8Array = new Uint8Array(0);
let text = "";
let pos = 0;

function varint(end: number): number {
  let out = 0;
  let scale = 1;
  for (;;) {
    if (pos >= end) throw new Error("protobuf: truncated varint");
    const b = buf[pos++];
    out += (b & 0x7f) * scale;
    if (b < 0x80) return out;
    scale *= 128;
    if (scale > 2 ** 63) throw new Error("protobuf: varint too long");
  }
}

/** The length of the length-delimited field at the cursor; the cursor moves to its first byte. */
function lengthAt(end: number): number {
  const len = varint(end);
  if (pos + len > end) throw new Error("protobuf: truncated field");
  return len;
}

function skip(wire: number, end: number): void {
  if (wire === 0) varint(end);
  else if (wire === 1) pos += 8;
  else if (wire === 2) {
    // Not `pos += lengthAt(end)`: that reads `pos` before the call moves it past the length.
    const len = lengthAt(end);
    pos += len;
  } else if (wire === 5) pos += 4;
  else throw new Error(`protobuf: unsupported wire type ${wire}`);
}

/** The string in bytes [s, e). */
function stringAt(s: number, e: number): string {
  const out = text.substring(s, e);
  return NON_ASCII.test(out) ? utf8.decode(buf.subarray(s, e)) : out;
}

// Label keys repeat on every record: the same string objects make the label objects share one shape.
const KNOWN_KEYS = ["name", "owner", "status", "version", "createdAt", "modifiedAt"];

function keyAt(s: number, e: number): string {
  for (const k of KNOWN_KEYS) {
    if (k.length !== e - s) continue;
    let i = 0;
    while (i < k.length && k.charCodeAt(i) === buf[s + i]) i++;
    if (i === k.length) return k;
  }
  return stringAt(s, e);
}

// Tags as (field << 3) | wire type; every field read here is length-delimited (wire type 2).
const LEN = (field: number) => (field << 3) | 2;
const NAME = LEN(1);
const NAMESPACE = LEN(3);
const LABELS = LEN(11);

/** A map entry {1: key, 2: value} of strings into `map`. */
function entryInto(map: Record<string, string>, end: number): void {
  let key = "";
  let value = "";
  while (pos < end) {
    const t = varint(end);
    if (t === NAME || t === LEN(2)) {
      const len = lengthAt(end);
      if (t === NAME) key = keyAt(pos, pos + len);
      else value = stringAt(pos, pos + len);
      pos += len;
    } else skip(t & 7, end);
  }
  map[key] = value;
}

function objectMeta(end: number): ListedObject {
  const out: ListedObject = { name: "", namespace: undefined, labels: {} };
  while (pos < end) {
    const t = varint(end);
    if (t === NAME || t === NAMESPACE || t === LABELS) {
      const len = lengthAt(end);
      const fieldEnd = pos + len;
      if (t === NAME) out.name = stringAt(pos, fieldEnd);
      else if (t === NAMESPACE) out.namespace = stringAt(pos, fieldEnd);
      else entryInto(out.labels, fieldEnd);
      pos = fieldEnd;
    } else skip(t & 7, end);
  }
  if (out.namespace === undefined) delete out.namespace;
  return out;
}

/**
 * Decodes a protobuf list body into each item's name, namespace and labels:
 * a `PartialObjectMetadataList`, or a `SecretList`/`ConfigMapList`, whose
 * items also carry their `data` (field 2 of both kinds: a Secret's values
 * are its bytes read as Latin-1, which for release records is base64 text).
 *
 * @throws Error when the body is not a protobuf list or is truncated
 */
export function decodeObjectList(body: Uint8Array): ListedObject[] {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw new Error("protobuf: no k8s envelope");
  buf = body;
  text = latin1.decode(body);
  try {
    pos = 4;
    let raw = -1;
    let rawEnd = -1;
    while (pos < body.length) {
      const t = varint(body.length);
      if (t === LEN(2)) {
        const len = lengthAt(body.length);
        raw = pos;
        rawEnd = pos + len;
        pos = rawEnd;
      } else skip(t & 7, body.length);
    }
    if (raw < 0) throw new Error("protobuf: envelope without an object");
    const items: ListedObject[] = [];
    pos = raw;
    while (pos < rawEnd) {
      const t = varint(rawEnd);
      if (t !== LEN(2)) {
        skip(t & 7, rawEnd);
        continue;
      }
      const itemLen = lengthAt(rawEnd);
      const itemEnd = pos + itemLen;
      let item: ListedObject = { name: "", labels: {} };
      let data: Record<string, string> | undefined;
      while (pos < itemEnd) {
        const u = varint(itemEnd);
        if (u === NAME || u === LEN(2)) {
          const fieldLen = lengthAt(itemEnd);
          const fieldEnd = pos + fieldLen;
          if (u === NAME) item = objectMeta(fieldEnd);
          else entryInto(data ??= {}, fieldEnd);
          pos = fieldEnd;
        } else skip(u & 7, itemEnd);
      }
      if (data) item.data = data;
      items.push(item);
    }
    return items;
  } finally {
    buf = new Uint8Array(0);
    text = "";
  }
}
