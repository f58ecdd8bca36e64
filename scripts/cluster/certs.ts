/**
 * The local cluster's PKI, made with the openssl command: one CA, the API
 * server's serving certificate, client certificates for the admin (group
 * `system:masters`), the controller-manager and the scheduler (the users
 * Kubernetes' bootstrap RBAC grants their roles to), the aggregation
 * layer's front proxy, and the service-account
 * signing key pair. The repository's X.509 writer (src/gox509) mirrors what
 * Sprig's templates produce and has no subject organization, which the admin
 * certificate needs, hence openssl.
 *
 * @module
 */
import { FIRST_SERVICE_IP } from "./config.ts";

/** Paths of the generated files (PEM). */
export interface Pki {
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  saKey: string;
  saPub: string;
  /** Client certificate and key per user. */
  clients: Record<ClientName, { cert: string; key: string }>;
}

/** The client identities: subject and the component that uses it. */
export const CLIENTS = {
  admin: "/O=system:masters/CN=admin",
  "controller-manager": "/CN=system:kube-controller-manager",
  scheduler: "/CN=system:kube-scheduler",
  "front-proxy-client": "/CN=front-proxy-client",
} as const;

/** A key of {@link CLIENTS}. */
export type ClientName = keyof typeof CLIENTS;

/** Serving certificate names: the loopback address, localhost, and the in-cluster names of the `kubernetes` Service. */
export const APISERVER_SANS = [
  "IP:127.0.0.1",
  `IP:${FIRST_SERVICE_IP}`,
  "DNS:localhost",
  "DNS:kubernetes",
  "DNS:kubernetes.default",
  "DNS:kubernetes.default.svc",
  "DNS:kubernetes.default.svc.cluster.local",
];

async function openssl(args: string[], cwd: string): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("openssl", { args, cwd, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        "the local cluster needs the openssl command to make its certificates; install openssl",
      );
    }
    throw e;
  }
  if (!out.success) {
    throw new Error(`openssl ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

const DAYS = "3650";

async function key(dir: string, name: string): Promise<string> {
  await openssl(
    ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", `${name}.key`],
    dir,
  );
  return `${dir}/${name}.key`;
}

/** Signs a leaf certificate for `name` with the CA; `extensions` is an openssl extension section. */
async function leaf(dir: string, name: string, subject: string, extensions: string[]): Promise<string> {
  await key(dir, name);
  await Deno.writeTextFile(`${dir}/${name}.ext`, extensions.join("\n") + "\n");
  await openssl(["req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`], dir);
  await openssl([
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-set_serial",
    `0x${crypto.randomUUID().replaceAll("-", "").slice(0, 30)}`,
    "-days",
    DAYS,
    "-extfile",
    `${name}.ext`,
    "-out",
    `${name}.crt`,
  ], dir);
  await Deno.remove(`${dir}/${name}.csr`);
  await Deno.remove(`${dir}/${name}.ext`);
  return `${dir}/${name}.crt`;
}

/** Generates the whole PKI into `dir` (created if missing). */
export async function generatePki(dir: string): Promise<Pki> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  await key(dir, "ca");
  await openssl([
    "req",
    "-x509",
    "-new",
    "-key",
    "ca.key",
    "-subj",
    "/CN=charta-local-ca",
    "-days",
    DAYS,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
    "-out",
    "ca.crt",
  ], dir);
  const common = ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment"];
  await leaf(dir, "apiserver", "/CN=kube-apiserver", [
    ...common,
    "extendedKeyUsage=serverAuth",
    `subjectAltName=${APISERVER_SANS.join(",")}`,
  ]);
  for (const [name, subject] of Object.entries(CLIENTS) as [ClientName, string][]) {
    await leaf(dir, name, subject, [...common, "extendedKeyUsage=clientAuth"]);
  }
  await key(dir, "sa");
  await openssl(["pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
  return pkiIn(dir);
}

/** The files of a PKI {@link generatePki} wrote into `dir`. */
export function pkiIn(dir: string): Pki {
  const clients = {} as Pki["clients"];
  for (const name of Object.keys(CLIENTS) as ClientName[]) {
    clients[name] = { cert: `${dir}/${name}.crt`, key: `${dir}/${name}.key` };
  }
  return {
    caCert: `${dir}/ca.crt`,
    caKey: `${dir}/ca.key`,
    apiserverCert: `${dir}/apiserver.crt`,
    apiserverKey: `${dir}/apiserver.key`,
    saKey: `${dir}/sa.key`,
    saPub: `${dir}/sa.pub`,
    clients,
  };
}

/** A kubeconfig with everything embedded, so it can be copied anywhere. */
export async function kubeconfigYaml(
  server: string,
  context: string,
  caCert: string,
  client: { cert: string; key: string },
): Promise<string> {
  const b64 = async (p: string) => btoa(await Deno.readTextFile(p));
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${context}`,
    "  cluster:",
    `    server: ${server}`,
    `    certificate-authority-data: ${await b64(caCert)}`,
    "users:",
    `- name: ${context}-user`,
    "  user:",
    `    client-certificate-data: ${await b64(client.cert)}`,
    `    client-key-data: ${await b64(client.key)}`,
    "contexts:",
    `- name: ${context}`,
    "  context:",
    `    cluster: ${context}`,
    `    user: ${context}-user`,
    `current-context: ${context}`,
    "",
  ].join("\n");
}
