// The contract arithmetic runs inside the state machine: every node must compute the same fen from
// the same inputs. Beyond the lint rules for state/, this folder is a leaf: it imports only its own
// files, and reads no clock, randomness or float formatting.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = join(import.meta.dirname, '../../../src/state/contracts');
const FORBIDDEN = [/\bDate\b/, /Math\.random/, /\bperformance\b/, /parseFloat/, /toFixed/, /\bprocess\./, /\bglobalThis\b/];

function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

describe('src/state/contracts is pure', () => {
  const files = readdirSync(FOLDER).filter((name) => name.endsWith('.ts'));

  it('has the files it should', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'money.ts', 'calendar.ts', 'interest.ts', 'fee.ts', 'allocation.ts']));
  });

  it.each(files)('%s imports only files of its own folder and reads no clock or randomness', (name) => {
    const source = code(readFileSync(join(FOLDER, name), 'utf8'));
    const imports = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1]);
    for (const specifier of imports) expect(specifier).toMatch(/^\.\/[a-z-]+\.js$/);
    for (const pattern of FORBIDDEN) expect(source).not.toMatch(pattern);
  });
});
