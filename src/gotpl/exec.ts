/**
 * The executor: walks parse trees over data with Go text/template's
 * semantics (field lookup order, missing keys, truth, range, variables,
 * argument conversion) and Go's error texts and locations.
 *
 * Values follow `value.ts`. One extra bit of Go typing is tracked: whether a
 * value sits in an `interface {}` slot (a map or slice element), because Go
 * names that static type in errors (`can't evaluate field x in type
 * interface {}`).
 *
 * @module
 */

import { BUILTINS, derefStruct, InterfaceArg, isTrue } from "./builtins.ts";
import { TemplateExecError } from "./errors.ts";
import { formatValue, sprintf } from "./fmt.ts";
import { formatFloat64 } from "./ftoa.ts";
import { type CallSpec, compileMethod, Special } from "./funcs.ts";
import {
  type ActionNode,
  type BoolNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  NodeType,
  type NumberNode,
  type PipeNode,
  type RangeNode,
  type StringNode,
  type TemplateNode,
  type TextNode,
  type VariableNode,
} from "./node.ts";
import type { Tree } from "./parse.ts";
import {
  assign,
  convertIntLike,
  FAIL,
  nilFor,
  NO_TYPE,
  ParamKind,
  type ParamType,
  paramType,
} from "./typecheck.ts";
import { elemTypeOf, findMethod, funcSignature, isExported, typeName, zeroValueOf } from "./types.ts";
import { sortStrings, utf8Length } from "./utf8.ts";
import { GO_FIELDS, GO_TYPE, GoInt, GoStruct } from "./value.ts";

/** Maximum nesting of `{{template}}` calls (Go's maxExecDepth). */
export const MAX_EXEC_DEPTH = 100000;

/** Go's missingkey option. */
export enum MissingKey {
  /** `missingkey=default`/`invalid`: a missing key gives no value (`<no value>`). */
  Invalid,
  /** `missingkey=zero`: the element type's zero value. */
  Zero,
  /** `missingkey=error`: execution stops. */
  Error,
}

/** What the executor needs from a template. */
export interface ExecTemplate {
  /** The template name (reported as `executing "NAME"`). */
  readonly name: string;
  /** The parse tree, or null while undefined. */
  readonly tree: Tree | null;
  /** The namespace it belongs to. */
  readonly env: ExecEnv;
}

/** The namespace shared by associated templates. */
export interface ExecEnv {
  /** The defined template with this name, for `{{template}}`. */
  lookup(name: string): ExecTemplate | undefined;
  /** The missingkey option. */
  readonly missingKey: MissingKey;
  /** FuncMap functions, consulted before builtins. */
  readonly funcs: { get(name: string): CallSpec | undefined };
}

const MISSING: unique symbol = Symbol("missing");
type Final = unknown;

const SIG_NONE = 0;
const SIG_BREAK = 1;
const SIG_CONTINUE = 2;

const SMALL_INTS: GoInt[] = [];
function goInt(n: number): GoInt {
  if (n < 1024) return (SMALL_INTS[n] ??= new GoInt(BigInt(n), "int"));
  return new GoInt(BigInt(n), "int");
}

/**
 * Whether an error comes from exhausting the JS stack. Near the limit V8 can
 * also fail inside other operations (compiling a regexp), so match both
 * messages, without using a regexp here.
 */
function isStackOverflow(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const m = e.message;
  return typeof m === "string" && (m.includes("call stack") || m.includes("Stack overflow"));
}

// Nested executions (a FuncMap function such as Helm's include executing
// another template) share the JS stack; only the outermost turns a stack
// overflow into a template error.
let activeExecutions = 0;

class State {
  tmpl: ExecTemplate;
  readonly env: ExecEnv;
  out = "";
  node: Node | null = null;
  depth = 0;
  // The variable stack, shared by nested template calls: entries [base, top)
  // belong to the running template. Slots above `top` are reused, not freed,
  // because shrinking JS arrays is slow.
  readonly names: string[] = ["$"];
  readonly values: unknown[];
  readonly ifaces: boolean[] = [false];
  top = 1;
  base = 0;
  /** Set by evalField: whether the returned value sits in an interface slot. */
  lastIface = false;
  /** Set by evalArg: whether the argument value sits in an interface slot. */
  argIface = false;
  lastTemplateNode: TemplateNode | null = null;

  constructor(tmpl: ExecTemplate, data: unknown) {
    this.tmpl = tmpl;
    this.env = tmpl.env;
    this.values = [data];
  }

  // ---- variables ----

  push(name: string, value: unknown, iface: boolean): void {
    const i = this.top++;
    this.names[i] = name;
    this.values[i] = value;
    this.ifaces[i] = iface;
  }

  mark(): number {
    return this.top;
  }

  pop(mark: number): void {
    this.top = mark;
  }

  setVar(name: string, value: unknown, iface: boolean): void {
    for (let i = this.top - 1; i >= this.base; i--) {
      if (this.names[i] === name) {
        this.values[i] = value;
        this.ifaces[i] = iface;
        return;
      }
    }
    this.errorf("undefined variable: %s", name);
  }

  setTopVar(n: number, value: unknown, iface: boolean): void {
    const i = this.top - n;
    this.values[i] = value;
    this.ifaces[i] = iface;
  }

  varIndex(name: string): number {
    for (let i = this.top - 1; i >= this.base; i--) if (this.names[i] === name) return i;
    this.errorf("undefined variable: %s", name);
  }

  // ---- errors ----

  errorf(format: string, ...args: unknown[]): never {
    throw this.error(sprintf(format, ...args));
  }

  error(description: string, cause?: unknown): TemplateExecError {
    const name = this.tmpl.name;
    const node = this.node;
    if (node === null) {
      return new TemplateExecError({
        templateName: name,
        line: 0,
        col: 0,
        executing: name,
        context: "",
        description,
      }, {
        cause,
      });
    }
    const text = node.src.text;
    const before = text.slice(0, node.pos);
    const nl = before.lastIndexOf("\n");
    let line = 1;
    for (let i = before.indexOf("\n"); i >= 0; i = before.indexOf("\n", i + 1)) line++;
    const col = utf8Length(nl < 0 ? before : before.slice(nl + 1));
    return new TemplateExecError(
      { templateName: node.src.name, line, col, executing: name, context: node.toString(), description },
      { cause },
    );
  }

  // ---- walking ----

  walk(dot: unknown, di: boolean, node: Node): number {
    this.node = node;
    switch (node.type) {
      case NodeType.Action: {
        const pipe = (node as ActionNode).pipe;
        const val = this.evalPipeline(dot, di, pipe);
        if (pipe.decl.length === 0) this.printValue(node, val);
        return SIG_NONE;
      }
      case NodeType.Text:
        this.out += (node as TextNode).text;
        return SIG_NONE;
      case NodeType.List:
        return this.walkList(dot, di, node as ListNode);
      case NodeType.If:
        return this.walkIfOrWith(false, dot, di, node as BranchNode);
      case NodeType.With:
        return this.walkIfOrWith(true, dot, di, node as BranchNode);
      case NodeType.Range:
        return this.walkRange(dot, di, node as RangeNode);
      case NodeType.Template:
        this.walkTemplate(dot, di, node as TemplateNode);
        return SIG_NONE;
      case NodeType.Break:
        return SIG_BREAK;
      case NodeType.Continue:
        return SIG_CONTINUE;
      case NodeType.Comment:
        return SIG_NONE;
    }
    this.errorf("unknown node: %s", node.toString());
  }

  walkList(dot: unknown, di: boolean, list: ListNode): number {
    const nodes = list.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const c = nodes[i];
      // Text and plain actions are handled here rather than by recursion:
      // it is faster and keeps nested template execution shallow on the JS stack.
      if (c.type === NodeType.Text) {
        this.out += (c as TextNode).text;
      } else if (c.type === NodeType.Action) {
        this.node = c;
        const pipe = (c as ActionNode).pipe;
        const val = this.evalPipeline(dot, di, pipe);
        if (pipe.decl.length === 0) this.printValue(c, val);
      } else {
        const sig = this.walk(dot, di, c);
        if (sig !== SIG_NONE) return sig;
      }
    }
    return SIG_NONE;
  }

  walkIfOrWith(isWith: boolean, dot: unknown, di: boolean, node: BranchNode): number {
    const mark = this.mark();
    const val = this.evalPipeline(dot, di, node.pipe);
    let sig = SIG_NONE;
    if (isTrue(val)) {
      sig = isWith ? this.walk(val, false, node.list) : this.walk(dot, di, node.list);
    } else if (node.elseList !== null) {
      sig = this.walk(dot, di, node.elseList);
    }
    this.pop(mark);
    return sig;
  }

  walkRange(dot: unknown, di: boolean, r: RangeNode): number {
    this.node = r;
    const outer = this.mark();
    const val = this.evalPipeline(dot, di, r.pipe);
    const mark = this.mark();
    const decl = r.pipe.decl;
    const nd = decl.length;
    const isAssign = r.pipe.isAssign;
    // Returns true to stop the loop (break).
    const iterate = (index: unknown, elem: unknown, ei: boolean): boolean => {
      if (nd > 0) {
        if (isAssign) {
          if (nd > 1) this.setVar(decl[0].ident[0], index, false);
          else this.setVar(decl[0].ident[0], elem, ei);
        } else {
          this.setTopVar(1, elem, ei);
        }
      }
      if (nd > 1) {
        if (isAssign) this.setVar(decl[1].ident[0], elem, ei);
        else this.setTopVar(2, index, false);
      }
      const sig = this.walk(elem, ei, r.list);
      this.pop(mark);
      return sig === SIG_BREAK;
    };
    let ran = false;
    if (Array.isArray(val)) {
      if (val.length > 0) {
        ran = true;
        const ei = elemTypeOf(typeName(val)) === "interface {}";
        for (let i = 0; i < val.length; i++) {
          const e = val[i];
          if (iterate(goInt(i), e === undefined ? null : e, ei)) break;
        }
      }
    } else if (val instanceof GoInt) {
      if (nd > 1) this.errorf("can't use %v to iterate over more than one variable", val);
      const n = val.value;
      if (n > 0n) {
        ran = true;
        for (let i = 0n; i < n; i++) {
          if (iterate(undefined, new GoInt(i, val.kind), false)) break;
        }
      }
    } else if (val !== undefined && val !== null) {
      const proto = Object.getPrototypeOf(val);
      if (typeof val === "object" && (proto === Object.prototype || proto === null)) {
        const m = val as Record<string, unknown>;
        const keys = sortStrings(Object.keys(m));
        if (keys.length > 0) {
          ran = true;
          const ei = elemTypeOf(typeName(m)) === "interface {}";
          for (const k of keys) {
            const e = m[k];
            if (iterate(k, e === undefined ? null : e, ei)) break;
          }
        }
      } else if (val instanceof Uint8Array) {
        if (val.length > 0) {
          ran = true;
          for (let i = 0; i < val.length; i++) {
            if (iterate(goInt(i), new GoInt(BigInt(val[i]), "uint8"), false)) break;
          }
        }
      } else {
        this.errorf("range can't iterate over %v", val);
      }
    }
    let sig = SIG_NONE;
    if (!ran && r.elseList !== null) {
      sig = this.walk(dot, di, r.elseList);
      // Go recovers a break panic at this range even when it comes from the else branch.
      if (sig === SIG_BREAK) sig = SIG_NONE;
    }
    this.pop(outer);
    return sig;
  }

  walkTemplate(dot: unknown, di: boolean, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.env.lookup(t.name);
    if (tmpl === undefined || tmpl.tree === null || tmpl.tree.root === null) {
      this.errorf("template %q not defined", t.name);
    }
    if (this.depth === MAX_EXEC_DEPTH) {
      this.errorf("exceeded maximum template depth (%v)", goInt(MAX_EXEC_DEPTH));
    }
    this.lastTemplateNode = t;
    const newDot = this.evalPipeline(dot, di, t.pipe);
    // No dynamic scoping: the called template sees only its own $.
    const savedTmpl = this.tmpl;
    const savedBase = this.base;
    const savedTop = this.top;
    this.tmpl = tmpl;
    this.depth++;
    this.base = savedTop;
    this.push("$", newDot, false);
    this.walkList(newDot, false, tmpl.tree.root);
    this.tmpl = savedTmpl;
    this.base = savedBase;
    this.top = savedTop;
    this.depth--;
  }

  // ---- evaluation ----

  evalPipeline(dot: unknown, di: boolean, pipe: PipeNode | null): unknown {
    if (pipe === null) return undefined;
    this.node = pipe;
    let value: unknown = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, di, cmds[i], value);
      // Go unwraps interface values here; a nil interface becomes no value.
      if (value === null) value = undefined;
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.setVar(decl[i].ident[0], value, false);
      else this.push(decl[i].ident[0], value, false);
    }
    return value;
  }

  notAFunction(args: readonly Node[] | null, final: Final): void {
    if ((args !== null && args.length > 1) || final !== MISSING) {
      this.errorf("can't give argument to non-function %s", args![0].toString());
    }
  }

  evalCommand(dot: unknown, di: boolean, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.type) {
      case NodeType.Field:
        return this.evalFieldNode(dot, di, first as FieldNode, cmd.args, final);
      case NodeType.Chain:
        return this.evalChainNode(dot, di, first as ChainNode, cmd.args, final);
      case NodeType.Identifier: {
        // evalFunction inlined (one JS frame less per nested call).
        const name = (first as IdentifierNode).ident;
        this.node = first;
        return this.evalCall(
          dot,
          di,
          this.env.funcs.get(name) ?? this.builtin(name),
          cmd,
          name,
          cmd.args,
          final,
        );
      }
      case NodeType.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, di, first as PipeNode);
      case NodeType.Variable:
        return this.evalVariableNode(dot, di, first as VariableNode, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case NodeType.Bool:
        return (first as BoolNode).value;
      case NodeType.Dot:
        return dot;
      case NodeType.Nil:
        this.errorf("nil is not a command");
        break;
      case NodeType.Number:
        return this.idealConstant(first as NumberNode);
      case NodeType.String:
        return (first as StringNode).text;
    }
    this.errorf("can't evaluate command %q", first.toString());
  }

  idealConstant(c: NumberNode): unknown {
    this.node = c;
    if (c.ideal !== undefined) return c.ideal;
    let v: unknown;
    if (c.isComplex) v = c.complex128;
    else if (c.isFloat && !isHexInt(c.text) && c.text[0] !== "'" && /[.eEpP]/.test(c.text)) v = c.float64;
    else if (c.isInt) v = new GoInt(c.int64, "int");
    else if (c.isUint) this.errorf("%s overflows int", c.text);
    c.ideal = v;
    return v;
  }

  evalFieldNode(
    dot: unknown,
    di: boolean,
    field: FieldNode,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    this.node = field;
    return this.evalFieldChain(dot, di, dot, di, field, field.ident, args, final);
  }

  evalChainNode(
    dot: unknown,
    di: boolean,
    chain: ChainNode,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    this.node = chain;
    if (chain.field.length === 0) this.errorf("internal error: no fields in evalChainNode");
    if (chain.node.type === NodeType.Nil) {
      this.errorf("indirection through explicit nil in %s", chain.toString());
    }
    const pipe = this.evalArg(dot, di, NO_TYPE, chain.node);
    return this.evalFieldChain(dot, di, pipe, false, chain, chain.field, args, final);
  }

  evalVariableNode(
    dot: unknown,
    di: boolean,
    v: VariableNode,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    this.node = v;
    const i = this.varIndex(v.ident[0]);
    const value = this.values[i];
    if (v.fields.length === 0) {
      this.notAFunction(args, final);
      this.lastIface = this.ifaces[i];
      return value;
    }
    return this.evalFieldChain(dot, di, value, this.ifaces[i], v, v.fields, args, final);
  }

  evalFieldChain(
    dot: unknown,
    di: boolean,
    receiver: unknown,
    ri: boolean,
    node: Node,
    ident: readonly string[],
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, di, ident[i], node, null, MISSING, receiver, ri);
      ri = this.lastIface;
    }
    return this.evalField(dot, di, ident[n - 1], node, args, final, receiver, ri);
  }

  evalFunction(
    dot: unknown,
    di: boolean,
    node: IdentifierNode,
    cmd: Node,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    this.node = node;
    const name = node.ident;
    return this.evalCall(dot, di, this.env.funcs.get(name) ?? this.builtin(name), cmd, name, args, final);
  }

  /** A builtin by name (FuncMap entries were looked up first). */
  builtin(name: string): CallSpec {
    const spec = BUILTINS.get(name);
    if (spec === undefined) this.errorf("%q is not a defined function", name);
    return spec;
  }

  evalField(
    dot: unknown,
    di: boolean,
    fieldName: string,
    node: Node,
    args: readonly Node[] | null,
    final: Final,
    receiver: unknown,
    ri: boolean,
  ): unknown {
    this.lastIface = false;
    if (receiver === undefined) {
      if (this.env.missingKey === MissingKey.Error) this.errorf("nil data; no entry for key %q", fieldName);
      return undefined;
    }
    if (receiver === null) this.errorf("nil pointer evaluating %s.%s", "interface {}", fieldName);
    if (typeof receiver === "object") {
      const proto = Object.getPrototypeOf(receiver);
      const tag = (receiver as { [GO_TYPE]?: string })[GO_TYPE];
      if ((proto === Object.prototype || proto === null) && tag === undefined) {
        // The common case: a map[string]interface{} from values.
        return this.mapField(receiver as Record<string, unknown>, fieldName, "interface {}", args, final);
      }
      const method = findMethod(receiver, fieldName);
      if (method !== undefined) {
        return this.evalCall(
          dot,
          di,
          compileMethod(method.sig, method.call),
          node,
          fieldName,
          args,
          final,
        );
      }
      if (proto === Object.prototype || proto === null) {
        return this.mapField(receiver as Record<string, unknown>, fieldName, elemTypeOf(tag!), args, final);
      }
      if (receiver instanceof GoStruct && fieldName !== "goType" && Object.hasOwn(receiver, fieldName)) {
        if (!isExported(fieldName)) {
          this.errorf(
            "%s is an unexported field of struct type %s",
            fieldName,
            this.typeForError(receiver, ri),
          );
        }
        if ((args !== null && args.length > 1) || final !== MISSING) {
          this.errorf("%s has arguments but cannot be invoked as function", fieldName);
        }
        const v = (receiver as unknown as Record<string, unknown>)[fieldName];
        const types = (receiver.constructor as { [GO_FIELDS]?: Record<string, string> })[GO_FIELDS];
        this.lastIface = types !== undefined && types[fieldName] === "interface {}";
        return v === undefined ? null : v;
      }
    }
    this.errorf("can't evaluate field %s in type %s", fieldName, this.typeForError(receiver, ri));
  }

  typeForError(v: unknown, iface: boolean): string {
    return iface ? "interface {}" : typeName(v);
  }

  mapField(
    m: Record<string, unknown>,
    fieldName: string,
    elemType: string,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    if ((args !== null && args.length > 1) || final !== MISSING) {
      this.errorf("%s is not a method but has arguments", fieldName);
    }
    const iface = elemType === "interface {}";
    if (Object.hasOwn(m, fieldName)) {
      this.lastIface = iface;
      const v = m[fieldName];
      return v === undefined ? null : v;
    }
    switch (this.env.missingKey) {
      case MissingKey.Invalid:
        return undefined;
      case MissingKey.Zero:
        this.lastIface = iface;
        return zeroValueOf(elemType);
    }
    this.errorf("map has no entry for key %q", fieldName);
  }

  evalCall(
    dot: unknown,
    di: boolean,
    spec: CallSpec,
    node: Node,
    name: string,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    // Kept small: this frame stays on the JS stack while the function runs,
    // and nested template execution (Helm's include) recurses through here.
    if (spec.special !== Special.None) return this.evalSpecial(dot, di, spec, node, name, args, final);
    const a = this.buildArgs(dot, di, spec, name, args, final);
    let r: unknown;
    try {
      switch (a.length) {
        case 0:
          r = spec.fn();
          break;
        case 1:
          r = spec.fn(a[0]);
          break;
        case 2:
          r = spec.fn(a[0], a[1]);
          break;
        case 3:
          r = spec.fn(a[0], a[1], a[2]);
          break;
        default:
          r = spec.fn(...a);
      }
    } catch (e) {
      throw this.callError(e, node, name);
    }
    // A Go function always returns a value: a JS undefined stands for nil.
    return r === undefined ? null : r;
  }

  /** Go's "error calling NAME: …" (panics included); stack overflows pass through untouched. */
  callError(e: unknown, node: Node, name: string): unknown {
    if (isStackOverflow(e)) return e;
    this.node = node;
    return this.error("error calling " + name + ": " + errorMessage(e), e);
  }

  checkArgCount(spec: CallSpec, name: string, nargs: number, numIn: number): number {
    const np = spec.params.length;
    if (spec.variadic) {
      if (numIn < np - 1) {
        this.errorf(
          "wrong number of args for %s: want at least %d got %d",
          name,
          goInt(np - 1),
          goInt(nargs),
        );
      }
      return np - 1;
    }
    if (numIn !== np) {
      this.errorf("wrong number of args for %s: want %d got %d", name, goInt(np), goInt(numIn));
    }
    return nargs;
  }

  buildArgs(
    dot: unknown,
    di: boolean,
    spec: CallSpec,
    name: string,
    args: readonly Node[] | null,
    final: Final,
  ): unknown[] {
    const nargs = args === null ? 0 : args.length - 1;
    const hasFinal = final !== MISSING;
    const numIn = nargs + (hasFinal ? 1 : 0);
    const numFixed = this.checkArgCount(spec, name, nargs, numIn);
    const params = spec.params;
    const np = params.length;
    const argv = new Array<unknown>(numIn);
    let i = 0;
    for (; i < numFixed && i < nargs; i++) argv[i] = this.evalArg(dot, di, params[i], args![i + 1]);
    if (spec.variadic) {
      const et = params[np - 1];
      for (; i < nargs; i++) {
        argv[i] = this.evalArg(dot, di, et, args![i + 1]);
        if (spec.wrapIfaceArgs && this.argIface && argv[i] !== undefined) argv[i] = new InterfaceArg(argv[i]);
      }
    }
    if (hasFinal) {
      const t = spec.variadic && numIn - 1 < numFixed ? params[numIn - 1] : params[np - 1];
      argv[i] = this.validateType(final, t);
    }
    return argv;
  }

  /** The builtins text/template evaluates itself: short-circuit and/or, and call. */
  evalSpecial(
    dot: unknown,
    di: boolean,
    spec: CallSpec,
    node: Node,
    name: string,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    const nargs = args === null ? 0 : args.length - 1;
    const hasFinal = final !== MISSING;
    if (spec.special === Special.Call) {
      const argv = this.buildArgs(dot, di, spec, name, args, final);
      const calleeName = nargs === 0 ? reflectValueString(final) : args![1].toString();
      try {
        return callFunction(calleeName, argv[0], argv.slice(1));
      } catch (e) {
        throw this.callError(e, node, name);
      }
    }
    this.checkArgCount(spec, name, nargs, nargs + (hasFinal ? 1 : 0));
    const argType = spec.params[0];
    const isOr = spec.special === Special.Or;
    let v: unknown = undefined;
    for (let i = 1; i <= nargs; i++) {
      v = this.evalArg(dot, di, argType, args![i]);
      if (isTrue(v) === isOr) return v;
    }
    if (hasFinal) v = this.validateType(final, argType);
    return v;
  }

  validateType(value: unknown, t: ParamType): unknown {
    if (value === undefined) {
      if (t.kind === ParamKind.NoType) return undefined;
      if (t.nillable) return nilFor(t);
      this.errorf("invalid value; expected %s", t.name);
    }
    const k = t.kind;
    if (k === ParamKind.Iface || k === ParamKind.RValue || k === ParamKind.NoType) return value;
    if (value !== null) {
      const v = assign(value, t);
      if (v !== FAIL) return v;
    }
    this.errorf(
      "wrong type for value; expected %s; got %s",
      t.name,
      value === null ? "interface {}" : typeName(value),
    );
  }

  evalArg(dot: unknown, di: boolean, t: ParamType, n: Node): unknown {
    this.node = n;
    let v: unknown;
    // argIface is set after evaluating, since nested evaluations overwrite it.
    switch (n.type) {
      case NodeType.Dot:
        this.argIface = di;
        return this.validateType(dot, t);
      case NodeType.Nil:
        this.argIface = false;
        if (t.nillable) return nilFor(t);
        this.errorf("cannot assign nil to %s", t.name);
        break;
      case NodeType.Field:
        v = this.evalFieldNode(dot, di, n as FieldNode, [n], MISSING);
        this.argIface = this.lastIface;
        return this.validateType(v, t);
      case NodeType.Variable:
        v = this.evalVariableNode(dot, di, n as VariableNode, null, MISSING);
        this.argIface = this.lastIface;
        return this.validateType(v, t);
      case NodeType.Pipe:
        v = this.evalPipeline(dot, di, n as PipeNode);
        this.argIface = false;
        return this.validateType(v, t);
      case NodeType.Identifier:
        v = this.evalFunction(dot, di, n as IdentifierNode, n, null, MISSING);
        this.argIface = false;
        return this.validateType(v, t);
      case NodeType.Chain:
        v = this.evalChainNode(dot, di, n as ChainNode, null, MISSING);
        this.argIface = this.lastIface;
        return this.validateType(v, t);
    }
    this.argIface = false;
    switch (t.kind) {
      case ParamKind.Bool:
        if (n.type === NodeType.Bool) return (n as BoolNode).value;
        this.errorf("expected bool; found %s", n.toString());
        break;
      case ParamKind.Complex:
        if (n.type === NodeType.Number && (n as NumberNode).isComplex) return (n as NumberNode).complex128;
        this.errorf("expected complex; found %s", n.toString());
        break;
      case ParamKind.Float:
        if (n.type === NodeType.Number && (n as NumberNode).isFloat) {
          const f = (n as NumberNode).float64;
          return t.float32 ? Math.fround(f) : f;
        }
        this.errorf("expected float; found %s", n.toString());
        break;
      case ParamKind.Int:
        if (n.type === NodeType.Number && (n as NumberNode).isInt) {
          return new GoInt((n as NumberNode).int64, t.intKind);
        }
        this.errorf("expected integer; found %s", n.toString());
        break;
      case ParamKind.Uint:
        if (n.type === NodeType.Number && (n as NumberNode).isUint) {
          return new GoInt((n as NumberNode).uint64, t.intKind);
        }
        this.errorf("expected unsigned integer; found %s", n.toString());
        break;
      case ParamKind.String:
        if (n.type === NodeType.String) return (n as StringNode).text;
        this.errorf("expected string; found %s", n.toString());
        break;
      case ParamKind.Iface:
      case ParamKind.RValue:
        return this.evalEmptyInterface(n);
    }
    this.errorf("can't handle %s for arg of type %s", n.toString(), t.name);
  }

  evalEmptyInterface(n: Node): unknown {
    this.node = n;
    switch (n.type) {
      case NodeType.Bool:
        return (n as BoolNode).value;
      case NodeType.Number:
        return this.idealConstant(n as NumberNode);
      case NodeType.String:
        return (n as StringNode).text;
    }
    this.errorf("can't handle assignment of %s to empty interface argument", n.toString());
  }

  printValue(n: Node, v: unknown): void {
    this.node = n;
    switch (typeof v) {
      case "string":
        this.out += v;
        return;
      case "number":
        this.out += formatFloat64(v);
        return;
      case "boolean":
        this.out += v ? "true" : "false";
        return;
      case "undefined":
        this.out += "<no value>";
        return;
      case "function":
        this.errorf("can't print %s of type %s", n.toString(), typeName(v));
    }
    // Plain ints print directly; named integer types (time.Month) may be Stringers.
    if (v instanceof GoInt && Object.getPrototypeOf(v) === GoInt.prototype) {
      this.out += v.value.toString();
      return;
    }
    if (
      v instanceof GoStruct && v.goType.startsWith("*") && !findMethod(v, "String") && !findMethod(v, "Error")
    ) {
      v = derefStruct(v);
    }
    this.out += formatValue(v);
  }
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X") && !/[pP]/.test(s);
}

/** Go's reflect.Value.String(): the string itself, else `<T Value>`. */
function reflectValueString(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "<invalid Value>";
  return "<" + (v === null ? "interface {}" : typeName(v)) + " Value>";
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return formatValue(e);
}

/** The `call` builtin: calls a func value with Go's argument preparation. */
function callFunction(name: string, fn: unknown, args: unknown[]): unknown {
  if (fn === null || fn === undefined) throw new Error("call of nil");
  if (typeof fn !== "function") throw new Error(sprintf("non-function %s of type %s", name, typeName(fn)));
  const f = fn as (...a: unknown[]) => unknown;
  // A func value may carry its Go type as a GO_TYPE tag; otherwise it takes interface {} parameters.
  const sig = funcSignature(typeName(fn)) ??
    { params: Array<string>(f.length).fill("interface {}"), variadic: false };
  const types = sig.params.map(paramType);
  const numIn = types.length;
  if (sig.variadic) {
    if (args.length < numIn - 1) {
      throw new Error(
        sprintf(
          "wrong number of args for %s: got %d want at least %d",
          name,
          goInt(args.length),
          goInt(numIn - 1),
        ),
      );
    }
  } else if (args.length !== numIn) {
    throw new Error(
      sprintf("wrong number of args for %s: got %d want %d", name, goInt(args.length), goInt(numIn)),
    );
  }
  const argv = args.map((a, i) => {
    const t = sig.variadic && i >= numIn - 1 ? types[numIn - 1] : types[i];
    a = a === null ? undefined : a;
    if (a === undefined) {
      if (!t.nillable) {
        throw new Error(sprintf("arg %d: value is nil; should be of type %s", goInt(i), t.name));
      }
      return nilFor(t);
    }
    const v = assign(a, t);
    if (v !== FAIL) return v;
    const c = convertIntLike(a, t);
    if (c !== FAIL) return c;
    throw new Error(sprintf("arg %d: value has type %s; should be %s", goInt(i), typeName(a), t.name));
  });
  return f(...argv);
}

/**
 * Executes a template and returns its output. Throws {@link TemplateExecError}.
 */
export function execute(tmpl: ExecTemplate, data: unknown): string {
  // Go's reflect.ValueOf(nil) is no value, not a nil interface.
  if (data === null) data = undefined;
  const s = new State(tmpl, data);
  const root = tmpl.tree?.root;
  if (root === undefined || root === null) {
    return s.errorf("%q is an incomplete or empty template", tmpl.name);
  }
  activeExecutions++;
  try {
    s.walkList(data, false, root);
  } catch (e) {
    throw asTemplateError(s, e);
  } finally {
    activeExecutions--;
  }
  return s.out;
}

function asTemplateError(s: State, e: unknown): unknown {
  if (isStackOverflow(e)) {
    // Only the outermost execution reports it, once the stack has unwound.
    if (activeExecutions > 1) return e;
    if (s.lastTemplateNode !== null) {
      s.node = s.lastTemplateNode;
      return s.error(sprintf("exceeded maximum template depth (%v)", goInt(MAX_EXEC_DEPTH)));
    }
    return s.error("stack overflow");
  }
  if (e instanceof TemplateExecError) return e;
  // Anything else is an engine bug; report it as a template error rather than leak it.
  return s.error("internal error: " + errorMessage(e), e);
}
