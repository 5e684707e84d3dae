// Prints a benchmark's figures as a two-column table (to stderr, so stdout stays one JSON line).
export function printTable(title: string, figures: Record<string, unknown>): void {
  const rows = Object.entries(figures).map(
    ([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)] as const,
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [`${title}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  process.stderr.write(`${lines.join('\n')}\n`);
}
