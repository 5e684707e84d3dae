// What the core needs from outside, one file per port: the repositories of the durable store (async, so
// another backend can slot in), the chat gateway, the outbox, the clock, the logger, cron and charts.
// No ORM or driver type appears here; importers take what they need from this index.

export type * from './audit.js';
export type * from './breaches.js';
export type * from './charts.js';
export * from './chat.js';
export type * from './check-ins.js';
export type * from './clock-and-logger.js';
export type * from './cron.js';
export type * from './decisions.js';
export type * from './engine-state.js';
export type * from './metric-values.js';
export type * from './objectives.js';
export type * from './occurrences.js';
export type * from './ooo.js';
export type * from './outbox.js';
export type * from './personal-data.js';
export type * from './reactions.js';
export type * from './repositories.js';
export type * from './workspace.js';
