// The erasure's confirmation on a terminal: only the member id typed back confirms it.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmErase } from '../../../src/cli/commands/person.js';

async function answer(typed: string): Promise<{ ok: boolean; prompt: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let prompt = '';
  output.on('data', (c: Buffer) => (prompt += c.toString()));
  const pending = confirmErase({ id: 'zelda-q', name: 'Zelda Quasimodo' }, input, output);
  input.end(`${typed}\n`);
  return { ok: await pending, prompt };
}

describe('confirmErase', () => {
  it('names who is erased and asks for the member id', async () => {
    const { ok, prompt } = await answer('zelda-q');
    expect(ok).toBe(true);
    expect(prompt).toContain('This erases everything stored about Zelda Quasimodo (zelda-q) and cannot be undone.');
  });

  it.each(['', 'y', 'yes', 'Zelda Quasimodo', 'zelda'])('declines on %j', async (typed) => {
    expect((await answer(typed)).ok).toBe(false);
  });
});
