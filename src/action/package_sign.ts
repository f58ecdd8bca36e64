/**
 * `helm package --sign`: the provenance file written beside a packaged
 * archive (pkg/action/package.go's `Clearsign`), and the passphrase sources
 * helm uses: `--passphrase-file` (first line; `-` for a pipe on standard
 * input) or a terminal prompt.
 *
 * @module
 */
import { ChartaError } from "../errors/mod.ts";
import type { LogFn } from "../log/slog.ts";

/** The signing key and how to unlock it. */
export interface ArchiveSignOptions {
  /** `--keyring`. */
  keyring: string;
  /** `--key`. */
  key: string;
  /** Returns the passphrase for an encrypted key, given its first user ID. */
  passphrase: (name: string) => Promise<string>;
}

/**
 * Writes `ARCHIVE.prov` for a chart archive: its metadata as helm marshals
 * it, the archive's digest, clearsigned with the selected key.
 *
 * @throws {ChartaError} the keyring and key errors of helm's signer, `failed to load chart for signing: …`
 */
export async function signArchive(archive: string, opts: ArchiveSignOptions, log?: LogFn): Promise<string> {
  const [
    { clearSign },
    { loadArchiveFile },
    { marshalChartYaml },
    { API_VERSION_V1, API_VERSION_V2, API_VERSION_V3 },
  ] = await Promise.all([
    import("../provenance/mod.ts"),
    import("../chart/loader.ts"),
    import("../chart/save.ts"),
    import("../chart/metadata.ts"),
  ]);
  const text = await clearSign(await readArchive(archive), archive.slice(archive.lastIndexOf("/") + 1), {
    keyring: opts.keyring,
    key: opts.key,
    passphrase: opts.passphrase,
    // helm loads the archive only once the key is unlocked.
    metadataYaml: async () => {
      let ch;
      try {
        ch = await loadArchiveFile(archive, { log });
      } catch (e) {
        throw new ChartaError(`failed to load chart for signing: ${(e as Error).message}`, { cause: e });
      }
      if (ch.metadata.apiVersion === API_VERSION_V3) throw new ChartaError("invalid chart apiVersion");
      if (ch.metadata.apiVersion !== API_VERSION_V1 || !ch.metadata.dependencies?.length) {
        return marshalChartYaml(ch.metadata);
      }
      // Unlike Chart.yaml in an archive, helm's signed metadata keeps a v1 chart's
      // requirements.yaml dependencies; marshal as v2 (same key order) and restore the version.
      return marshalChartYaml({ ...ch.metadata, apiVersion: API_VERSION_V2 })
        .replace(/^apiVersion: v2$/m, `apiVersion: ${API_VERSION_V1}`);
    },
  });
  const prov = `${archive}.prov`;
  await Deno.writeTextFile(prov, text, { mode: 0o644 });
  return prov;
}

async function readArchive(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    const { pathError } = await import("../chart/errors.ts");
    throw new ChartaError(`failed to read chart archive: ${pathError("open", path, e).message}`, {
      cause: e,
    });
  }
}

/** Go's `bufio.Reader.ReadLine` on a whole input: the first line without its `\n` or `\r\n`. */
function firstLine(data: Uint8Array): string {
  if (data.length === 0) throw new ChartaError("EOF");
  const text = new TextDecoder().decode(data);
  const nl = text.indexOf("\n");
  if (nl < 0) return text;
  return text.slice(0, nl).replace(/\r$/, "");
}

/** Standard input as `--passphrase-file -` reads it. */
export interface PassphraseStdin {
  /** The input's bytes. */
  readonly readable: ReadableStream<Uint8Array>;
  /** What kind of file it is (it must be a pipe). */
  stat(): Promise<{ isFifo: boolean | null }>;
}

function osStdin(): PassphraseStdin {
  // Deno's stdin has no stat; /dev/stdin resolves to the process's own descriptor 0.
  return { readable: Deno.stdin.readable, stat: () => Deno.stat("/dev/stdin") };
}

/**
 * helm's `--passphrase-file`: the first line of the file, or of standard
 * input for `-` (which must then be a pipe).
 *
 * @throws {ChartaError} `open FILE: …`, `EOF` for an empty file,
 * `specified reading passphrase from stdin, without input on stdin`
 */
export async function readPassphraseFile(file: string, stdin: PassphraseStdin = osStdin()): Promise<string> {
  if (file === "-") {
    const info = await stdin.stat();
    if (!info.isFifo) {
      throw new ChartaError("specified reading passphrase from stdin, without input on stdin");
    }
    return firstLine(await new Response(stdin.readable).bytes());
  }
  let data: Uint8Array;
  try {
    data = await Deno.readFile(file);
  } catch (e) {
    const { pathError } = await import("../chart/errors.ts");
    throw new ChartaError(pathError("open", file, e).message, { cause: e });
  }
  return firstLine(data);
}

/**
 * helm's `promptUser`: asks on the terminal without echo.
 *
 * @throws {ChartaError} `inappropriate ioctl for device` when standard input is no terminal
 */
export async function promptPassphrase(name: string): Promise<string> {
  const enc = new TextEncoder();
  await Deno.stdout.write(enc.encode(`Password for key ${JSON.stringify(name)} >  `));
  try {
    if (!Deno.stdin.isTerminal()) throw new ChartaError("inappropriate ioctl for device");
    Deno.stdin.setRaw(true);
    try {
      const bytes: number[] = [];
      const buf = new Uint8Array(1);
      for (;;) {
        const n = await Deno.stdin.read(buf);
        if (n === null || buf[0] === 0x0d || buf[0] === 0x0a) break;
        if (buf[0] === 0x03) throw new ChartaError("interrupted");
        if (buf[0] === 0x7f || buf[0] === 0x08) bytes.pop();
        else bytes.push(buf[0]);
      }
      return new TextDecoder().decode(new Uint8Array(bytes));
    } finally {
      Deno.stdin.setRaw(false);
    }
  } finally {
    await Deno.stdout.write(enc.encode("\n"));
  }
}
