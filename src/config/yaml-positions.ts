// Maps a path in the parsed YAML (map keys and list indexes) back to a line and column of the source, so
// every workspace config problem can point at the node that caused it, and the reverse (offset -> path)
// for syntax errors reported by the YAML parser.
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type ConfigPath = readonly (string | number)[];

/** A problem found in the config, before it is given a file and a position. */
export interface ConfigIssue {
  readonly path: ConfigPath;
  readonly message: string;
  /** Point at the key of the last path segment rather than at its value (unknown keys, bad ids). */
  readonly at?: 'key' | 'value';
  /** 0-based character offset inside a single-line string value (formula errors). */
  readonly charIndex?: number;
}

export interface Position {
  readonly line: number;
  readonly col: number;
}

/** `teams[0].members[2].role`; keys that are not plain words are quoted. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

type YamlDoc = Document.Parsed | Document;

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function deref(doc: YamlDoc, node: unknown): unknown {
  // An alias points at its anchor: report the anchored node, which is where the value is written.
  return isAlias(node) ? (node.resolve(doc) ?? node) : node;
}

export class YamlLocator {
  constructor(
    private readonly doc: YamlDoc,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  position(offset: number): Position {
    const p = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line: p.line, col: p.col };
  }

  private start(node: unknown): Position {
    const range = (node as Node | null)?.range;
    return range ? this.position(range[0]) : { line: 1, col: 1 };
  }

  /**
   * Position of the node at `path`. A missing key points at the map that should hold it; a key with
   * an empty value points at the key.
   */
  locate(issue: ConfigIssue): Position {
    let node: unknown = this.doc.contents;
    const { path } = issue;
    for (let i = 0; i < path.length; i++) {
      node = deref(this.doc, node);
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(seg));
        if (!pair) return this.start(node);
        if (last && issue.at === 'key') return this.start(pair.key);
        const value = pair.value;
        if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
          return this.start(pair.key);
        }
        node = value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined || item === null) return this.start(node);
        node = item;
      } else {
        return this.start(node);
      }
    }
    node = deref(this.doc, node);
    const pos = this.start(node);
    return issue.charIndex === undefined ? pos : this.withinScalar(node, pos, issue.charIndex);
  }

  // Moves the column to a character inside a one-line string, when the source spells the value
  // literally (plain or quoted without escapes); otherwise the start of the value is good enough.
  private withinScalar(node: unknown, pos: Position, index: number): Position {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return pos;
    const raw = this.text.slice(node.range[0], node.range[1]);
    const value = node.value;
    if (value.includes('\n')) return pos;
    if (node.type === 'PLAIN' && raw === value) return { line: pos.line, col: pos.col + index };
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    if (quoted && raw.slice(1, -1) === value) return { line: pos.line, col: pos.col + 1 + index };
    return pos;
  }

  /** The path of the deepest node whose source covers `offset` (used for parser errors). */
  pathAt(offset: number): ConfigPath {
    const path: (string | number)[] = [];
    const covers = (n: unknown): boolean => {
      const r = (n as Node | null)?.range;
      return !!r && offset >= r[0] && offset < r[2];
    };
    let node: unknown = this.doc.contents;
    for (let depth = 0; depth < 64; depth++) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (covers(p.key) || covers(p.value)));
        const key = pair ? keyText(pair.key) : undefined;
        if (!pair || key === undefined) break;
        path.push(key);
        if (covers(pair.key)) break;
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex(covers);
        if (index < 0) break;
        path.push(index);
        node = node.items[index];
      } else {
        break;
      }
    }
    return path;
  }
}
