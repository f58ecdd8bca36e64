/**
 * Generates the benchmark charts: a big chart with hundreds of templates
 * and deep include chains among its helpers (the render hot path), and an
 * umbrella chart with many subcharts.
 *
 * @module
 */

/** Shape of the big chart. */
export interface BigChartOptions {
  /** Number of manifest templates. */
  templates: number;
  /** Number of helper defines (each includes the previous ones). */
  helpers: number;
  /** Items each template ranges over. */
  items: number;
}

function helpersTpl(n: number): string {
  let out =
    `{{- define "big.name" -}}{{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "big.fullname" -}}{{ printf "%s-%s" .Release.Name (include "big.name" .) | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "big.labels.0" -}}
app.kubernetes.io/name: {{ include "big.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}
`;
  for (let i = 1; i < n; i++) {
    // Each helper includes the one before it: include chains as deep as the helper count.
    out += `{{- define "big.labels.${i}" -}}
{{ include "big.labels.${i - 1}" . }}
layer-${i}: {{ printf "%s-%d" (include "big.fullname" .) ${i} | sha256sum | trunc 8 | quote }}
{{- end }}
`;
  }
  return out;
}

function manifestTpl(i: number, helpers: number): string {
  const depth = 1 + (i % helpers);
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "big.fullname" . }}-${i}
  labels:
    {{- include "big.labels.${depth - 1}" . | nindent 4 }}
  annotations:
    checksum: {{ .Values.settings | toYaml | sha256sum }}
data:
  {{- range $k, $v := .Values.settings }}
  {{ $k }}: {{ $v | toString | quote }}
  {{- end }}
  {{- range $idx, $item := .Values.items }}
  {{- if eq (mod $idx 2) 0 }}
  item-{{ $idx }}: {{ $item.name | upper | quote }}
  {{- else }}
  item-{{ $idx }}: {{ tpl $item.value $ | quote }}
  {{- end }}
  {{- end }}
  config.yaml: |
    {{- toYaml .Values.nested | nindent 4 }}
`;
}

function valuesYaml(items: number): string {
  const settings = Array.from({ length: 20 }, (_, k) => `  key${k}: value-${k}`).join("\n");
  const list = Array.from(
    { length: items },
    (_, k) => `  - name: item${k}\n    value: "{{ .Release.Name }}-${k}"`,
  ).join("\n");
  return `nameOverride: ""
settings:
${settings}
items:
${list}
nested:
  server:
    port: 8080
    hosts: [a.example.com, b.example.com]
    tls: {enabled: true, secret: web-tls}
  resources: {limits: {cpu: 500m, memory: 256Mi}}
`;
}

async function write(path: string, text: string): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
}

/** Writes the big chart under `dir` (which becomes the chart root, named `big`). */
export async function writeBigChart(dir: string, o: BigChartOptions): Promise<void> {
  await write(`${dir}/Chart.yaml`, 'apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: "1.0"\n');
  await write(`${dir}/values.yaml`, valuesYaml(o.items));
  await write(`${dir}/templates/_helpers.tpl`, helpersTpl(o.helpers));
  for (let i = 0; i < o.templates; i++) {
    await write(`${dir}/templates/cm-${String(i).padStart(4, "0")}.yaml`, manifestTpl(i, o.helpers));
  }
}

/** Writes an umbrella chart with `n` subcharts (directories under charts/) under `dir`. */
export async function writeUmbrellaChart(dir: string, n: number): Promise<void> {
  const deps = Array.from({ length: n }, (_, i) => `  - name: sub${i}\n    version: 0.1.0`).join("\n");
  await write(
    `${dir}/Chart.yaml`,
    `apiVersion: v2\nname: umbrella\nversion: 1.0.0\ndependencies:\n${deps}\n`,
  );
  await write(`${dir}/values.yaml`, "global:\n  env: prod\n");
  for (let i = 0; i < n; i++) {
    const sub = `${dir}/charts/sub${i}`;
    await write(`${sub}/Chart.yaml`, `apiVersion: v2\nname: sub${i}\nversion: 0.1.0\n`);
    await write(
      `${sub}/values.yaml`,
      `replicas: ${1 + (i % 3)}\nimage: {repository: nginx, tag: "1.${i}"}\n`,
    );
    await write(`${sub}/templates/_helpers.tpl`, helpersTpl(3).replaceAll("big.", `sub${i}.`));
    await write(
      `${sub}/templates/deployment.yaml`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "sub${i}.fullname" . }}
  labels:
    {{- include "sub${i}.labels.2" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          env:
            - name: ENV
              value: {{ .Values.global.env | quote }}
`,
    );
  }
}

/**
 * Writes an application chart of `components × 5` objects under `dir`, as a
 * real service chart looks: per component a ServiceAccount, a ConfigMap, a
 * Secret, a Service and a Deployment, sharing label helpers, no hooks. The
 * install benchmark uses 10 components (50 objects in 5 InstallOrder groups).
 */
export async function writeInstallChart(dir: string, components: number): Promise<void> {
  await write(`${dir}/Chart.yaml`, 'apiVersion: v2\nname: app50\nversion: 1.0.0\nappVersion: "2.4.1"\n');
  const values = Array.from(
    { length: components },
    (_, i) =>
      `  c${i}:\n    replicas: ${
        1 + (i % 2)
      }\n    image: {repository: registry.local/svc-${i}, tag: "2.4.${i}"}\n` +
      `    port: ${8000 + i}\n    settings: {logLevel: info, workers: "${2 + (i % 4)}", featureX: "${
        i % 2 === 0
      }"}\n`,
  ).join("");
  await write(`${dir}/values.yaml`, `components:\n${values}`);
  await write(
    `${dir}/templates/_helpers.tpl`,
    `{{- define "app.fullname" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "app.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}
`,
  );
  // One template file per kind, each ranging over the components (as charts with a components map do).
  const each = (body: string) => `{{- range $name, $c := .Values.components }}\n---\n${body}{{- end }}\n`;
  const meta = (kind: string) =>
    `metadata:
  name: {{ include "app.fullname" $ }}-{{ $name }}${kind}
  labels:
    {{- include "app.labels" $ | nindent 4 }}
    app.kubernetes.io/component: {{ $name }}
`;
  await write(
    `${dir}/templates/serviceaccount.yaml`,
    each(`apiVersion: v1\nkind: ServiceAccount\n${meta("")}automountServiceAccountToken: false\n`),
  );
  await write(
    `${dir}/templates/configmap.yaml`,
    each(`apiVersion: v1\nkind: ConfigMap\n${meta("-config")}data:
  {{- range $k, $v := $c.settings }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
  app.yaml: |
    listen: ":{{ $c.port }}"
    upstreams:
      {{- range $other, $_ := $.Values.components }}
      - {{ include "app.fullname" $ }}-{{ $other }}
      {{- end }}
`),
  );
  await write(
    `${dir}/templates/secret.yaml`,
    each(`apiVersion: v1\nkind: Secret\n${meta("-creds")}type: Opaque
data:
  token: {{ printf "%s-%s" $.Release.Name $name | sha256sum | b64enc | quote }}
`),
  );
  await write(
    `${dir}/templates/service.yaml`,
    each(`apiVersion: v1\nkind: Service\n${meta("")}spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/instance: {{ $.Release.Name }}
    app.kubernetes.io/component: {{ $name }}
  ports:
    - name: http
      port: 80
      targetPort: {{ $c.port }}
`),
  );
  await write(
    `${dir}/templates/deployment.yaml`,
    each(`apiVersion: apps/v1\nkind: Deployment\n${meta("")}spec:
  replicas: {{ $c.replicas }}
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ $.Release.Name }}
      app.kubernetes.io/component: {{ $name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/instance: {{ $.Release.Name }}
        app.kubernetes.io/component: {{ $name }}
      annotations:
        checksum/config: {{ toYaml $c.settings | sha256sum }}
    spec:
      serviceAccountName: {{ include "app.fullname" $ }}-{{ $name }}
      containers:
        - name: app
          image: "{{ $c.image.repository }}:{{ $c.image.tag }}"
          ports:
            - containerPort: {{ $c.port }}
          envFrom:
            - configMapRef:
                name: {{ include "app.fullname" $ }}-{{ $name }}-config
            - secretRef:
                name: {{ include "app.fullname" $ }}-{{ $name }}-creds
          resources:
            requests: {cpu: 10m, memory: 32Mi}
`),
  );
}

if (import.meta.main) {
  const [kind, dir] = Deno.args;
  if (kind === "big" && dir) await writeBigChart(dir, { templates: 300, helpers: 12, items: 20 });
  else if (kind === "umbrella" && dir) await writeUmbrellaChart(dir, 50);
  else if (kind === "install" && dir) await writeInstallChart(dir, 10);
  else {
    console.error("usage: deno run -A bench/gen_chart.ts big|umbrella|install DIR");
    Deno.exit(1);
  }
}

/**
 * Writes `n` text files of `size` bytes under `dir`: log-like lines, compressible as real text is,
 * different in every file (a deterministic generator, so runs are comparable).
 */
export async function writeLargeFiles(dir: string, n: number, size: number): Promise<void> {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const words = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "request",
    "served",
    "cache",
    "miss",
    "hit",
    "error",
    "ok",
  ];
  for (let f = 0; f < n; f++) {
    let text = "";
    while (text.length < size) {
      text += `2026-11-23T10:${String(next() % 60).padStart(2, "0")}:00Z ${words[next() % words.length]} ` +
        `${words[next() % words.length]} id=${next() % 100000} took=${next() % 1000}ms\n`;
    }
    await write(`${dir}/log-${String(f).padStart(3, "0")}.txt`, text.slice(0, size));
  }
}
