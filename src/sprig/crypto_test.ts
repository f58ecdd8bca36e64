import assert from "node:assert/strict";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { compareSync } from "bcrypt-ts/browser";
import { type Certificate, cryptoFuncs } from "./crypto.ts";
import { sprigFuncs } from "./mod.ts";
import { c, I, runCases, runTemplateCases, tc } from "./test_cases.ts";

// Expectations come from Sprig v3.3.0 itself (see gen/oracle.ts). The AES
// ciphertexts were produced by Sprig's encryptAES, and the derivePassword
// vectors by Sprig through a Go template (the oracle harness has no uint32).
// deno-fmt-ignore
export const CASES = [
  c("sha1sum", "abc").is("a9993e364706816aba3e25717850c26c9cd0d89d"),
  c("sha256sum", "").is("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  c("sha256sum", "\udcff\udcfe").is("b3d510ef04275ca8e698e5b3cbb0ece3949ef9252f0cdc839e9ee347409a2209"),
  c("sha512sum", "ünï").is("62bd93a7308b5e00bf1acbc8289ece6ec8b27daf105bc6a250f1aec579e9277e2a7430132a438a52aa05d6a6b8876772d7423d230b46f2a07b9644eb453ab0f3"),
  c("adler32sum", "Wikipedia").is("300286872"),
  c("adler32sum", "").is("1"),
  c("derivePassword", I(1, "uint32"), "long", "password", "user", "example.com").is("ZedaFaxcZaso9*"),
  c("derivePassword", I(7, "uint32"), "maximum", "pässwörd", "üser", "site.org").is("vlYF$i(roU6w^yudGn4="),
  c("derivePassword", I(0, "uint32"), "pin", "", "", "").is("2847"),
  c("derivePassword", I(4294967295, "uint32"), "basic", "p", "u", "s").is("jAL77fma"),
  c("derivePassword", I(3, "uint32"), "medium", "x", "y", "z").is("GibWec1%"),
  c("derivePassword", I(3, "uint32"), "short", "x", "y", "z").is("Gib4"),
  c("derivePassword", I(1, "uint32"), "nope", "x", "y", "z").is("cannot find password template nope"),
  c("htpasswd", "a:b", "x").is("invalid username: a:b"),
  c("bcrypt", "0123456789012345678901234567890123456789012345678901234567890123456789012").is("failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"),
  c("encryptAES", "secret", "").is(""),
  c("decryptAES", "secret", "kJuvhpanhHnN+i3OOYac3hmWbdaX4n3KhuTuCvCeY+M=").is("hello world"),
  c("decryptAES", "a-very-long-password-that-exceeds-32-bytes!!", "hCSqg92Bk3i7B0ukL3UEdO9vZmhPuOroIpap4jRCS42NOG3vEeH7FuEJfpT9GT76").is("exactly 16 bytes"),
  c("decryptAES", "", "NcBMeEUGaD/hCbdCgxmPggUPdOm5zdld1mnb6JlKgjI=").is("ünïcødé ✓"),
  c("decryptAES", "k", "").is(""),
  c("decryptAES", "k", "!!").fails("illegal base64 data at input byte 0"),
  c("decryptAES", "k", "YWJj").fails("runtime error: slice bounds out of range [:16] with capacity 3"),
  c("decryptAES", "k", "AAAAAAAAAAAAAAAAAAAAAA==").fails("runtime error: index out of range [-1]"),
  c("decryptAES", "k", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").fails("runtime error: slice bounds out of range [:-19]"),
  c("decryptAES", "k", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==").fails("crypto/cipher: input not full blocks"),
  c("genPrivateKey", "foo").is("Unknown type foo"),
  c("randBytes", I(-1)).fails("runtime error: makeslice: len out of range"),
  c("randBytes", I(0)).is(""),
  c("buildCustomCert", "!!", "x").fails("unable to decode base64 certificate"),
  c("buildCustomCert", "anVuaw==", "eA==").fails("unable to decode certificate"),
  c("genCAWithKey", "x", I(1), "garbage").fails("parsing private key: no PEM data in input"),
  c("genCAWithKey", "x", I(1), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").fails("parsing private key: no private key data in PEM block of type CERTIFICATE"),
  c("genCAWithKey", "x", I(1), "-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n").fails("parsing private key: invalid private key type FOO PRIVATE KEY"),
  c("genSelfSignedCert", "x", ["1.2.3"], null, I(1)).fails("error parsing ip: 1.2.3"),
  c("genSelfSignedCert", "x", [I(1)], null, I(1)).fails("error parsing ip: 1 is not a string"),
  c("genSelfSignedCert", "x", null, [true], I(1)).fails("error processing alternate dns name: true is not a string"),
  c("genSelfSignedCert", "x", null, ["ü.com"], I(1)).fails('error creating certificate: x509: "ü.com" cannot be encoded as an IA5String'),
];

runCases("crypto", cryptoFuncs, CASES);

// deno-fmt-ignore
export const TEMPLATE_CASES = [
  tc('{{ $k := genPrivateKey "dsa" }}{{ (genCAWithKey "x" 1 $k).Cert }}').fails('template: t:1:35: executing "t" at <genCAWithKey "x" 1 $k>: error calling genCAWithKey: error creating certificate: x509: certificate private key does not implement crypto.Signer'),
  tc('{{ $ca := genCA "ca" 1 }}{{ (genSignedCertWithKey "x" nil nil 1 $ca (genPrivateKey "dsa")).Cert }}').fails('template: t:1:29: executing "t" at <genSignedCertWithKey "x" nil nil 1 $ca (genPrivateKey "dsa")>: error calling genSignedCertWithKey: error creating certificate: x509: unsupported public key type: *dsa.PublicKey'),
  tc('{{ typeOf (genCA "ca" 1) }}').is("sprig.certificate"),
  tc('{{ uuidv4 | len }} {{ randBytes 12 | len }}').is("36 16"),
];

runTemplateCases("crypto", { ...sprigFuncs(), ...cryptoFuncs }, TEMPLATE_CASES);

const call = <T>(name: string, ...args: unknown[]) =>
  (cryptoFuncs[name].fn as (...a: unknown[]) => T)(...args);

function daysValid(cert: X509Certificate): number {
  return (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86400000;
}

Deno.test("crypto: genCA makes a self-signed CA with Go's extensions", () => {
  const ca = call<Certificate>("genCA", "my-ca", I(365));
  assert.equal(ca.goType, "sprig.certificate");
  assert.match(ca.Key, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  const x = new X509Certificate(ca.Cert);
  assert.equal(x.subject, "CN=my-ca");
  assert.equal(x.issuer, "CN=my-ca");
  assert.equal(x.ca, true);
  assert.equal(daysValid(x), 365);
  assert.ok(x.verify(x.publicKey));
  assert.ok(x.checkPrivateKey(createPrivateKey(ca.Key)));
  assert.deepEqual(x.keyUsage?.sort(), ["DigitalSignature", "KeyCertSign", "KeyEncipherment"]);
  assert.equal(x.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
});

Deno.test("crypto: genSelfSignedCert and genSignedCert carry SANs and chain to the CA", () => {
  const ss = call<Certificate>("genSelfSignedCert", "foo.com", ["10.0.0.1", "::1"], [
    "foo.com",
    "www.foo.com",
  ], I(30));
  const x = new X509Certificate(ss.Cert);
  assert.equal(x.subject, "CN=foo.com");
  assert.equal(x.ca, false);
  assert.equal(x.subjectAltName, "DNS:foo.com, DNS:www.foo.com, IP Address:10.0.0.1, IP Address:::1");
  assert.equal(daysValid(x), 30);
  assert.ok(x.verify(x.publicKey));

  const ca = call<Certificate>("genCA", "my-ca", I(10));
  const signed = call<Certificate>("genSignedCert", "bar.com", null, ["bar.com"], I(5), ca);
  const y = new X509Certificate(signed.Cert);
  assert.equal(y.issuer, "CN=my-ca");
  assert.ok(y.checkIssued(new X509Certificate(ca.Cert)));
  assert.ok(y.verify(new X509Certificate(ca.Cert).publicKey));
  assert.equal(daysValid(y), 5);
});

Deno.test("crypto: WithKey forms keep the given key; EC and Ed25519 keys sign", () => {
  const ecKey = call<string>("genPrivateKey", "ecdsa");
  assert.match(ecKey, /^-----BEGIN EC PRIVATE KEY-----\n/);
  const ca = call<Certificate>("genCAWithKey", "ec-ca", I(3), ecKey);
  assert.equal(ca.Key, ecKey);
  const x = new X509Certificate(ca.Cert);
  assert.equal(x.publicKey.asymmetricKeyType, "ec");
  assert.ok(x.verify(x.publicKey));

  const edKey = call<string>("genPrivateKey", "ed25519");
  assert.match(edKey, /^-----BEGIN PRIVATE KEY-----\n/);
  const leaf = call<Certificate>("genSignedCertWithKey", "ed.com", ["1.2.3.4"], null, I(2), ca, edKey);
  assert.equal(leaf.Key, edKey);
  const y = new X509Certificate(leaf.Cert);
  assert.equal(y.publicKey.asymmetricKeyType, "ed25519");
  assert.ok(y.verify(x.publicKey));
  assert.equal(y.subjectAltName, "IP Address:1.2.3.4");
});

Deno.test("crypto: genPrivateKey PEM types match Go's; buildCustomCert round-trips", () => {
  assert.match(call<string>("genPrivateKey", "dsa"), /^-----BEGIN DSA PRIVATE KEY-----\n/);
  const ca = call<Certificate>("genCA", "c", I(1));
  const b64 = (s: string) => btoa(s);
  const built = call<Certificate>("buildCustomCert", b64(ca.Cert), b64(ca.Key));
  assert.equal(built.Cert, ca.Cert);
  assert.equal(built.Key, ca.Key);
});

Deno.test("crypto: bcrypt and htpasswd produce $2a$ cost-10 hashes that verify", () => {
  const hash = call<string>("bcrypt", "pässwörd");
  assert.match(hash, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.ok(compareSync("pässwörd", hash));
  const line = call<string>("htpasswd", "user", "pw");
  assert.ok(line.startsWith("user:$2a$10$"));
  assert.ok(compareSync("pw", line.slice(5)));
});

Deno.test("crypto: encryptAES output decrypts with decryptAES, with a fresh IV each time", () => {
  const a = call<string>("encryptAES", "key", "round trip ✓");
  const b = call<string>("encryptAES", "key", "round trip ✓");
  assert.notEqual(a, b);
  assert.equal(call<string>("decryptAES", "key", a), "round trip ✓");
});
