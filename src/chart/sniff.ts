/**
 * Go's `net/http.DetectContentType` (the WHATWG sniffing table), which helm
 * names in its error for a file that is not a gzipped archive.
 *
 * @module
 */

type Sig = (data: Uint8Array, firstNonWS: number) => string;

const bytes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

function hasPrefix(data: Uint8Array, sig: number[]): boolean {
  if (data.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (data[i] !== sig[i]) return false;
  return true;
}

function exact(sig: string, ct: string): Sig {
  const b = bytes(sig);
  return (data) => hasPrefix(data, b) ? ct : "";
}

function masked(mask: string, pat: string, ct: string, skipWS = false): Sig {
  const m = bytes(mask);
  const p = bytes(pat);
  return (data, firstNonWS) => {
    if (skipWS) data = data.subarray(firstNonWS);
    if (data.length < p.length) return "";
    for (let i = 0; i < p.length; i++) if ((data[i] & m[i]) !== p[i]) return "";
    return ct;
  };
}

function html(tag: string): Sig {
  const h = bytes(tag);
  return (data, firstNonWS) => {
    data = data.subarray(firstNonWS);
    if (data.length < h.length + 1) return "";
    for (let i = 0; i < h.length; i++) {
      let db = data[i];
      if (h[i] >= 0x41 && h[i] <= 0x5a) db &= 0xdf;
      if (h[i] !== db) return "";
    }
    const next = data[h.length];
    if (next !== 0x20 && next !== 0x3e) return "";
    return "text/html; charset=utf-8";
  };
}

const mp4: Sig = (data) => {
  if (data.length < 12) return "";
  const boxSize = ((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0;
  if (data.length < boxSize || boxSize % 4 !== 0) return "";
  if (data[4] !== 0x66 || data[5] !== 0x74 || data[6] !== 0x79 || data[7] !== 0x70) return "";
  for (let st = 8; st < boxSize; st += 4) {
    if (st === 12) continue;
    if (data[st] === 0x6d && data[st + 1] === 0x70 && data[st + 2] === 0x34) return "video/mp4";
  }
  return "";
};

const text: Sig = (data, firstNonWS) => {
  for (let i = firstNonWS; i < data.length; i++) {
    const b = data[i];
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return "";
  }
  return "text/plain; charset=utf-8";
};

const FF4 = "\xFF\xFF\xFF\xFF";
const SIGNATURES: Sig[] = [
  html("<!DOCTYPE HTML"),
  html("<HTML"),
  html("<HEAD"),
  html("<SCRIPT"),
  html("<IFRAME"),
  html("<H1"),
  html("<DIV"),
  html("<FONT"),
  html("<TABLE"),
  html("<A"),
  html("<STYLE"),
  html("<TITLE"),
  html("<B"),
  html("<BODY"),
  html("<BR"),
  html("<P"),
  html("<!--"),
  masked("\xFF\xFF\xFF\xFF\xFF", "<?xml", "text/xml; charset=utf-8", true),
  exact("%PDF-", "application/pdf"),
  exact("%!PS-Adobe-", "application/postscript"),
  masked("\xFF\xFF\x00\x00", "\xFE\xFF\x00\x00", "text/plain; charset=utf-16be"),
  masked("\xFF\xFF\x00\x00", "\xFF\xFE\x00\x00", "text/plain; charset=utf-16le"),
  masked("\xFF\xFF\xFF\x00", "\xEF\xBB\xBF\x00", "text/plain; charset=utf-8"),
  exact("\x00\x00\x01\x00", "image/x-icon"),
  exact("\x00\x00\x02\x00", "image/x-icon"),
  exact("BM", "image/bmp"),
  exact("GIF87a", "image/gif"),
  exact("GIF89a", "image/gif"),
  masked(FF4 + "\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF", "RIFF\x00\x00\x00\x00WEBPVP", "image/webp"),
  exact("\x89PNG\x0D\x0A\x1A\x0A", "image/png"),
  exact("\xFF\xD8\xFF", "image/jpeg"),
  masked(FF4 + "\x00\x00\x00\x00" + FF4, "FORM\x00\x00\x00\x00AIFF", "audio/aiff"),
  masked("\xFF\xFF\xFF", "ID3", "audio/mpeg"),
  masked("\xFF\xFF\xFF\xFF\xFF", "OggS\x00", "application/ogg"),
  masked(FF4 + FF4, "MThd\x00\x00\x00\x06", "audio/midi"),
  masked(FF4 + "\x00\x00\x00\x00" + FF4, "RIFF\x00\x00\x00\x00AVI ", "video/avi"),
  masked(FF4 + "\x00\x00\x00\x00" + FF4, "RIFF\x00\x00\x00\x00WAVE", "audio/wave"),
  mp4,
  exact("\x1A\x45\xDF\xA3", "video/webm"),
  masked("\x00".repeat(34) + "\xFF\xFF", "\x00".repeat(34) + "LP", "application/vnd.ms-fontobject"),
  exact("\x00\x01\x00\x00", "font/ttf"),
  exact("OTTO", "font/otf"),
  exact("ttcf", "font/collection"),
  exact("wOFF", "font/woff"),
  exact("wOF2", "font/woff2"),
  exact("\x1F\x8B\x08", "application/x-gzip"),
  exact("PK\x03\x04", "application/zip"),
  exact("Rar!\x1A\x07\x00", "application/x-rar-compressed"),
  exact("Rar!\x1A\x07\x01\x00", "application/x-rar-compressed"),
  exact("\x00\x61\x73\x6D", "application/wasm"),
  text,
];

/** Go's `http.DetectContentType`: the MIME type of (at most 512 bytes of) `data`. */
export function detectContentType(data: Uint8Array): string {
  if (data.length > 512) data = data.subarray(0, 512);
  let firstNonWS = 0;
  while (firstNonWS < data.length) {
    const b = data[firstNonWS];
    if (b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x20) break;
    firstNonWS++;
  }
  for (const sig of SIGNATURES) {
    const ct = sig(data, firstNonWS);
    if (ct !== "") return ct;
  }
  return "application/octet-stream";
}
