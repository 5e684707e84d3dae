// A tiny HTML builder for the sandbox page: the `html` tag escapes every interpolated value unless it is
// already SafeHtml, so a member's name or a check-in's free text can never become markup.

/** Markup that is known to be safe (built by `html` or deliberately marked with `raw`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Marks trusted markup (constant strings of our own) as safe. Never pass user text here. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join('');
  return esc(value);
}

/** Tagged template: `html\`<b>${name}</b>\`` escapes `name`; arrays are joined; null/undefined/booleans vanish. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Joins fragments with a separator (escaped when it is text). */
export function join(parts: readonly unknown[], separator: unknown = ''): SafeHtml {
  const sep = piece(separator);
  return new SafeHtml(parts.map(piece).join(sep));
}

/** A percentage for a CSS width from a 0..1 fraction: clamped, finite, one decimal. */
export function percentWidth(fraction: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return `${Math.round(f * 1000) / 10}%`;
}
