// A small, safe formula language for derived KPIs and computed targets: numbers, percents, references,
// + - * /, parentheses, min() and max(). Parsed by hand into an AST (never eval'd); evaluation yields
// `null` ("no value") for a missing reference, a division by zero or any non-finite result.

export type FormulaNode =
  | { readonly type: 'num'; readonly value: number }
  | { readonly type: 'ref'; readonly name: string }
  | { readonly type: 'neg'; readonly arg: FormulaNode }
  | {
      readonly type: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly type: 'call'; readonly fn: 'min' | 'max'; readonly args: readonly FormulaNode[] };

export interface FormulaError {
  readonly message: string;
  /** 0-based character offset in the source where the problem was found. */
  readonly index: number;
}

export type ParseResult =
  | { readonly ok: true; readonly ast: FormulaNode }
  | { readonly ok: false; readonly error: FormulaError };

const MAX_LENGTH = 1000;
const MAX_DEPTH = 64;

type Token =
  | { kind: 'num'; value: number; index: number }
  | { kind: 'ident'; name: string; index: number }
  | { kind: 'op'; op: string; index: number }
  | { kind: 'end'; index: number };

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      let value = Number(num[0]);
      const start = i;
      i += num[0].length;
      // A percent sign right after a number makes it a fraction: 15% = 0.15.
      if (src[i] === '%') {
        value = value / 100;
        i++;
      }
      if (!Number.isFinite(value)) throw new ParseFailure(`number out of range "${num[0]}"`, start);
      tokens.push({ kind: 'num', value, index: start });
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', name: ident[0], index: i });
      i += ident[0].length;
      continue;
    }
    if ('+-*/(),'.includes(c)) {
      tokens.push({ kind: 'op', op: c, index: i });
      i++;
      continue;
    }
    throw new ParseFailure(`unexpected character "${c}"`, i);
  }
  tokens.push({ kind: 'end', index: src.length });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.op === op;
  }
  private expectOp(op: string): void {
    const t = this.next();
    if (t.kind !== 'op' || t.op !== op) throw new ParseFailure(`expected "${op}"`, t.index);
  }

  parseAll(): FormulaNode {
    const node = this.expr(0);
    const t = this.peek();
    if (t.kind !== 'end') throw new ParseFailure('unexpected text after the end of the formula', t.index);
    return node;
  }

  private expr(depth: number): FormulaNode {
    if (depth > MAX_DEPTH) throw new ParseFailure('formula nested too deeply', this.peek().index);
    let left = this.term(depth);
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as { op: '+' | '-' }).op;
      left = { type: 'bin', op, left, right: this.term(depth) };
    }
    return left;
  }

  private term(depth: number): FormulaNode {
    let left = this.factor(depth);
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.next() as { op: '*' | '/' }).op;
      left = { type: 'bin', op, left, right: this.factor(depth) };
    }
    return left;
  }

  private factor(depth: number): FormulaNode {
    if (depth > MAX_DEPTH) throw new ParseFailure('formula nested too deeply', this.peek().index);
    if (this.isOp('-')) {
      this.next();
      return { type: 'neg', arg: this.factor(depth + 1) };
    }
    if (this.isOp('+')) {
      this.next();
      return this.factor(depth + 1);
    }
    return this.primary(depth);
  }

  private primary(depth: number): FormulaNode {
    const t = this.next();
    if (t.kind === 'num') return { type: 'num', value: t.value };
    if (t.kind === 'ident') {
      if (this.isOp('(')) {
        if (t.name !== 'min' && t.name !== 'max') throw new ParseFailure(`unknown function "${t.name}"`, t.index);
        this.next();
        const args: FormulaNode[] = [this.expr(depth + 1)];
        while (this.isOp(',')) {
          this.next();
          args.push(this.expr(depth + 1));
        }
        this.expectOp(')');
        return { type: 'call', fn: t.name, args };
      }
      return { type: 'ref', name: t.name };
    }
    if (t.kind === 'op' && t.op === '(') {
      const inner = this.expr(depth + 1);
      this.expectOp(')');
      return inner;
    }
    if (t.kind === 'end') throw new ParseFailure('formula ends too early', t.index);
    throw new ParseFailure(`unexpected "${t.kind === 'op' ? t.op : ''}"`, t.index);
  }
}

export function parseFormula(src: string): ParseResult {
  if (src.length > MAX_LENGTH)
    return { ok: false, error: { message: `formula longer than ${MAX_LENGTH} characters`, index: 0 } };
  if (src.trim() === '') return { ok: false, error: { message: 'formula is empty', index: 0 } };
  try {
    return { ok: true, ast: new Parser(tokenize(src)).parseAll() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: { message: e.message, index: e.index } };
    throw e;
  }
}

/** Names referenced by a formula, each once, in order of first appearance. */
export function formulaReferences(ast: FormulaNode): string[] {
  const seen = new Set<string>();
  const walk = (n: FormulaNode): void => {
    switch (n.type) {
      case 'num':
        return;
      case 'ref':
        seen.add(n.name);
        return;
      case 'neg':
        walk(n.arg);
        return;
      case 'bin':
        walk(n.left);
        walk(n.right);
        return;
      case 'call':
        n.args.forEach(walk);
    }
  };
  walk(ast);
  return [...seen];
}

/** Evaluates a formula; `lookup` returns a reference's value or null when it has none. */
export function evaluateFormula(ast: FormulaNode, lookup: (name: string) => number | null): number | null {
  const ev = (n: FormulaNode): number | null => {
    switch (n.type) {
      case 'num':
        return n.value;
      case 'ref': {
        const v = lookup(n.name);
        return v === null || !Number.isFinite(v) ? null : v;
      }
      case 'neg': {
        const v = ev(n.arg);
        return v === null ? null : -v;
      }
      case 'bin': {
        const l = ev(n.left);
        const r = ev(n.right);
        if (l === null || r === null) return null;
        if (n.op === '/' && r === 0) return null;
        const v = n.op === '+' ? l + r : n.op === '-' ? l - r : n.op === '*' ? l * r : l / r;
        return Number.isFinite(v) ? v : null;
      }
      case 'call': {
        const vals = n.args.map(ev);
        if (vals.some((v) => v === null)) return null;
        return n.fn === 'min' ? Math.min(...(vals as number[])) : Math.max(...(vals as number[]));
      }
    }
  };
  return ev(ast);
}

/**
 * Finds a dependency cycle among derived definitions (name -> names it references), or null.
 * The cycle is returned as the path of names, first name repeated at the end.
 */
export function findCycle(deps: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | null => {
    const s = state.get(name);
    if (s === 'done') return null;
    if (s === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const d of deps.get(name) ?? []) {
      if (!deps.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of deps.keys()) {
    const c = visit(name);
    if (c) return c;
  }
  return null;
}
