import assert from "node:assert/strict";
import { encodingFuncs } from "./encoding.ts";
import { c, runCases } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts).
// deno-fmt-ignore
export const CASES = [
  c("b64enc", "").is(""),
  c("b64enc", "f").is("Zg=="),
  c("b64enc", "fo").is("Zm8="),
  c("b64enc", "foo").is("Zm9v"),
  c("b64enc", "hello world\n").is("aGVsbG8gd29ybGQK"),
  c("b64enc", "héllo ☃ 😀").is("aMOpbGxvIOKYgyDwn5iA"),
  c("b64enc", "\udcff\udcfe").is("//4="),
  c("b64enc", "\u0000\u00ff").is("AMO/"),
  c("b64dec", "aGVsbG8=").is("hello"),
  c("b64dec", "aGk=").is("hi"),
  c("b64dec", "aGk").is("illegal base64 data at input byte 0"),
  c("b64dec", "aA==").is("h"),
  c("b64dec", "aA=").is("illegal base64 data at input byte 3"),
  c("b64dec", "aA").is("illegal base64 data at input byte 0"),
  c("b64dec", "a").is("illegal base64 data at input byte 0"),
  c("b64dec", "").is(""),
  c("b64dec", "aGVs\nbG8=\r\n").is("hello"),
  c("b64dec", "aGVsbG8=x").is("illegal base64 data at input byte 8"),
  c("b64dec", "aGVs bG8=").is("illegal base64 data at input byte 4"),
  c("b64dec", "aGVsbG8-").is("illegal base64 data at input byte 7"),
  c("b64dec", "aGVsbG8_").is("illegal base64 data at input byte 7"),
  c("b64dec", "=aGk").is("illegal base64 data at input byte 0"),
  c("b64dec", "aG=k").is("illegal base64 data at input byte 2"),
  c("b64dec", "aGk==").is("illegal base64 data at input byte 4"),
  c("b64dec", "aA=\n=").is("h"),
  c("b64dec", "aA=\nx").is("illegal base64 data at input byte 3"),
  c("b64dec", "/w==").is("\udcff"),
  c("b64dec", "w6k=").is("é"),
  c("b64dec", "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=").is("hello world hello world"),
  c("b64dec", "aGVsbG8gd29y!GQgaGVsbG8gd29ybGQ=").is("illegal base64 data at input byte 12"),
  c("b64dec", "YQ==YQ==").is("illegal base64 data at input byte 4"),
  c("b64dec", "aGk=\n").is("hi"),
  c("b32enc", "").is(""),
  c("b32enc", "f").is("MY======"),
  c("b32enc", "fo").is("MZXQ===="),
  c("b32enc", "foo").is("MZXW6==="),
  c("b32enc", "foob").is("MZXW6YQ="),
  c("b32enc", "fooba").is("MZXW6YTB"),
  c("b32enc", "foobar").is("MZXW6YTBOI======"),
  c("b32enc", "héllo").is("NDB2S3DMN4======"),
  c("b32dec", "MZXW6YTBOI======").is("foobar"),
  c("b32dec", "MZXW6===").is("foo"),
  c("b32dec", "MZXW6").is("illegal base32 data at input byte 0"),
  c("b32dec", "MZXW6YQ=").is("foob"),
  c("b32dec", "mzxw6===").is("illegal base32 data at input byte 0"),
  c("b32dec", "MZ======").is("f"),
  c("b32dec", "M=======").is("illegal base32 data at input byte 1"),
  c("b32dec", "MZX=====").is("illegal base32 data at input byte 3"),
  c("b32dec", "MZXW6YT=").is("foob"),
  c("b32dec", "MZXW6==").is("illegal base32 data at input byte 7"),
  c("b32dec", "MZ\nXW6===").is("foo"),
  c("b32dec", "MZXW6=X=").is("illegal base32 data at input byte 5"),
  c("b32dec", "MZXW6===MZXW6===").is("illegal base32 data at input byte 5"),
  c("b32dec", "1ZXW6===").is("illegal base32 data at input byte 0"),
  c("b32dec", "").is(""),
  c("b32dec", "MZXW6===ABC").is("foo"),
];

runCases("encoding", encodingFuncs, CASES);

Deno.test("encoding: binary data survives b64dec then b64enc", () => {
  const dec = encodingFuncs.b64dec.fn as (s: string) => string;
  const enc = encodingFuncs.b64enc.fn as (s: string) => string;
  for (const s of ["/w==", "AP8A/w==", "gICA", "7aCA"]) assert.equal(enc(dec(s)), s);
});
