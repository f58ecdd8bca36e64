import assert from "node:assert/strict";
import { limiterKey } from "./client.ts";

Deno.test("limiterKey: one bucket per resource, whatever the namespace, name or subresource", () => {
  assert.equal(limiterKey("/api/v1/namespaces/a/secrets/x"), "api/v1/secrets");
  assert.equal(limiterKey("/api/v1/namespaces/b/secrets?labelSelector=owner%3Dhelm"), "api/v1/secrets");
  assert.equal(limiterKey("/api/v1/secrets"), "api/v1/secrets");
  assert.equal(limiterKey("/apis/apps/v1/namespaces/n/deployments/d/status"), "apis/apps/v1/deployments");
  // Namespaces themselves are a resource of their own.
  assert.equal(limiterKey("/api/v1/namespaces/n"), "api/v1/namespaces");
  assert.equal(limiterKey("/api/v1/namespaces"), "api/v1/namespaces");
});

Deno.test("limiterKey: discovery and /version share one bucket", () => {
  for (const p of ["/version", "/api", "/apis", "/apis/apps/v1", "/api/v1", "/openapi/v3"]) {
    assert.equal(limiterKey(p), "", p);
  }
});
