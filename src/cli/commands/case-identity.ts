// tianping case commit-identity: the identity commitment that names, in TERMS.json, a party who
// holds no key (most natural persons): SHA-256(salt ‖ identity in NFC). Offline; the identity is
// read from a file, never from the command line, where shell history and process lists would keep it.
import { readFileSync } from 'node:fs';
import { IDENTITY_SALT_BYTES_MIN, identityCommitment, randomSalt } from '../../client/index.js';
import { fromHex, toHex } from '../../types/index.js';
import { CliError, EXIT_OK, UsageError, printJson, runCommand, stringOption, type CliIo, type CommandSpec } from '../common.js';

/** An identity is a name and an ID number, not a document. */
const IDENTITY_BYTES_MAX = 4096;

const spec: CommandSpec = {
  name: 'case commit-identity',
  usage: `Usage: tianping case commit-identity --identity-file FILE [--salt HEX] [--json]

Makes the identity commitment that names a party who holds no key: SHA-256(salt ‖ UTF-8 of the
identity in Unicode NFC). The identity (e.g. the name and ID number) is the first line of FILE,
surrounding blanks removed; it never goes on chain. Prints the salt, which the court keeps with the
identity, off chain, and the commitment to put in TERMS.json as {"identityCommitment": HEX}.

Options:
  --identity-file F the identity, on the first line of F
  --salt HEX        the salt to use (at least ${IDENTITY_SALT_BYTES_MIN} bytes); default 32 random bytes
  --json            print one JSON document
  -h, --help        show this help

Exit status: 0 made, 2 usage or file error.
`,
  options: { 'identity-file': { type: 'string' }, salt: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

export function runCommitIdentity(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const path = stringOption(args, 'identity-file');
    if (path === undefined || path === '') throw new UsageError('--identity-file is required');
    const saltText = stringOption(args, 'salt');
    const salt = saltText === undefined ? randomSalt() : fromHex(saltText);
    if (salt === undefined || salt.length < IDENTITY_SALT_BYTES_MIN) {
      throw new UsageError(`--salt must be hex of at least ${IDENTITY_SALT_BYTES_MIN} bytes (${IDENTITY_SALT_BYTES_MIN * 2} hex characters)`);
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
    }
    const identity = (text.split(/\r?\n/, 1)[0] ?? '').trim();
    if (identity === '') throw new CliError(`${path}: the first line is empty`);
    if (new TextEncoder().encode(identity).length > IDENTITY_BYTES_MAX) throw new CliError(`${path}: the identity is longer than ${IDENTITY_BYTES_MAX} bytes`);
    const commitment = toHex(identityCommitment(identity, salt));
    if (args.json) printJson(io, { ok: true, salt: toHex(salt), identityCommitment: commitment });
    else io.stdout(`salt                ${toHex(salt)}  (keep it with the identity, off chain)\nidentityCommitment  ${commitment}\n`);
    return EXIT_OK;
  });
}
