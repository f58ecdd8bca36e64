/**
 * {@link KubeObjects} (what the `secret` and `configmap` storage drivers
 * need) over a {@link KubeClient}: core/v1 Secrets and ConfigMaps by direct
 * paths, with no discovery round trip.
 *
 * @module
 */
import type { KubeObjects, RecordKind, RecordObject } from "../storage/kube_objects.ts";
import type { KubeClient } from "./client.ts";

const RESOURCE: Record<RecordKind, string> = { Secret: "secrets", ConfigMap: "configmaps" };

interface RecordList {
  items?: RecordObject[];
  metadata?: { continue?: string };
}

/** Secrets and ConfigMaps of one namespace (`""`: every namespace, for listing) on a real cluster. */
export class ClientKubeObjects implements KubeObjects {
  /**
   * @param client the connection
   * @param namespace the namespace; `""` lists across all namespaces
   */
  constructor(private readonly client: KubeClient, readonly namespace: string) {}

  #collection(kind: RecordKind): string {
    return this.namespace === ""
      ? `/api/v1/${RESOURCE[kind]}`
      : `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/${RESOURCE[kind]}`;
  }

  #item(kind: RecordKind, name: string): string {
    return `${this.#collection(kind)}/${encodeURIComponent(name)}`;
  }

  /** GET one object; NotFound (404) when absent. */
  get(kind: RecordKind, name: string): Promise<RecordObject> {
    return this.client.requestJson<RecordObject>("GET", this.#item(kind, name));
  }

  /** LIST with a label selector, following `continue` tokens; items carry `apiVersion` and `kind`. */
  async list(kind: RecordKind, labelSelector: string): Promise<RecordObject[]> {
    const out: RecordObject[] = [];
    let cont: string | undefined;
    do {
      const page = await this.client.requestJson<RecordList>("GET", this.#collection(kind), {
        query: { labelSelector: labelSelector || undefined, continue: cont },
      });
      for (const item of page.items ?? []) {
        item.apiVersion ??= "v1";
        item.kind ??= kind;
        out.push(item);
      }
      cont = page.metadata?.continue || undefined;
    } while (cont);
    return out;
  }

  /** POST; AlreadyExists (409) when the name is taken. */
  create(kind: RecordKind, obj: RecordObject): Promise<RecordObject> {
    return this.client.requestJson<RecordObject>("POST", this.#collection(kind), {
      body: { ...obj, apiVersion: "v1", kind },
    });
  }

  /** PUT (unconditional without a resourceVersion); NotFound when absent. */
  update(kind: RecordKind, obj: RecordObject): Promise<RecordObject> {
    return this.client.requestJson<RecordObject>("PUT", this.#item(kind, obj.metadata.name), {
      body: { ...obj, apiVersion: "v1", kind },
    });
  }

  /** DELETE; NotFound when absent. */
  async delete(kind: RecordKind, name: string): Promise<void> {
    await this.client.requestJson("DELETE", this.#item(kind, name));
  }
}

/** The {@link KubeObjects} of `namespace` (`""`: all namespaces) over `client`. */
export function kubeObjects(client: KubeClient, namespace: string): KubeObjects {
  return new ClientKubeObjects(client, namespace);
}
