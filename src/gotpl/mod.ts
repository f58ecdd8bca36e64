/**
 * Go's text/template language, rebuilt in TypeScript: lexer, parser,
 * executor, builtins and the `fmt`/`strconv` formatting it depends on, with
 * Go's exact output and error texts.
 *
 * @example
 * ```ts
 * import { Template, goFunc } from "./mod.ts";
 * const t = new Template("gotpl").option("missingkey=zero").funcs({
 *   upper: goFunc(["string"], (s: string) => s.toUpperCase()),
 * });
 * t.new("x.yaml").parse("name: {{ .Values.name | upper }}");
 * t.executeTemplate("x.yaml", { Values: { name: "web" } }); // "name: WEB"
 * ```
 *
 * @module
 */

export { Template, TemplateEnv } from "./template.ts";
export { TemplateExecError, TemplateParseError } from "./errors.ts";
export { type ExecEnv, type ExecTemplate, execute, MAX_EXEC_DEPTH, MissingKey } from "./exec.ts";
export { isEmptyTree, MAX_PAREN_DEPTH, parse, type ParseOptions, Tree } from "./parse.ts";
export {
  ActionNode,
  BoolNode,
  BranchNode,
  BreakNode,
  ChainNode,
  CommandNode,
  CommentNode,
  ContinueNode,
  DotNode,
  FieldNode,
  IdentifierNode,
  IfNode,
  ListNode,
  NilNode,
  Node,
  NodeType,
  NumberNode,
  PipeNode,
  RangeNode,
  type Source,
  StringNode,
  TemplateNode,
  TextNode,
  VariableNode,
  WithNode,
} from "./node.ts";
export { BUILTINS, htmlEscapeString, isTrue, jsEscapeString, urlQueryEscape } from "./builtins.ts";
export { type CallSpec, compileFunc, Special } from "./funcs.ts";
export { FAIL, ParamKind, type ParamType, paramType } from "./typecheck.ts";
export { formatValue, sprint, sprintf, sprintln } from "./fmt.ts";
export { type FloatFormat, formatFloat, formatFloat64 } from "./ftoa.ts";
export { type NumErrorKind, parseFloat, parseInt, type ParseResult, parseUint } from "./number.ts";
export { canBackquote, isPrint, quote, quoteRune, quoteToASCII, unquote } from "./quote.ts";
export { elemTypeOf, Kind, kindOf, typeName, zeroValueOf } from "./types.ts";
export { compareStrings, runeCount, sortStrings, utf8Length } from "./utf8.ts";
export {
  type FuncMap,
  GO_FIELDS,
  GO_JSON,
  GO_METHODS,
  GO_TYPE,
  GoComplex,
  type GoFunc,
  goFunc,
  GoInt,
  type GoJSONMarshaler,
  type GoMap,
  type GoMethod,
  type GoMethodSig,
  GoStruct,
  type GoTyped,
  type GoTypeInfo,
  goTypeTag,
  type IntKind,
  isPlainMap,
  lookupGoType,
  registerGoType,
  withGoType,
} from "./value.ts";
