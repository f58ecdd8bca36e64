/**
 * Parse tree nodes. Each node knows its source (for error locations) and
 * re-prints itself exactly as Go's `Node.String()` does, since execution
 * errors quote the failing node (`at <.Values.a.b>`).
 *
 * @module
 */

import { quote } from "./quote.ts";
import type { GoComplex } from "./value.ts";

/** The text a set of trees was parsed from, and the name errors report for it. */
export interface Source {
  /** Go's `Tree.ParseName`: the name of the top-level template being parsed. */
  readonly name: string;
  /** The full template text. */
  readonly text: string;
}

/** Node kinds, in Go's order. */
export enum NodeType {
  /** Plain text. */
  Text,
  /** A non-control action such as a field evaluation. */
  Action,
  /** A boolean constant. */
  Bool,
  /** A term followed by field accesses. */
  Chain,
  /** An element of a pipeline. */
  Command,
  /** The cursor, dot. */
  Dot,
  /** `{{else}}`, parser only. */
  Else,
  /** `{{end}}`, parser only. */
  End,
  /** A field or method name chain on dot. */
  Field,
  /** A function name. */
  Identifier,
  /** `{{if}}`. */
  If,
  /** A list of nodes. */
  List,
  /** The untyped nil constant. */
  Nil,
  /** A numeric constant. */
  Number,
  /** A pipeline of commands. */
  Pipe,
  /** `{{range}}`. */
  Range,
  /** A string constant. */
  String,
  /** `{{template}}`. */
  Template,
  /** A `$` variable. */
  Variable,
  /** `{{with}}`. */
  With,
  /** A comment. */
  Comment,
  /** `{{break}}`. */
  Break,
  /** `{{continue}}`. */
  Continue,
}

/** Common shape of every node. */
export abstract class Node {
  /** The node kind, for fast dispatch. */
  abstract readonly type: NodeType;
  /** Start position in the source text (JS index). */
  readonly pos: number;
  /** Where the node was parsed from. */
  readonly src: Source;

  /** Creates a node at a position of a source. */
  constructor(src: Source, pos: number) {
    this.src = src;
    this.pos = pos;
  }

  /** Go's `Node.String()`. */
  abstract toString(): string;
}

/** A sequence of nodes. */
export class ListNode extends Node {
  /** Always {@link NodeType.List}. */
  readonly type: NodeType.List = NodeType.List;
  /** The element nodes in lexical order. */
  readonly nodes: Node[] = [];
  /** The nodes re-printed one after the other. */
  toString(): string {
    let s = "";
    for (const n of this.nodes) s += n.toString();
    return s;
  }
}

/** Plain text. */
export class TextNode extends Node {
  /** Always {@link NodeType.Text}. */
  readonly type: NodeType.Text = NodeType.Text;
  /** The text, after trim markers were applied. */
  readonly text: string;
  /** Creates a text node. */
  constructor(src: Source, pos: number, text: string) {
    super(src, pos);
    this.text = text;
  }
  /** The text itself. */
  toString(): string {
    return this.text;
  }
}

/** A comment (kept only in ParseComments mode). */
export class CommentNode extends Node {
  /** Always {@link NodeType.Comment}. */
  readonly type: NodeType.Comment = NodeType.Comment;
  /** The comment with its markers, e.g. `/* x *\/`. */
  readonly text: string;
  /** Creates a comment node. */
  constructor(src: Source, pos: number, text: string) {
    super(src, pos);
    this.text = text;
  }
  /** `{{/* … *\/}}`. */
  toString(): string {
    return "{{" + this.text + "}}";
  }
}

/** A pipeline with optional variable declarations or assignments. */
export class PipeNode extends Node {
  /** Always {@link NodeType.Pipe}. */
  readonly type: NodeType.Pipe = NodeType.Pipe;
  /** Line of the pipeline (kept for compatibility with Go's tree). */
  readonly line: number;
  /** True for `$x = …` (assignment), false for `$x := …` (declaration). */
  isAssign = false;
  /** Declared or assigned variables in lexical order. */
  readonly decl: VariableNode[] = [];
  /** The commands in lexical order. */
  readonly cmds: CommandNode[] = [];
  /** Creates an empty pipeline. */
  constructor(src: Source, pos: number, line: number) {
    super(src, pos);
    this.line = line;
  }
  /** `$x := a | b`. */
  toString(): string {
    let s = "";
    if (this.decl.length > 0) {
      s = this.decl.map((v) => v.toString()).join(", ");
      s += this.isAssign ? " = " : " := ";
    }
    return s + this.cmds.map((c) => c.toString()).join(" | ");
  }
}

/** A non-control action (`{{pipeline}}`). */
export class ActionNode extends Node {
  /** Always {@link NodeType.Action}. */
  readonly type: NodeType.Action = NodeType.Action;
  /** Line of the action. */
  readonly line: number;
  /** The pipeline in the action. */
  readonly pipe: PipeNode;
  /** Creates an action node. */
  constructor(src: Source, pos: number, line: number, pipe: PipeNode) {
    super(src, pos);
    this.line = line;
    this.pipe = pipe;
  }
  /** `{{pipeline}}`. */
  toString(): string {
    return "{{" + this.pipe.toString() + "}}";
  }
}

/** One command of a pipeline: operands separated by spaces. */
export class CommandNode extends Node {
  /** Always {@link NodeType.Command}. */
  readonly type: NodeType.Command = NodeType.Command;
  /** The operands: the first is the function, field or value; the rest are arguments. */
  readonly args: Node[] = [];
  /** The operands separated by spaces, parenthesised pipelines in parentheses. */
  toString(): string {
    let s = "";
    for (let i = 0; i < this.args.length; i++) {
      if (i > 0) s += " ";
      const a = this.args[i];
      s += a instanceof PipeNode ? "(" + a.toString() + ")" : a.toString();
    }
    return s;
  }
}

/** A function name. */
export class IdentifierNode extends Node {
  /** Always {@link NodeType.Identifier}. */
  readonly type: NodeType.Identifier = NodeType.Identifier;
  /** The function name. */
  readonly ident: string;
  /** Creates an identifier node. */
  constructor(src: Source, pos: number, ident: string) {
    super(src, pos);
    this.ident = ident;
  }
  /** The name. */
  toString(): string {
    return this.ident;
  }
}

const NO_FIELDS: string[] = [];

/** A variable with optional field chain: `$x.a.b` has ident `["$x","a","b"]`. */
export class VariableNode extends Node {
  /** Always {@link NodeType.Variable}. */
  readonly type: NodeType.Variable = NodeType.Variable;
  /** Variable name followed by field names. */
  readonly ident: string[];
  /** The fields after the variable name (`ident` without its first element). */
  readonly fields: string[];
  /** Creates a variable node from its source text (`$x.a.b`) or from its parts. */
  constructor(src: Source, pos: number, ident: string | string[]) {
    super(src, pos);
    this.ident = typeof ident === "string" ? (ident.includes(".") ? ident.split(".") : [ident]) : ident;
    this.fields = this.ident.length === 1 ? NO_FIELDS : this.ident.slice(1);
  }
  /** `$x.a.b`. */
  toString(): string {
    return this.ident.join(".");
  }
}

/** The cursor `.`. */
export class DotNode extends Node {
  /** Always {@link NodeType.Dot}. */
  readonly type: NodeType.Dot = NodeType.Dot;
  /** `.`. */
  toString(): string {
    return ".";
  }
}

/** The untyped `nil`. */
export class NilNode extends Node {
  /** Always {@link NodeType.Nil}. */
  readonly type: NodeType.Nil = NodeType.Nil;
  /** `nil`. */
  toString(): string {
    return "nil";
  }
}

/** A field chain on dot: `.a.b` has ident `["a","b"]`. */
export class FieldNode extends Node {
  /** Always {@link NodeType.Field}. */
  readonly type: NodeType.Field = NodeType.Field;
  /** Field names in lexical order. */
  readonly ident: string[];
  /** Creates a field node from its source text (`.a.b`) or from its field names. */
  constructor(src: Source, pos: number, ident: string | string[]) {
    super(src, pos);
    this.ident = typeof ident === "string" ? ident.slice(1).split(".") : ident;
  }
  /** `.a.b`. */
  toString(): string {
    let s = "";
    for (const id of this.ident) s += "." + id;
    return s;
  }
}

/** A term followed by fields: `(pipe).a.b`. */
export class ChainNode extends Node {
  /** Always {@link NodeType.Chain}. */
  readonly type: NodeType.Chain = NodeType.Chain;
  /** The term the fields apply to. */
  readonly node: Node;
  /** Field names in lexical order. */
  readonly field: string[] = [];
  /** Creates a chain on a term. */
  constructor(src: Source, pos: number, node: Node) {
    super(src, pos);
    this.node = node;
  }
  /** Appends a `.name` field. */
  add(field: string): void {
    this.field.push(field.slice(1));
  }
  /** `(pipe).a.b`. */
  toString(): string {
    let s = this.node instanceof PipeNode ? "(" + this.node.toString() + ")" : this.node.toString();
    for (const f of this.field) s += "." + f;
    return s;
  }
}

/** `true` or `false`. */
export class BoolNode extends Node {
  /** Always {@link NodeType.Bool}. */
  readonly type: NodeType.Bool = NodeType.Bool;
  /** The constant. */
  readonly value: boolean;
  /** Creates a boolean node. */
  constructor(src: Source, pos: number, value: boolean) {
    super(src, pos);
    this.value = value;
  }
  /** `true` or `false`. */
  toString(): string {
    return this.value ? "true" : "false";
  }
}

/** A numeric constant, stored under every Go type that can represent it (like Go's ideal constants). */
export class NumberNode extends Node {
  /** Always {@link NodeType.Number}. */
  readonly type: NodeType.Number = NodeType.Number;
  /** The source text, e.g. `0x1F`. */
  readonly text: string;
  /** Representable as an int64. */
  isInt = false;
  /** Representable as a uint64. */
  isUint = false;
  /** Representable as a float64. */
  isFloat = false;
  /** A complex constant (`1i`, `1+2i`). */
  isComplex = false;
  /** The int64 value when `isInt`. */
  int64 = 0n;
  /** The uint64 value when `isUint`. */
  uint64 = 0n;
  /** The float64 value when `isFloat`. */
  float64 = 0;
  /** The complex value when `isComplex`. */
  complex128: GoComplex | null = null;
  /** The value without a target type (Go's idealConstant), computed on first use. */
  ideal: unknown = undefined;
  /** Creates a number node; the parser fills in the values. */
  constructor(src: Source, pos: number, text: string) {
    super(src, pos);
    this.text = text;
  }
  /** The source text. */
  toString(): string {
    return this.text;
  }
}

/** A string constant. */
export class StringNode extends Node {
  /** Always {@link NodeType.String}. */
  readonly type: NodeType.String = NodeType.String;
  /** The source text with its quotes. */
  readonly quoted: string;
  /** The value. */
  readonly text: string;
  /** Creates a string node. */
  constructor(src: Source, pos: number, quoted: string, text: string) {
    super(src, pos);
    this.quoted = quoted;
    this.text = text;
  }
  /** The quoted source text. */
  toString(): string {
    return this.quoted;
  }
}

/** `{{end}}` (parser only). */
export class EndNode extends Node {
  /** Always {@link NodeType.End}. */
  readonly type: NodeType.End = NodeType.End;
  /** `{{end}}`. */
  toString(): string {
    return "{{end}}";
  }
}

/** `{{else}}` (parser only). */
export class ElseNode extends Node {
  /** Always {@link NodeType.Else}. */
  readonly type: NodeType.Else = NodeType.Else;
  /** Line of the else. */
  readonly line: number;
  /** Creates an else node. */
  constructor(src: Source, pos: number, line: number) {
    super(src, pos);
    this.line = line;
  }
  /** `{{else}}`. */
  toString(): string {
    return "{{else}}";
  }
}

/** Shared shape of if, range and with. */
export abstract class BranchNode extends Node {
  /** Line of the control action. */
  readonly line: number;
  /** The pipeline deciding the branch (or giving range's values). */
  readonly pipe: PipeNode;
  /** What runs when the value is true (non-empty). */
  readonly list: ListNode;
  /** What runs otherwise, or null. */
  readonly elseList: ListNode | null;
  /** Creates a control node. */
  constructor(
    src: Source,
    pos: number,
    line: number,
    pipe: PipeNode,
    list: ListNode,
    elseList: ListNode | null,
  ) {
    super(src, pos);
    this.line = line;
    this.pipe = pipe;
    this.list = list;
    this.elseList = elseList;
  }
  /** The keyword (`if`, `range`, `with`). */
  abstract get keyword(): string;
  /** `{{if pipe}}list{{else}}elseList{{end}}`. */
  toString(): string {
    let s = "{{" + this.keyword + " " + this.pipe.toString() + "}}" + this.list.toString();
    if (this.elseList !== null) s += "{{else}}" + this.elseList.toString();
    return s + "{{end}}";
  }
}

/** `{{if}}`. */
export class IfNode extends BranchNode {
  /** Always {@link NodeType.If}. */
  readonly type: NodeType.If = NodeType.If;
  /** `if`. */
  get keyword(): string {
    return "if";
  }
}

/** `{{range}}`. */
export class RangeNode extends BranchNode {
  /** Always {@link NodeType.Range}. */
  readonly type: NodeType.Range = NodeType.Range;
  /** `range`. */
  get keyword(): string {
    return "range";
  }
}

/** `{{with}}`. */
export class WithNode extends BranchNode {
  /** Always {@link NodeType.With}. */
  readonly type: NodeType.With = NodeType.With;
  /** `with`. */
  get keyword(): string {
    return "with";
  }
}

/** `{{break}}`. */
export class BreakNode extends Node {
  /** Always {@link NodeType.Break}. */
  readonly type: NodeType.Break = NodeType.Break;
  /** Line of the action. */
  readonly line: number;
  /** Creates a break node. */
  constructor(src: Source, pos: number, line: number) {
    super(src, pos);
    this.line = line;
  }
  /** `{{break}}`. */
  toString(): string {
    return "{{break}}";
  }
}

/** `{{continue}}`. */
export class ContinueNode extends Node {
  /** Always {@link NodeType.Continue}. */
  readonly type: NodeType.Continue = NodeType.Continue;
  /** Line of the action. */
  readonly line: number;
  /** Creates a continue node. */
  constructor(src: Source, pos: number, line: number) {
    super(src, pos);
    this.line = line;
  }
  /** `{{continue}}`. */
  toString(): string {
    return "{{continue}}";
  }
}

/** `{{template "name" pipeline}}`. */
export class TemplateNode extends Node {
  /** Always {@link NodeType.Template}. */
  readonly type: NodeType.Template = NodeType.Template;
  /** Line of the action. */
  readonly line: number;
  /** The template name (unquoted). */
  readonly name: string;
  /** The pipeline giving dot, or null. */
  readonly pipe: PipeNode | null;
  /** Creates a template invocation. */
  constructor(src: Source, pos: number, line: number, name: string, pipe: PipeNode | null) {
    super(src, pos);
    this.line = line;
    this.name = name;
    this.pipe = pipe;
  }
  /** `{{template "name" pipe}}`. */
  toString(): string {
    return "{{template " + quote(this.name) + (this.pipe ? " " + this.pipe.toString() : "") + "}}";
  }
}
