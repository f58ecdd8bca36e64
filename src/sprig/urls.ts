/**
 * Sprig's `urlParse` (a URL string to a dict of its parts) and `urlJoin`
 * (such a dict back to a string), over Go's `net/url`.
 *
 * @module
 */

import { type FuncMap, goFunc } from "../gotpl/value.ts";
import { goKind, NIL_DEREFERENCE } from "./goreflect.ts";
import { emptyURL, hostname, parseURL, urlString, type Userinfo, userinfoString } from "./gourl.ts";

type GoMap = Record<string, unknown>;

/** Sprig's `urlParse`: panics with `unable to parse url: …` on bad input. */
export function urlParse(v: string): GoMap {
  let u;
  try {
    u = parseURL(v);
  } catch (e) {
    throw new Error(`unable to parse url: ${(e as Error).message}`);
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.user ? userinfoString(u.user) : "",
  };
}

/** Sprig's `dictGetOrEmpty`: a missing key is "", a non-string value panics. */
function stringField(d: GoMap | null, key: string): string {
  if (d === null || !Object.hasOwn(d, key)) return "";
  const v = d[key];
  if (v === null || v === undefined) throw new Error(NIL_DEREFERENCE);
  if (typeof v !== "string") {
    throw new Error(`unable to parse ${key} key, must be of type string, but ${goKind(v)} found`);
  }
  return v;
}

/** Sprig's `urlJoin`: builds a URL from scheme, host, path, query, opaque, fragment and userinfo. */
export function urlJoin(d: GoMap | null): string {
  const u = emptyURL();
  u.scheme = stringField(d, "scheme");
  u.host = stringField(d, "host");
  u.path = stringField(d, "path");
  u.rawQuery = stringField(d, "query");
  u.opaque = stringField(d, "opaque");
  u.fragment = stringField(d, "fragment");
  const userinfo = stringField(d, "userinfo");
  let user: Userinfo | null = null;
  if (userinfo !== "") {
    try {
      user = parseURL(`proto://${userinfo}@host`).user;
    } catch (e) {
      throw new Error(`unable to parse userinfo in dict: ${(e as Error).message}`);
    }
  }
  u.user = user;
  return urlString(u);
}

/** Sprig's URL functions. */
export const urlFuncs: FuncMap = {
  urlParse: goFunc(["string"], urlParse),
  urlJoin: goFunc(["map[string]interface {}"], urlJoin),
};
