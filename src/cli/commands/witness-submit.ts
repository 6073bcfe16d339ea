// tianping witness submit: the log's side of c2sp.org/tlog-witness for one node and one witness.
// Fetches the node's latest checkpoint, sends it with a consistency proof from the size the witness
// holds, and prints the checkpoint with the witness's cosignature appended. The size the witness
// holds comes from --state when given, else from the witness itself: a first request from 0 is
// answered 409 with it, and the request is made once more with a proof from there.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseCheckpoint, parseNote } from '../../checkpoint/index.js';
import { fromHex, toBase64 } from '../../types/index.js';
import { SIZE_MEDIA_TYPE, addCheckpointBody } from '../../witness/index.js';
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

async function nodeCheckpoint(node: string): Promise<{ note: string; origin: string; size: number }> {
  const response = await request(`${node}/v1/checkpoint`);
  const note = await response.text();
  if (response.status !== 200) throw new CliError(`the node answered ${response.status} for its checkpoint: ${note.trim()}`);
  try {
    const { origin, size } = parseCheckpoint(parseNote(note).text);
    return { note, origin, size };
  } catch (error) {
    throw new CliError(`the node's checkpoint does not parse: ${(error as Error).message}`);
  }
}

/** The node's proof, base64 as the witness reads it; the witness checks it against its own record. */
async function consistency(node: string, from: number, to: number): Promise<string[]> {
  if (from === 0 || from >= to) return [];
  const response = await request(`${node}/v1/history/consistency?from=${from}&to=${to}`);
  if (response.status !== 200) throw new CliError(`the node answered ${response.status} for a proof from ${from} to ${to}`);
  const { proof } = await response.json() as { proof?: unknown };
  if (!Array.isArray(proof)) throw new CliError('the node\'s consistency proof has no "proof" list');
  return proof.map((hash) => {
    const bytes = typeof hash === 'string' ? fromHex(hash) : undefined;
    if (bytes === undefined) throw new CliError('the node\'s consistency proof holds a hash that is not hex');
    return toBase64(bytes);
  });
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

interface WitnessReply { status: number; contentType: string; body: string }

async function addCheckpoint(witness: string, oldSize: number, proof: readonly string[], note: string): Promise<WitnessReply> {
  const response = await request(`${witness}/add-checkpoint`, {
    method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: addCheckpointBody(oldSize, proof, note),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** The size in a 409 text/x.tlog.size answer, or undefined for any other answer. */
function heldSize(reply: WitnessReply): number | undefined {
  if (reply.status !== 409 || !reply.contentType.startsWith(SIZE_MEDIA_TYPE)) return undefined;
  const match = /^(0|[1-9][0-9]*)\n$/.exec(reply.body);
  return match === null ? undefined : Number(match[1]);
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
    let reply = await addCheckpoint(witness, oldSize, await consistency(node, oldSize, size), note);
    let held = heldSize(reply);
    if (held !== undefined && held !== oldSize) {
      reply = await addCheckpoint(witness, held, await consistency(node, held, size), note);
      held = heldSize(reply);
    }
    if (reply.status !== 200) {
      const code = held !== undefined ? 'WITNESS_OLD_SIZE_MISMATCH' : /^([A-Z_]+):/.exec(reply.body)?.[1] ?? `HTTP_${reply.status}`;
      const message = held !== undefined ? `the witness holds size ${held}, the node's checkpoint is ${size}`
        : reply.body.trim().replace(/^[A-Z_]+: /, '');
      io.stderr(`tianping witness submit: refused (${reply.status}): ${message}\n`);
      if (args.json) printJson(io, { ok: false, error: { code, message, status: reply.status } });
      return EXIT_NEGATIVE;
    }
    if (!/^(— [^\n]+\n)+$/.test(reply.body)) throw new CliError('the witness answered 200 without cosignature lines');
    if (statePath !== undefined) writeSizes(statePath, { ...sizes, [slot]: size });
    const cosigned = note + reply.body;
    if (args.json) printJson(io, { ok: true, origin, size, note: cosigned });
    else io.stdout(cosigned);
    return EXIT_OK;
  });
}
