// tianping witness submit: the log's side of c2sp.org/tlog-witness for one node and one witness.
// Fetches the node's latest checkpoint, sends it with a consistency proof from the size the witness
// holds, and prints the checkpoint with the witness's cosignature appended. The size the witness
// holds comes from --state when given, else from the witness itself: a first request from 0 is
// answered 409 with it, and the request is made once more with a proof from there.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseCheckpoint, parseNote } from '../../checkpoint/index.js';
import { postAddCheckpoint, proofLines, submitCheckpoint } from '../../witness/index.js';
import {
  CliError, EXIT_NEGATIVE, EXIT_OK, httpUrlOption, nodeUrl, printJson, runCommand, stringOption, type CliIo, type CommandSpec,
} from '../common.js';
import { requiredOption } from '../subcommands.js';

const spec: CommandSpec = {
  name: 'witness submit',
  usage: `Usage: tianping witness submit --witness URL [--node URL] [--state FILE] [--json]

Fetches the node's latest checkpoint (GET /v1/checkpoint), sends it to the witness's
add-checkpoint with a consistency proof from the size the witness last cosigned
(GET /v1/history/consistency), and prints the checkpoint note with the witness's cosignature.

Options:
  --witness URL     the witness (its add-checkpoint is URL/add-checkpoint)
  --node URL        node API (default http://127.0.0.1:8080)
  --state FILE      remembers the size each witness cosigned, to save it a round trip
  --json            print {"ok","origin","size","note"} as JSON
  -h, --help        show this help

Exit status: 0 cosigned, 1 refused by the witness, 2 usage or connection error.
`,
  options: { witness: { type: 'string' }, node: { type: 'string' }, state: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new CliError(`cannot reach ${url}: ${(error as Error).message}`);
  }
}

/** The node's checkpoint note (GET /v1/checkpoint), with the origin and size it names. */
export async function nodeCheckpoint(node: string, query = ''): Promise<{ note: string; origin: string; size: number }> {
  const response = await request(`${node}/v1/checkpoint${query}`);
  const note = await response.text();
  if (response.status !== 200) throw new CliError(`the node answered ${response.status} for its checkpoint: ${note.trim()}`);
  try {
    const { origin, size } = parseCheckpoint(parseNote(note).text);
    return { note, origin, size };
  } catch (error) {
    throw new CliError(`the node's checkpoint does not parse: ${(error as Error).message}`);
  }
}

/** The node's consistency proof between two sizes (GET /v1/history/consistency), hex hashes as it serves them. */
export async function nodeConsistencyHex(node: string, from: number, to: number): Promise<string[]> {
  const response = await request(`${node}/v1/history/consistency?from=${from}&to=${to}`);
  if (response.status !== 200) throw new CliError(`the node answered ${response.status} for a proof from ${from} to ${to}`);
  const { proof } = await response.json() as { proof?: unknown };
  if (!Array.isArray(proof) || !proof.every((hash) => typeof hash === 'string')) {
    throw new CliError('the node\'s consistency proof has no "proof" list of hex hashes');
  }
  return proof as string[];
}

/** The node's proof, base64 as the witness reads it; the witness checks it against its own record. */
async function consistency(node: string, from: number, to: number): Promise<string[]> {
  const proof = await nodeConsistencyHex(node, from, to);
  try {
    return proofLines(proof);
  } catch {
    throw new CliError('the node\'s consistency proof holds a hash that is not hex');
  }
}

type Sizes = Record<string, number>;

function readSizes(path: string | undefined): Sizes {
  if (path === undefined || !existsSync(path)) return {};
  try {
    const { sizes } = JSON.parse(readFileSync(path, 'utf8')) as { sizes?: Sizes };
    return sizes ?? {};
  } catch (error) {
    throw new CliError(`${path} is not a submit state file: ${(error as Error).message}`);
  }
}

function writeSizes(path: string, sizes: Sizes): void {
  const temporary = join(dirname(path), `.${basename(path)}.tmp`);
  writeFileSync(temporary, JSON.stringify({ version: 1, sizes }, null, 2) + '\n');
  renameSync(temporary, path);
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const witness = httpUrlOption('witness', requiredOption(args, 'witness')).replace(/\/+$/, '');
    const node = nodeUrl(stringOption(args, 'node')).replace(/\/+$/, '');
    const stateOption = stringOption(args, 'state');
    const statePath = stateOption === undefined ? undefined : resolve(stateOption);
    const { note, origin, size } = await nodeCheckpoint(node);
    const sizes = readSizes(statePath);
    const slot = `${witness} ${origin}`;
    const oldSize = sizes[slot] ?? 0;
    const result = await submitCheckpoint(note, size, oldSize, {
      proof: (from) => consistency(node, from, size),
      post: async (body) => {
        try {
          return await postAddCheckpoint(witness, body);
        } catch (error) {
          throw new CliError(`cannot reach ${witness}: ${(error as Error).message}`);
        }
      },
    });
    if (!result.ok) {
      if (result.code === 'WITNESS_REPLY_INVALID') throw new CliError(result.message);
      io.stderr(`tianping witness submit: refused (${result.status}): ${result.message}\n`);
      if (args.json) printJson(io, { ok: false, error: { code: result.code, message: result.message, status: result.status } });
      return EXIT_NEGATIVE;
    }
    if (statePath !== undefined) writeSizes(statePath, { ...sizes, [slot]: size });
    const cosigned = note + result.cosignatures;
    if (args.json) printJson(io, { ok: true, origin, size, note: cosigned });
    else io.stdout(cosigned);
    return EXIT_OK;
  });
}
