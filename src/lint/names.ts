/**
 * Kubernetes object name rules as `helm lint` applies them to rendered
 * manifests (`validateMetadataName`): the rule depends on the kind (DNS-1123
 * subdomain for most, DNS-1035 label for services, DNS-1123 label for
 * namespaces, path segment for RBAC objects), and the messages are
 * apimachinery's.
 *
 * @module
 */
import { quote } from "../gotpl/quote.ts";
import { byteLength } from "../gotpl/utf8.ts";

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);

function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

/** apimachinery's `IsDNS1123Subdomain`. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        "example.com",
      ),
    );
  }
  return errs;
}

/** apimachinery's `IsDNS1123Label`. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) errs.push("must not contain dots");
    else {
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          "my-name",
          "123-abc",
        ),
      );
    }
  }
  return errs;
}

/** apimachinery's `IsDNS1035Label`. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        "my-name",
        "abc-123",
      ),
    );
  }
  return errs;
}

/** apimachinery's `IsPathSegmentName`. */
export function isPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** The name check helm applies to objects of `kind` (case-insensitive). */
export function nameValidatorFor(kind: string): (name: string) => string[] {
  switch (kind.toLowerCase()) {
    case "service":
      return isDNS1035Label;
    case "namespace":
      return isDNS1123Label;
    case "certificatesigningrequest":
      return () => [];
    case "role":
    case "clusterrole":
    case "rolebinding":
    case "clusterrolebinding":
      return isPathSegmentName;
    default:
      return isDNS1123Subdomain;
  }
}

/**
 * helm's `validateMetadataName`: the error for an object whose name breaks
 * its kind's rule, or `null`.
 */
export function validateMetadataName(kind: string, name: string): Error | null {
  const msgs = nameValidatorFor(kind)(name);
  if (msgs.length === 0) return null;
  const errs = [...new Set(msgs.map((m) => `metadata.name: Invalid value: ${quote(name)}: ${m}`))];
  const agg = errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
  return new Error(`object name does not conform to Kubernetes naming requirements: ${quote(name)}: ${agg}`);
}
