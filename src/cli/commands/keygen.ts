// tianping keygen: a new ed25519 key in a 0600 key file. Never overwrites: a lost node or
// submitter key cannot be recovered, so replacing one must be a deliberate act outside this tool.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateKeyPair, writeKeyFile } from '../../crypto/index.js';
import { toHex } from '../../types/index.js';
import { CliError, EXIT_OK, printJson, runCommand, stringOption, type CliIo, type CommandSpec } from '../common.js';

export const DEFAULT_KEY_FILE = 'tianping.key';

const spec: CommandSpec = {
  name: 'keygen',
  usage: `Usage: tianping keygen [--out FILE] [--label TEXT] [--json]

Creates a new ed25519 key and writes it to FILE (default ./${DEFAULT_KEY_FILE}) with mode 0600,
then prints its public key (the node id, for a node key) and, on stderr, the libp2p peer id that
a node with this key has: what other members put in their p2p.bootstrap addresses
(/ip4/ADDRESS/tcp/PORT/p2p/PEER_ID). Refuses to overwrite an existing file.

Options:
  --out FILE      where to write the key file
  --label TEXT    a note stored in the key file (e.g. "copyright-platform prod")
  --json          print {"file","publicKey","peerId"} as JSON
  -h, --help      show this help
`,
  options: { out: { type: 'string' }, label: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const file = resolve(stringOption(args, 'out') ?? DEFAULT_KEY_FILE);
    if (existsSync(file)) throw new CliError(`${file} already exists; refusing to overwrite a key`);
    const pair = generateKeyPair();
    writeKeyFile(file, pair, stringOption(args, 'label') ?? '');
    const publicKey = toHex(pair.publicKey);
    // Loaded here only: the other commands of the CLI need no libp2p.
    const { nodeIdToPeerId } = await import('../../p2p/index.js');
    const peerId = nodeIdToPeerId(publicKey);
    if (args.json) printJson(io, { ok: true, file, publicKey, peerId });
    else io.stdout(`${publicKey}\n`);
    if (!args.json) io.stderr(`key written to ${file} (mode 0600); as a node key its peer id is ${peerId}\n`);
    return EXIT_OK;
  });
}
