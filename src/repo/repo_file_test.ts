import assert from "node:assert/strict";
import {
  loadRepoFile,
  marshalRepoFile,
  newEntry,
  parseRepoFile,
  sameEntry,
  writeRepoFile,
} from "./repo_file.ts";
import { cacheChartsFile, cacheIndexFile, storeIndex } from "./cache.ts";
import { loadIndex } from "./index_file.ts";
import { loadCompact } from "./cache.ts";

Deno.test("repositories.yaml is written as helm writes it: every field, keys sorted, zero time", () => {
  const f = parseRepoFile("");
  f.repositories.push(newEntry({ name: "fx", url: "http://127.0.0.1:1" }));
  assert.equal(
    marshalRepoFile(f),
    'apiVersion: ""\ngenerated: "0001-01-01T00:00:00Z"\nrepositories:\n- caFile: ""\n  certFile: ""\n' +
      '  insecure_skip_tls_verify: false\n  keyFile: ""\n  name: fx\n  pass_credentials_all: false\n' +
      '  password: ""\n  url: http://127.0.0.1:1\n  username: ""\n',
  );
});

Deno.test("repositories.yaml: helm's own files load, entries compare field by field", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/sub/repositories.yaml`;
    await assert.rejects(
      () => loadRepoFile(path),
      /couldn't load repositories file \(.*\): open .*: no such file/,
    );
    const f = parseRepoFile(
      "apiVersion: v1\ngenerated: 2020-01-01T00:00:00Z\nrepositories:\n- name: a\n  url: http://x\n",
    );
    assert.equal(f.apiVersion, "v1");
    await writeRepoFile(path, f);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const back = await loadRepoFile(path);
    assert.ok(sameEntry(back.repositories[0], newEntry({ name: "a", url: "http://x" })));
    assert.ok(!sameEntry(back.repositories[0], newEntry({ name: "a", url: "http://x", username: "u" })));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cache: helm's two files plus a compact index that is rebuilt when the index changes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const text =
      "apiVersion: v1\nentries:\n  b:\n  - name: b\n    version: 1.0.0\n    urls: [b.tgz]\n  a:\n  - name: a\n    version: 0.1.0\n    digest: abc\n    urls: [a.tgz]\n";
    await storeIndex(dir, "r", new TextEncoder().encode(text), loadIndex(text, "x"));
    // helm lists names in Go map order (random); charta in sorted order.
    assert.equal(await Deno.readTextFile(`${dir}/${cacheChartsFile("r")}`), "a\nb\n");
    assert.equal(await Deno.readTextFile(`${dir}/${cacheIndexFile("r")}`), text);
    assert.equal((await loadCompact(dir, "r")).get("a")![0].digest, "abc");
    // helm rewrites the index (e.g. `helm repo update`): the compact file no longer matches and is rebuilt.
    await Deno.writeTextFile(`${dir}/r-index.yaml`, text.replace("0.1.0", "0.2.0") + "\n");
    assert.equal((await loadCompact(dir, "r")).get("a")![0].version, "0.2.0");
    await assert.rejects(
      () => loadCompact(dir, "missing"),
      /open .*missing-index.yaml: no such file or directory/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
