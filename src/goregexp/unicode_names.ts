/**
 * The Unicode class names Go 1.26's regexp accepts in `\p{…}`, and how to say
 * each in a JavaScript `u`-mode pattern.
 *
 * Go looks a name up after canonicalising it (first letter upper, the rest
 * lower, `_`/`-`/space removed) in `unicode.Categories` and `unicode.Scripts`
 * by exact key, then in `unicode.CategoryAliases` by canonical key. So
 * `\p{greek}` and `\p{Uppercase_Letter}` work but `\p{Old_Italic}` does not:
 * a multi-word script key never equals its canonical form.
 *
 * @module
 */

const CATEGORIES = [
  "C",
  "Cc",
  "Cf",
  "Cn",
  "Co",
  "Cs",
  "L",
  "LC",
  "Ll",
  "Lm",
  "Lo",
  "Lt",
  "Lu",
  "M",
  "Mc",
  "Me",
  "Mn",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "Pc",
  "Pd",
  "Pe",
  "Pf",
  "Pi",
  "Po",
  "Ps",
  "S",
  "Sc",
  "Sk",
  "Sm",
  "So",
  "Z",
  "Zl",
  "Zp",
  "Zs",
]; // deno-fmt-ignore

const SCRIPTS = [
  "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum",
  "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid",
  "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian",
  "Common", "Coptic", "Cuneiform", "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari",
  "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic",
  "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han",
  "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic", "Inherited",
  "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada", "Katakana", "Kawi",
  "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi", "Lao", "Latin",
  "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar",
  "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
  "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro",
  "Multani", "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
  "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian",
  "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya",
  "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician",
  "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham",
  "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac",
  "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu",
  "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho",
  "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
]; // deno-fmt-ignore

const CATEGORY_ALIASES: Record<string, string> = {
  Cased_Letter: "LC", Close_Punctuation: "Pe", Combining_Mark: "M", Connector_Punctuation: "Pc",
  Control: "Cc", Currency_Symbol: "Sc", Dash_Punctuation: "Pd", Decimal_Number: "Nd",
  Enclosing_Mark: "Me", Final_Punctuation: "Pf", Format: "Cf", Initial_Punctuation: "Pi", Letter: "L",
  Letter_Number: "Nl", Line_Separator: "Zl", Lowercase_Letter: "Ll", Mark: "M", Math_Symbol: "Sm",
  Modifier_Letter: "Lm", Modifier_Symbol: "Sk", Nonspacing_Mark: "Mn", Number: "N",
  Open_Punctuation: "Ps", Other: "C", Other_Letter: "Lo", Other_Number: "No", Other_Punctuation: "Po",
  Other_Symbol: "So", Paragraph_Separator: "Zp", Private_Use: "Co", Punctuation: "P", Separator: "Z",
  Space_Separator: "Zs", Spacing_Mark: "Mc", Surrogate: "Cs", Symbol: "S", Titlecase_Letter: "Lt",
  Unassigned: "Cn", Uppercase_Letter: "Lu", cntrl: "Cc", digit: "Nd", punct: "P",
}; // deno-fmt-ignore

/** Go's `canonicalName` from regexp/syntax. */
export function canonicalName(name: string): string {
  let out = "";
  let first = true;
  for (const c of name) {
    if (c === "_" || c === "-" || c === " ") continue;
    if (first) {
      out += c >= "a" && c <= "z" ? c.toUpperCase() : c;
      first = false;
    } else {
      out += c >= "A" && c <= "Z" ? c.toLowerCase() : c;
    }
  }
  return out;
}

/** A Unicode class as a JS pattern piece, or a special table Go handles itself. */
export type UnicodeTable =
  | { kind: "js"; property: string; sign: 1 | -1 }
  | { kind: "any" }
  | { kind: "ascii" };

let lookupTable: Map<string, UnicodeTable> | undefined;

function buildTable(): Map<string, UnicodeTable> {
  const m = new Map<string, UnicodeTable>();
  for (const c of CATEGORIES) m.set(c, { kind: "js", property: `gc=${c}`, sign: 1 });
  for (const s of SCRIPTS) {
    if (!m.has(s)) m.set(s, { kind: "js", property: `sc=${s}`, sign: 1 });
  }
  for (const [alias, actual] of Object.entries(CATEGORY_ALIASES)) {
    const key = canonicalName(alias);
    if (!m.has(key)) m.set(key, { kind: "js", property: `gc=${actual}`, sign: 1 });
  }
  // Go's special names, which win over everything else.
  m.set("Any", { kind: "any" });
  m.set("Assigned", { kind: "js", property: "gc=Cn", sign: -1 });
  m.set("Ascii", { kind: "ascii" });
  m.set("Lc", { kind: "js", property: "gc=LC", sign: 1 });
  return m;
}

/**
 * Resolves a `\p{name}` name as Go 1.26 does, or `undefined` when Go rejects
 * it (`invalid character class range`).
 */
export function unicodeTable(name: string): UnicodeTable | undefined {
  lookupTable ??= buildTable();
  // Keys that are not canonical (`Old_Italic`, `SignWriting`, `LC`) can
  // never be hit, exactly as in Go.
  return lookupTable.get(canonicalName(name));
}
