/**
 * The template parser: builds trees of nodes from lexer items with Go's
 * grammar, checks, limits and error texts (`template: NAME:LINE: msg`).
 *
 * @example
 * ```ts
 * const trees = parse("page", '{{define "t"}}hi{{end}}{{template "t"}}', { hasFunction: () => false });
 * [...trees.keys()]; // ["t", "page"]
 * ```
 *
 * @module
 */

import { TemplateParseError } from "./errors.ts";
import { sprintf } from "./fmt.ts";
import { type Item, itemString, ItemType, Lexer } from "./lex.ts";
import {
  ActionNode,
  BoolNode,
  BreakNode,
  ChainNode,
  CommandNode,
  CommentNode,
  ContinueNode,
  DotNode,
  ElseNode,
  EndNode,
  FieldNode,
  IdentifierNode,
  IfNode,
  ListNode,
  NilNode,
  type Node,
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
import { parseFloat, parseInt, parseUint } from "./number.ts";
import { unquote, unquoteChar } from "./quote.ts";
import { trimGoSpace } from "./utf8.ts";
import { GoComplex, GoInt } from "./value.ts";

/** Maximum nesting of parenthesised pipelines (Go's maxStackDepth). */
export const MAX_PAREN_DEPTH = 10000;

/** Parser options. */
export interface ParseOptions {
  /** Reports whether a function name is defined (FuncMap entries and builtins). */
  hasFunction: (name: string) => boolean;
  /** Keep comments as nodes (Go's ParseComments). */
  parseComments?: boolean;
  /** Do not check that functions exist (Go's SkipFuncCheck). */
  skipFuncCheck?: boolean;
  /** Left delimiter; default `{{`. */
  leftDelim?: string;
  /** Right delimiter; default `}}`. */
  rightDelim?: string;
}

/** One parsed template: a name and the root list of its body. */
export class Tree {
  /** The template's name (a `define` name, or the parsed template's own name). */
  name: string;
  /** Go's ParseName: the top-level template being parsed, used in error locations. */
  readonly parseName: string;
  /** The body. */
  root: ListNode | null = null;
  /** Shared source of all trees from one parse. */
  readonly src: Source;

  // Parsing state only.
  #lex!: Lexer;
  readonly #token: Item[] = [EOF_ITEM, EOF_ITEM, EOF_ITEM];
  #peekCount = 0;
  #vars: string[] = [];
  #treeSet!: Map<string, Tree>;
  #actionLine = 0;
  #rangeDepth = 0;
  #stackDepth = 0;
  #opts!: ParseOptions;

  /** An empty tree named `name` over a source. */
  constructor(name: string, src: Source) {
    this.name = name;
    this.parseName = src.name;
    this.src = src;
  }

  // ---- token stream ----

  #next(): Item {
    if (this.#peekCount > 0) this.#peekCount--;
    else this.#token[0] = this.#lex.nextItem();
    return this.#token[this.#peekCount];
  }

  #backup(): void {
    this.#peekCount++;
  }

  #backup2(t1: Item): void {
    this.#token[1] = t1;
    this.#peekCount = 2;
  }

  #backup3(t2: Item, t1: Item): void {
    this.#token[1] = t1;
    this.#token[2] = t2;
    this.#peekCount = 3;
  }

  #peek(): Item {
    if (this.#peekCount > 0) return this.#token[this.#peekCount - 1];
    this.#peekCount = 1;
    this.#token[0] = this.#lex.nextItem();
    return this.#token[0];
  }

  #nextNonSpace(): Item {
    let token: Item;
    do token = this.#next(); while (token.typ === ItemType.Space);
    return token;
  }

  #peekNonSpace(): Item {
    const token = this.#nextNonSpace();
    this.#backup();
    return token;
  }

  // ---- errors ----

  #errorf(format: string, ...args: unknown[]): never {
    this.root = null;
    throw new TemplateParseError(this.parseName, this.#token[0].line, sprintf(format, ...args));
  }

  #expect(expected: ItemType, context: string): Item {
    const token = this.#nextNonSpace();
    if (token.typ !== expected) this.#unexpected(token, context);
    return token;
  }

  #expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const token = this.#nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.#unexpected(token, context);
    return token;
  }

  #unexpected(token: Item, context: string): never {
    if (token.typ === ItemType.Error) {
      let extra = "";
      if (this.#actionLine !== 0 && this.#actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.#actionLine}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.#errorf("%s%s", itemString(token), extra);
    }
    this.#errorf("unexpected %s in %s", itemString(token), context);
  }

  // ---- driving ----

  /** Starts parsing with a lexer shared by the enclosing tree (for define/block bodies). */
  #startParse(opts: ParseOptions, lex: Lexer, treeSet: Map<string, Tree>): void {
    this.root = null;
    this.#lex = lex;
    this.#vars = ["$"];
    this.#opts = opts;
    this.#treeSet = treeSet;
    this.#stackDepth = 0;
    lex.options = {
      emitComment: opts.parseComments === true,
      breakOK: !this.#hasFunction("break"),
      continueOK: !this.#hasFunction("continue"),
    };
  }

  /** Parses the whole text into this tree and the trees it defines. */
  parseText(opts: ParseOptions, treeSet: Map<string, Tree>): void {
    const lex = new Lexer(this.parseName, this.src.text, opts.leftDelim, opts.rightDelim);
    this.#startParse(opts, lex, treeSet);
    this.#parseTop();
    this.#add();
  }

  #add(): void {
    const tree = this.#treeSet.get(this.name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      this.#treeSet.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.#errorf("template: multiple definition of template %q", this.name);
  }

  #newChild(name: string): Tree {
    const t = new Tree(name, this.src);
    t.#startParse(this.#opts, this.#lex, this.#treeSet);
    return t;
  }

  #parseTop(): void {
    this.root = new ListNode(this.src, this.#peek().pos);
    while (this.#peek().typ !== ItemType.EOF) {
      if (this.#peek().typ === ItemType.LeftDelim) {
        const delim = this.#next();
        if (this.#nextNonSpace().typ === ItemType.Define) {
          this.#newChild("definition").#parseDefinition();
          continue;
        }
        this.#backup2(delim);
      }
      const n = this.#textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) this.#errorf("unexpected %s", n.toString());
      this.root.nodes.push(n);
    }
  }

  #parseDefinition(): void {
    const context = "define clause";
    const name = this.#expectOneOf(ItemType.String, ItemType.RawString, context);
    this.name = this.#unquoteOrFail(name.val);
    this.#expect(ItemType.RightDelim, context);
    const [list, end] = this.#itemList();
    this.root = list;
    if (end.type !== NodeType.End) this.#errorf("unexpected %s in %s", end.toString(), context);
    this.#add();
  }

  #unquoteOrFail(s: string): string {
    try {
      return unquote(s);
    } catch (e) {
      this.#errorf("%s", (e as Error).message);
    }
  }

  #itemList(): [ListNode, Node] {
    const list = new ListNode(this.src, this.#peekNonSpace().pos);
    while (this.#peekNonSpace().typ !== ItemType.EOF) {
      const n = this.#textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) return [list, n];
      list.nodes.push(n);
    }
    this.#errorf("unexpected EOF");
  }

  #textOrAction(): Node {
    const token = this.#nextNonSpace();
    switch (token.typ) {
      case ItemType.Text:
        return new TextNode(this.src, token.pos, token.val);
      case ItemType.LeftDelim: {
        this.#actionLine = token.line;
        try {
          return this.#action();
        } finally {
          this.#actionLine = 0;
        }
      }
      case ItemType.Comment:
        return new CommentNode(this.src, token.pos, token.val);
    }
    this.#unexpected(token, "input");
  }

  #action(): Node {
    const token = this.#nextNonSpace();
    switch (token.typ) {
      case ItemType.Block:
        return this.#blockControl();
      case ItemType.Break:
        return this.#breakControl(token.pos, token.line);
      case ItemType.Continue:
        return this.#continueControl(token.pos, token.line);
      case ItemType.Else:
        return this.#elseControl();
      case ItemType.End:
        return this.#endControl();
      case ItemType.If:
        return this.#ifControl();
      case ItemType.Range:
        return this.#rangeControl();
      case ItemType.Template:
        return this.#templateControl();
      case ItemType.With:
        return this.#withControl();
    }
    this.#backup();
    const t = this.#peek();
    return new ActionNode(this.src, t.pos, t.line, this.#pipeline("command", ItemType.RightDelim));
  }

  #breakControl(pos: number, line: number): Node {
    const token = this.#nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.#unexpected(token, "{{break}}");
    if (this.#rangeDepth === 0) this.#errorf("{{break}} outside {{range}}");
    return new BreakNode(this.src, pos, line);
  }

  #continueControl(pos: number, line: number): Node {
    const token = this.#nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.#unexpected(token, "{{continue}}");
    if (this.#rangeDepth === 0) this.#errorf("{{continue}} outside {{range}}");
    return new ContinueNode(this.src, pos, line);
  }

  #pipeline(context: string, end: ItemType): PipeNode {
    const token = this.#peekNonSpace();
    const pipe = new PipeNode(this.src, token.pos, token.line);
    decls: for (;;) {
      const v = this.#peekNonSpace();
      if (v.typ !== ItemType.Variable) break;
      this.#next();
      const tokenAfterVariable = this.#peek();
      const next = this.#peekNonSpace();
      if (next.typ === ItemType.Assign || next.typ === ItemType.Declare) {
        pipe.isAssign = next.typ === ItemType.Assign;
        this.#nextNonSpace();
        pipe.decl.push(new VariableNode(this.src, v.pos, v.val));
        this.#vars.push(v.val);
      } else if (next.typ === ItemType.Char && next.val === ",") {
        this.#nextNonSpace();
        pipe.decl.push(new VariableNode(this.src, v.pos, v.val));
        this.#vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const p = this.#peekNonSpace().typ;
          if (p === ItemType.Variable || p === ItemType.RightDelim || p === ItemType.RightParen) {
            continue decls;
          }
          this.#errorf("range can only initialize variables");
        }
        this.#errorf("too many declarations in %s", context);
      } else if (tokenAfterVariable.typ === ItemType.Space) {
        this.#backup3(v, tokenAfterVariable);
      } else {
        this.#backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.#nextNonSpace();
      switch (token.typ) {
        case end:
          this.#checkPipeline(pipe, context);
          return pipe;
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.#backup();
          pipe.cmds.push(this.#command());
          break;
        default:
          this.#unexpected(token, context);
      }
    }
  }

  #checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.#errorf("missing value for %s", context);
    for (let i = 1; i < pipe.cmds.length; i++) {
      switch (pipe.cmds[i].args[0].type) {
        case NodeType.Bool:
        case NodeType.Dot:
        case NodeType.Nil:
        case NodeType.Number:
        case NodeType.String:
          this.#errorf("non executable command in pipeline stage %d", GoInt.of(i + 1));
      }
    }
  }

  #parseControl(context: string): [number, number, PipeNode, ListNode, ListNode | null] {
    const mark = this.#vars.length;
    try {
      const pipe = this.#pipeline(context, ItemType.RightDelim);
      if (context === "range") this.#rangeDepth++;
      let [list, next] = this.#itemList();
      if (context === "range") this.#rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === NodeType.Else) {
        if (context === "if" && this.#peek().typ === ItemType.If) {
          this.#next();
          elseList = new ListNode(this.src, next.pos);
          elseList.nodes.push(this.#ifControl());
        } else if (context === "with" && this.#peek().typ === ItemType.With) {
          this.#next();
          elseList = new ListNode(this.src, next.pos);
          elseList.nodes.push(this.#withControl());
        } else {
          [elseList, next] = this.#itemList();
          if (next.type !== NodeType.End) this.#errorf("expected end; found %s", next.toString());
        }
      }
      return [pipe.pos, pipe.line, pipe, list, elseList];
    } finally {
      this.#vars.length = mark;
    }
  }

  #ifControl(): Node {
    return new IfNode(this.src, ...this.#parseControl("if"));
  }

  #rangeControl(): Node {
    return new RangeNode(this.src, ...this.#parseControl("range"));
  }

  #withControl(): Node {
    return new WithNode(this.src, ...this.#parseControl("with"));
  }

  #endControl(): Node {
    return new EndNode(this.src, this.#expect(ItemType.RightDelim, "end").pos);
  }

  #elseControl(): Node {
    const peek = this.#peekNonSpace();
    if (peek.typ === ItemType.If || peek.typ === ItemType.With) {
      return new ElseNode(this.src, peek.pos, peek.line);
    }
    const token = this.#expect(ItemType.RightDelim, "else");
    return new ElseNode(this.src, token.pos, token.line);
  }

  #blockControl(): Node {
    const context = "block clause";
    const token = this.#nextNonSpace();
    const name = this.#parseTemplateName(token, context);
    const pipe = this.#pipeline(context, ItemType.RightDelim);
    const block = this.#newChild(name);
    const [list, end] = block.#itemList();
    block.root = list;
    if (end.type !== NodeType.End) this.#errorf("unexpected %s in %s", end.toString(), context);
    block.#add();
    return new TemplateNode(this.src, token.pos, token.line, name, pipe);
  }

  #templateControl(): Node {
    const context = "template clause";
    const token = this.#nextNonSpace();
    const name = this.#parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.#nextNonSpace().typ !== ItemType.RightDelim) {
      this.#backup();
      pipe = this.#pipeline(context, ItemType.RightDelim);
    }
    return new TemplateNode(this.src, token.pos, token.line, name, pipe);
  }

  #parseTemplateName(token: Item, context: string): string {
    if (token.typ === ItemType.String || token.typ === ItemType.RawString) {
      return this.#unquoteOrFail(token.val);
    }
    this.#unexpected(token, context);
  }

  #command(): CommandNode {
    const cmd = new CommandNode(this.src, this.#peekNonSpace().pos);
    for (;;) {
      this.#peekNonSpace();
      const operand = this.#operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.#next();
      if (token.typ === ItemType.Space) continue;
      if (token.typ === ItemType.RightDelim || token.typ === ItemType.RightParen) this.#backup();
      else if (token.typ !== ItemType.Pipe) this.#unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.#errorf("empty command");
    return cmd;
  }

  #operand(): Node | null {
    let node = this.#term();
    if (node === null) return null;
    if (this.#peek().typ === ItemType.Field) {
      const chain = new ChainNode(this.src, this.#peek().pos, node);
      while (this.#peek().typ === ItemType.Field) chain.add(this.#next().val);
      // Go re-parses chain.String(); building from the parts gives the same node.
      switch (node.type) {
        case NodeType.Field:
          node = new FieldNode(this.src, chain.pos, (node as FieldNode).ident.concat(chain.field));
          break;
        case NodeType.Variable:
          node = new VariableNode(this.src, chain.pos, (node as VariableNode).ident.concat(chain.field));
          break;
        case NodeType.Bool:
        case NodeType.String:
        case NodeType.Number:
        case NodeType.Nil:
        case NodeType.Dot:
          this.#errorf("unexpected . after term %q", node.toString());
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  #term(): Node | null {
    const token = this.#nextNonSpace();
    switch (token.typ) {
      case ItemType.Identifier:
        if (!this.#opts.skipFuncCheck && !this.#hasFunction(token.val)) {
          this.#errorf("function %q not defined", token.val);
        }
        return new IdentifierNode(this.src, token.pos, token.val);
      case ItemType.Dot:
        return new DotNode(this.src, token.pos);
      case ItemType.Nil:
        return new NilNode(this.src, token.pos);
      case ItemType.Variable:
        return this.#useVar(token.pos, token.val);
      case ItemType.Field:
        return new FieldNode(this.src, token.pos, token.val);
      case ItemType.Bool:
        return new BoolNode(this.src, token.pos, token.val === "true");
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.#newNumber(token.pos, token.val, token.typ);
      case ItemType.LeftParen: {
        if (this.#stackDepth >= MAX_PAREN_DEPTH) this.#errorf("max expression depth exceeded");
        this.#stackDepth++;
        try {
          return this.#pipeline("parenthesized pipeline", ItemType.RightParen);
        } finally {
          this.#stackDepth--;
        }
      }
      case ItemType.String:
      case ItemType.RawString:
        return new StringNode(this.src, token.pos, token.val, this.#unquoteOrFail(token.val));
    }
    this.#backup();
    return null;
  }

  #hasFunction(name: string): boolean {
    return this.#opts.hasFunction(name);
  }

  #useVar(pos: number, name: string): Node {
    const v = new VariableNode(this.src, pos, name);
    const first = v.ident[0];
    for (const n of this.#vars) if (n === first) return v;
    this.#errorf("undefined variable %q", first);
  }

  #newNumber(pos: number, text: string, typ: ItemType): NumberNode {
    const n = new NumberNode(this.src, pos, text);
    if (typ === ItemType.CharConstant) {
      let ch;
      try {
        ch = unquoteChar(text, 1, 0x27);
      } catch (e) {
        this.#errorf("%s", (e as Error).message);
      }
      if (text.slice(ch.next) !== "'") this.#errorf("malformed character constant: %s", text);
      n.int64 = BigInt(ch.value);
      n.isInt = true;
      n.uint64 = BigInt(ch.value);
      n.isUint = true;
      n.float64 = ch.value;
      n.isFloat = true;
      return n;
    }
    if (typ === ItemType.Complex) {
      const c = parseComplex(text);
      if (c === null) this.#errorf("expected integer");
      n.isComplex = true;
      n.complex128 = c;
      simplifyComplex(n);
      return n;
    }
    if (text.length > 0 && text[text.length - 1] === "i") {
      const f = parseFloat(text.slice(0, -1));
      if (f.ok) {
        n.isComplex = true;
        n.complex128 = new GoComplex(0, f.value);
        simplifyComplex(n);
        return n;
      }
    }
    const u = parseUint(text, 0, 64);
    if (u.ok) {
      n.isUint = true;
      n.uint64 = u.value;
    }
    const i = parseInt(text, 0, 64);
    if (i.ok) {
      n.isInt = true;
      n.int64 = i.value;
      if (i.value === 0n) {
        n.isUint = true;
        n.uint64 = u.ok ? u.value : 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseFloat(text);
      if (f.ok) {
        if (!/[.eEpP]/.test(text)) this.#errorf("integer overflow: %q", text);
        n.isFloat = true;
        n.float64 = f.value;
        if (fitsInt64(f.value)) {
          n.isInt = true;
          n.int64 = BigInt(f.value);
        }
        if (fitsUint64(f.value)) {
          n.isUint = true;
          n.uint64 = BigInt(f.value);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.#errorf("illegal number syntax: %q", text);
    return n;
  }
}

const EOF_ITEM: Item = { typ: ItemType.EOF, pos: 0, val: "EOF", line: 0 };

/** Go's `float64(int64(f)) == f` on amd64: integral and within int64 range. */
function fitsInt64(f: number): boolean {
  return Number.isInteger(f) && f >= -9223372036854775808 && f < 9223372036854775808;
}

function fitsUint64(f: number): boolean {
  return Number.isInteger(f) && f >= 0 && f < 18446744073709551616;
}

function simplifyComplex(n: NumberNode): void {
  const c = n.complex128!;
  n.isFloat = c.im === 0;
  if (n.isFloat) {
    n.float64 = c.re;
    n.isInt = fitsInt64(c.re);
    if (n.isInt) n.int64 = BigInt(c.re);
    n.isUint = fitsUint64(c.re);
    if (n.isUint) n.uint64 = BigInt(c.re);
  }
}

function parseComplex(text: string): GoComplex | null {
  // "re±imi": split at the sign that starts the imaginary part (not an exponent sign).
  for (let k = text.length - 2; k > 0; k--) {
    const c = text[k];
    if ((c === "+" || c === "-") && !/[eEpP]/.test(text[k - 1])) {
      const re = parseFloat(text.slice(0, k));
      const im = parseFloat(text.slice(k, -1));
      if (re.ok && im.ok) return new GoComplex(re.value, im.value);
      return null;
    }
  }
  return null;
}

/** Go's IsEmptyTree: only white space and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.type) {
    case NodeType.Comment:
      return true;
    case NodeType.List:
      for (const c of (n as ListNode).nodes) if (!isEmptyTree(c)) return false;
      return true;
    case NodeType.Text:
      return trimGoSpace((n as TextNode).text).length === 0;
  }
  return false;
}

/**
 * Parses template text named `name` into trees: one for the text itself and
 * one per `define`/`block`. Throws {@link TemplateParseError}.
 */
export function parse(name: string, text: string, opts: ParseOptions): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const t = new Tree(name, { name, text });
  try {
    t.parseText(opts, treeSet);
  } catch (e) {
    if (e instanceof TemplateParseError) throw e;
    if (e instanceof RangeError || (e instanceof Error && e.message.includes("Stack overflow"))) {
      // Only absurd nesting gets here (the JS stack is smaller than Go's).
      throw new TemplateParseError(name, 1, "max expression depth exceeded");
    }
    // An engine bug: still report it as a template error rather than leak a JS error.
    throw new TemplateParseError(name, 1, "internal error: " + (e instanceof Error ? e.message : String(e)));
  }
  return treeSet;
}
