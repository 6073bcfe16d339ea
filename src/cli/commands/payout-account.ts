// tianping payout account add / payout account-key: the executor's encrypted account store (docs/
// payouts.md §2). `account-key` makes the store's 32-byte key in a new file of mode 0600; `account
// add` files a payee's bank details under a fresh salt and prints the commitment the court enters in
// the case terms. The details never leave this machine; the chain sees only the commitment.
import { AccountStore, writeAccountKey } from '../../payouts/account-store.js';
import { toHex } from '../../types/index.js';
import { CliError, EXIT_OK, printJson, runCommand, type CliIo, type CommandSpec } from '../common.js';
import { requiredOption, runSubcommand } from '../subcommands.js';

const keySpec: CommandSpec = {
  name: 'payout account-key',
  usage: `Usage: tianping payout account-key --out FILE [--json]

Writes a new random 32-byte key for the account store to FILE (mode 0600; an existing file is never
overwritten). Keep it apart from the store's backups: the store is readable only with it.
`,
  options: { out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const addSpec: CommandSpec = {
  name: 'payout account add',
  usage: `Usage: tianping payout account add --accounts FILE --accounts-key FILE --bank B --name N --number X [--json]

Files a payee's bank account in the encrypted store (created when missing) under a fresh 16-byte salt
and prints its commitment, SHA-256("tianping/account/v1" || salt || {"bank":B,"name":N,"number":X}),
in hex: the court enters it as the payee's accountCommitment in the case terms.

Options:
  --accounts FILE       the account store
  --accounts-key FILE   its key ("tianping payout account-key")
  --bank B              the payee's bank, as the bank gateway names it
  --name N              the account holder's name
  --number X            the account number
  --json                print one JSON document
`,
  options: { accounts: { type: 'string' }, 'accounts-key': { type: 'string' }, bank: { type: 'string' }, name: { type: 'string' },
    number: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const ACCOUNT_USAGE = `Usage: tianping payout account <subcommand> [options]

Subcommands:
  add    file a payee's bank account and print its commitment for the terms
`;

export function runAccountKey(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(keySpec, argv, io, (args) => {
    const out = requiredOption(args, 'out');
    try {
      writeAccountKey(out);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
    }
    if (args.json) printJson(io, { ok: true, keyFile: out });
    else io.stdout(`account store key written to ${out} (mode 0600)\n`);
    return Promise.resolve(EXIT_OK);
  });
}

export function runAccount(argv: readonly string[], io: CliIo): Promise<number> {
  return runSubcommand('payout account', ACCOUNT_USAGE, { add: runAdd }, argv, io);
}

function runAdd(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(addSpec, argv, io, (args) => {
    const account = { bank: requiredOption(args, 'bank'), name: requiredOption(args, 'name'), number: requiredOption(args, 'number') };
    const [file, keyFile] = [requiredOption(args, 'accounts'), requiredOption(args, 'accounts-key')];
    let commitment: string;
    try {
      commitment = toHex(AccountStore.open(file, keyFile).add(account));
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    if (args.json) printJson(io, { ok: true, accountCommitment: commitment });
    else io.stdout(`${commitment}\n`);
    return Promise.resolve(EXIT_OK);
  });
}
