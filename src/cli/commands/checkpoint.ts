// tianping checkpoint: fetches a node's checkpoint note and checks it offline against what the
// caller trusts (docs/checkpoints.md §5, §6): validators holding more than 2/3 of the power of the
// set in a genesis or trusted-header file signed it; with --witness-policy, k of the named witnesses
// cosigned it; with --since, it extends the history of an older checkpoint the caller kept (the
// node's consistency proof, checked here). --out keeps the note for the next --since.
import { readFileSync, writeFileSync } from 'node:fs';
import { CHECKPOINT_CHECKS, verifyCheckpoint, type CheckpointVerification, type EarlierCheckpoint } from '../../client/checkpoint-verify.js';
import { isHeaderHashTrust } from '../../client/receipt-verify.js';
import { parseCheckpoint, parseNote } from '../../checkpoint/index.js';
import { fromHex, toHex } from '../../types/index.js';
import { CliError, EXIT_NEGATIVE, EXIT_OK, nodeUrl, printJson, runCommand, stringOption, type CliIo, type CommandSpec } from '../common.js';
import { requiredOption } from '../subcommands.js';
import { readPolicyTrust, readTrust } from './verify-trust.js';
import { nodeCheckpoint, nodeConsistencyHex } from './witness-submit.js';

const spec: CommandSpec = {
  name: 'checkpoint',
  usage: `Usage: tianping checkpoint --trust FILE [--node URL] [--witness-policy POLICY.json] [--since OLD.note]
                           [--out FILE] [--json]

Fetches the node's checkpoint (GET /v1/checkpoint; with --witness-policy, ?witnessed=k: the newest
one k of the node's witnesses cosigned) and checks it:
  validators   lines of validators holding more than 2/3 of the power of the set in --trust
               (a genesis, or a trusted-header file with its validator set) verify
  witnesses    with --witness-policy: k of the policy's witnesses cosigned it
  consistency  with --since: it extends the history of the older checkpoint note in that file
               (the node's consistency proof, GET /v1/history/consistency, checked here)

Options:
  --trust FILE            genesis or trusted-header file (docs/receipt-format.md §5)
  --node URL              node API (default http://127.0.0.1:8080)
  --witness-policy FILE   {"witnesses": [...], "k": K} (docs/receipt-format.md §13.5)
  --since FILE            an older checkpoint note kept earlier (e.g. by --out)
  --out FILE              write the checkpoint note fetched, once it checked out
  --json                  print the verdict as JSON
  -h, --help              show this help

Exit status: 0 the checkpoint checks out, 1 it does not (the failed check is named), 2 usage,
file or connection error.
`,
  options: { trust: { type: 'string' }, node: { type: 'string' }, 'witness-policy': { type: 'string' }, since: { type: 'string' },
    out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

function readNoteFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

async function earlierOf(node: string, path: string, newSize: number): Promise<EarlierCheckpoint> {
  const note = readNoteFile(path);
  let size: number;
  try {
    size = parseCheckpoint(parseNote(note).text).size;
  } catch (error) {
    throw new CliError(`${path} is not a checkpoint note: ${(error as Error).message}`);
  }
  // A larger or equal kept size needs no proof from the node: the check says what it finds.
  if (size >= newSize) return { note, proof: [] };
  const proof = (await nodeConsistencyHex(node, size, newSize)).map((hex) => fromHex(hex));
  if (proof.some((hash) => hash === undefined)) throw new CliError('the node\'s consistency proof holds a hash that is not hex');
  return { note, proof: proof as Uint8Array[] };
}

function print(io: CliIo, verdict: CheckpointVerification): void {
  const c = verdict.checkpoint;
  io.stdout(`${verdict.valid ? 'CHECKPOINT OK' : `CHECKPOINT REFUSED at ${verdict.failed}: ${verdict.detail}`}\n`);
  if (c !== undefined) io.stdout(`  origin ${c.origin}, size ${c.size} (header ${c.size + 1}), root ${toHex(c.root)}\n`);
  io.stdout(`  validators: ${verdict.signedPower} of ${verdict.totalPower} power signed\n`);
  for (const w of verdict.witnesses) io.stdout(`  cosigned by ${w.name} at ${new Date(w.timestamp * 1000).toISOString()}\n`);
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const node = nodeUrl(stringOption(args, 'node')).replace(/\/+$/, '');
    const trustPath = requiredOption(args, 'trust');
    const trust = readTrust(trustPath);
    if (isHeaderHashTrust(trust)) throw new CliError(`${trustPath}: a checkpoint is checked against a validator set: give a genesis or trusted-header file`);
    const policyPath = stringOption(args, 'witness-policy');
    const policy = policyPath === undefined ? undefined : readPolicyTrust(policyPath, trustPath).policy;
    // Under a policy, the newest checkpoint k of the node's witnesses cosigned, with their lines.
    const { note, size } = await nodeCheckpoint(node, policy === undefined ? '' : `?witnessed=${policy.k}`);
    const sincePath = stringOption(args, 'since');
    const earlier = sincePath === undefined ? undefined : await earlierOf(node, sincePath, size);
    const verdict = verifyCheckpoint(note, { chainId: trust.chainId, validators: trust.validators, ...(policy === undefined ? {} : { policy }) },
      earlier);
    const outPath = stringOption(args, 'out');
    if (verdict.valid && outPath !== undefined) writeFileSync(outPath, note);
    if (args.json) {
      printJson(io, { valid: verdict.valid, failed: verdict.failed ?? null, detail: verdict.detail, checks: CHECKPOINT_CHECKS,
        origin: verdict.checkpoint?.origin ?? null, size: verdict.checkpoint?.size ?? null, signedPower: verdict.signedPower,
        totalPower: verdict.totalPower, witnesses: verdict.witnesses, note });
    } else {
      print(io, verdict);
    }
    return verdict.valid ? EXIT_OK : EXIT_NEGATIVE;
  });
}
