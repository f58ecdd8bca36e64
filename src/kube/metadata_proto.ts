/**
 * Reads the API server's protobuf encoding of a `PartialObjectMetadataList`
 * (the answer to `Accept: application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`)
 * down to what `list` needs of each object: name, namespace and labels.
 * The server encodes protobuf about twice as fast as JSON and the answer is
 * a third smaller, which matters for `list -A` over ten thousand release
 * records. Every other field is skipped by its wire type.
 *
 * Layout (k8s.io/apimachinery's generated.proto): the body is the magic
 * `k8s\0` then a `runtime.Unknown` {1: typeMeta, 2: raw, 3: contentEncoding,
 * 4: contentType}; `raw` is the list {1: ListMeta, 2: repeated items}, each
 * item {1: ObjectMeta}, and ObjectMeta has {1: name, 3: namespace,
 * 11: labels as map entries {1: key, 2: value}}.
 *
 * @module
 */

/** What `list` reads of one object. */
export interface ObjectMetaLite {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
}

/** The protobuf media type of a metadata list, as an Accept header value. */
export const PROTOBUF_METADATA_LIST =
  "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const decoder = new TextDecoder();

/**
 * Strings seen before, by a hash of their bytes: label keys, release names
 * (ten revisions each), statuses and versions repeat, and comparing bytes
 * is cheaper than building a new string.
 */
class Interner {
  readonly #seen = new Map<number, string>();

  text(buf: Uint8Array, s: number, e: number): string {
    if (e - s > 64) return decoder.decode(buf.subarray(s, e));
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const key = (h >>> 0) * 64 + (e - s);
    const known = this.#seen.get(key);
    if (known !== undefined && same(known, buf, s, e)) return known;
    let out = "";
    for (let i = s; i < e; i++) {
      const c = buf[i];
      if (c >= 0x80) return decoder.decode(buf.subarray(s, e));
      out += String.fromCharCode(c);
    }
    this.#seen.set(key, out);
    return out;
  }
}

function same(str: string, buf: Uint8Array, s: number, e: number): boolean {
  if (str.length !== e - s) return false;
  for (let i = 0; i < str.length; i++) if (str.charCodeAt(i) !== buf[s + i]) return false;
  return true;
}

/** A protobuf reader over one message's bytes. */
class Reader {
  pos: number;
  constructor(readonly buf: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  varint(): number {
    let out = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error("protobuf: truncated varint");
      const b = this.buf[this.pos++];
      out += (b & 0x7f) * scale;
      if (b < 0x80) return out;
      scale *= 128;
      if (scale > 2 ** 63) throw new Error("protobuf: varint too long");
    }
  }

  /** The next field's number and wire type, or undefined at the end. */
  tag(): number {
    return this.pos >= this.end ? -1 : this.varint();
  }

  /** A length-delimited field's [start, end), skipped over. */
  bytes(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) throw new Error("protobuf: truncated field");
    this.pos = start + len;
    return [start, start + len];
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
}

// Tags as (field << 3) | wire type; every field read here is length-delimited (wire type 2).
const LEN = (field: number) => (field << 3) | 2;

function objectMeta(buf: Uint8Array, start: number, end: number, strings: Interner): ObjectMetaLite {
  const r = new Reader(buf, start, end);
  const out: ObjectMetaLite = { name: "", labels: {} };
  for (let t = r.tag(); t >= 0; t = r.tag()) {
    if (t === LEN(1)) {
      const [s, e] = r.bytes();
      out.name = strings.text(buf, s, e);
    } else if (t === LEN(3)) {
      const [s, e] = r.bytes();
      out.namespace = strings.text(buf, s, e);
    } else if (t === LEN(11)) {
      const [s, e] = r.bytes();
      const entry = new Reader(buf, s, e);
      let key = "";
      let value = "";
      for (let u = entry.tag(); u >= 0; u = entry.tag()) {
        if (u === LEN(1)) {
          const [ks, ke] = entry.bytes();
          key = strings.text(buf, ks, ke);
        } else if (u === LEN(2)) {
          const [vs, ve] = entry.bytes();
          value = strings.text(buf, vs, ve);
        } else entry.skip(u & 7);
      }
      out.labels[key] = value;
    } else r.skip(t & 7);
  }
  return out;
}

/**
 * The objects of a protobuf `PartialObjectMetadataList` body.
 *
 * @throws Error when the bytes are not one (callers fall back to JSON)
 */
export function decodeMetadataList(body: Uint8Array): ObjectMetaLite[] {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw new Error("protobuf: no k8s envelope");
  const envelope = new Reader(body, 4, body.length);
  let raw: [number, number] | undefined;
  for (let t = envelope.tag(); t >= 0; t = envelope.tag()) {
    if (t === LEN(2)) raw = envelope.bytes();
    else envelope.skip(t & 7);
  }
  if (!raw) throw new Error("protobuf: envelope without an object");
  const strings = new Interner();
  const list = new Reader(body, raw[0], raw[1]);
  const items: ObjectMetaLite[] = [];
  for (let t = list.tag(); t >= 0; t = list.tag()) {
    if (t !== LEN(2)) {
      list.skip(t & 7);
      continue;
    }
    const [s, e] = list.bytes();
    const item = new Reader(body, s, e);
    for (let u = item.tag(); u >= 0; u = item.tag()) {
      if (u === LEN(1)) {
        const [ms, me] = item.bytes();
        items.push(objectMeta(body, ms, me, strings));
      } else item.skip(u & 7);
    }
  }
  return items;
}
