// Parses a card with the `adaptivecards` package (the reference implementation of the schema) and lists
// every problem: parse and validation events, and any property the parser did not understand (it drops
// unknown or misspelt properties silently, so the card is serialized back and compared).
import * as AC from 'adaptivecards';

export interface CardProblems {
  readonly events: string[];
  readonly dropped: string[];
}

/** Properties Teams understands that the reference parser does not model, and defaults it omits. */
// `fallback` is read by the parser only when the primary type is unknown: see `parseWithoutExecute`.
const IGNORED_PATHS = [/^msteams(\.|$)/, /^\$schema$/, /\.fallback(\.|$)/];

function paths(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${p}[${i}]`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
    else out.set(p, v);
  };
  walk(value, prefix);
  return out;
}

/** Values the serializer leaves out because they are the schema's defaults. */
function isDefault(path: string, value: unknown): boolean {
  if (value === 'Default' || value === false) return true;
  if (/\.min$/.test(path) && value === 0) return false;
  return false;
}

export function checkCard(card: unknown): CardProblems {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(new AC.Version(1, 5));
  ac.parse(card as object, ctx);
  const events: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    events.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of ac.validateProperties().validationEvents)
    events.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  const back = paths(ac.toJSON(new AC.SerializationContext(new AC.Version(1, 5))));
  const dropped: string[] = [];
  for (const [p, v] of paths(card)) {
    if (IGNORED_PATHS.some((r) => r.test(p))) continue;
    if (!back.has(p) && !isDefault(p, v)) dropped.push(`${p}=${JSON.stringify(v)}`);
  }
  return { events, dropped };
}

/** How a client without Universal Actions sees the card's buttons: their types and data after fallback. */
export function parseWithoutExecute(card: unknown): { type: string; data: unknown }[] {
  const registry = new AC.CardObjectRegistry<AC.Action>();
  AC.GlobalRegistry.populateWithDefaultActions(registry);
  registry.unregister('Action.Execute');
  const ctx = new AC.SerializationContext(new AC.Version(1, 5));
  ctx.setActionRegistry(registry);
  const ac = new AC.AdaptiveCard();
  ac.parse(card as object, ctx);
  const out: { type: string; data: unknown }[] = [];
  for (let i = 0; i < ac.getActionCount(); i++) {
    const a = ac.getActionAt(i)!;
    out.push({ type: a.getJsonTypeName(), data: (a as AC.SubmitAction).data });
  }
  return out;
}
