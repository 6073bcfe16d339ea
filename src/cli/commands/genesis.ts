// tianping genesis: the genesis of a real, multi-validator chain, built from the public keys that
// each member sent in (their private keys never leave their machines). The file is checked by the
// same parser the node uses before it is written, and an existing file is never replaced: every
// node must start from byte-identical genesis files, so a silent rewrite would split the chain.
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { readKeyFile, sha256 } from '../../crypto/index.js';
import { DEFAULT_CATEGORIES, DEFAULT_PARAMS, ROLES, parseGenesis, type ChainParams, type Genesis, type Role,
} from '../../state/genesis.js';
import { toHex, utf8 } from '../../types/index.js';
import { CliError, EXIT_OK, UsageError, listOption, printJson, runCommand, stringOption, type CliIo,
  type CommandSpec } from '../common.js';

export const DEFAULT_GENESIS_FILE = 'genesis.json';
export const DEFAULT_VALIDATOR_POWER = 10;

export interface GenesisInput {
  readonly chainId: string;
  readonly genesisTimeMs: number;
  readonly validators: readonly { readonly name: string; readonly publicKey: string; readonly power: number }[];
  readonly members: readonly {
    readonly name: string; readonly organisation: string; readonly role: Role; readonly publicKey: string;
    readonly categories: readonly string[];
  }[];
  readonly categories: readonly string[];
  readonly params: Partial<ChainParams>;
}

export interface BuiltGenesis {
  readonly genesis: Genesis;
  /** The exact file content: its SHA-256 is what nodes compare. */
  readonly text: string;
  readonly hash: string;
}

/** The document in the field order `init` writes, checked by parseGenesis. */
export function buildGenesis(input: GenesisInput): BuiltGenesis {
  const document = {
    chainId: input.chainId,
    genesisTimeMs: input.genesisTimeMs,
    validators: input.validators.map(({ name, publicKey, power }) => ({ name, publicKey, power })),
    members: input.members.map(({ name, organisation, role, publicKey, categories }) =>
      ({ name, organisation, role, publicKey, categories: [...categories] })),
    categories: [...input.categories],
    // Every parameter written out, so the file states the chain's rules without reference to the
    // defaults of whatever software version reads it.
    params: { ...DEFAULT_PARAMS, ...input.params },
  };
  // Named in flag terms first; parseGenesis refuses the same (and a name shared across the lists).
  for (const [list, label] of [[input.validators, 'validator'], [input.members, 'member']] as const) {
    const seen = new Set<string>();
    for (const { name } of list) {
      if (seen.has(name)) throw new UsageError(`${label} name "${name}" is given twice`);
      seen.add(name);
    }
  }
  const genesis = parseGenesis(document);
  const text = JSON.stringify(document, null, 2) + '\n';
  return { genesis, text, hash: toHex(sha256(utf8(text))) };
}

/**
 * Writes a file that must not exist yet. The content goes to a temporary file first and is then
 * hard-linked into place: link fails if the target exists, so there is no window in which a
 * concurrent writer is overwritten, and no reader ever sees half a file.
 */
export function writeNewFile(path: string, text: string, mode = 0o644): void {
  if (existsSync(path)) throw new CliError(`${path} already exists; refusing to overwrite it`);
  const temporary = resolve(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text, { mode, flag: 'wx' });
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${path} already exists; refusing to overwrite it`);
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  } finally {
    unlinkSync(temporary);
  }
}

const HEX_KEY_RE = /^[0-9a-fA-F]{64}$/;

/**
 * A public key given as 64 hex characters, or as a file: either a tianping key file (keygen's
 * output, read with its usual checks) or a text file holding just the hex public key.
 */
export function resolvePublicKey(given: string, what: string): string {
  if (HEX_KEY_RE.test(given)) return given.toLowerCase();
  let text: string;
  try {
    text = readFileSync(given, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`${what}: "${given}" is neither 64 hex characters nor a readable key file (${reason})`);
  }
  const trimmed = text.trim();
  if (HEX_KEY_RE.test(trimmed)) return trimmed.toLowerCase();
  return toHex(readKeyFile(given).publicKey);
}

/** "name=VALUE" of --validator, --member, --param and --organisation. */
function splitAssignment(flag: string, given: string, shape: string): [string, string] {
  const at = given.indexOf('=');
  if (at <= 0 || at === given.length - 1) throw new UsageError(`--${flag} expects ${shape}, got "${given}"`);
  return [given.slice(0, at), given.slice(at + 1)];
}

function positiveInteger(text: string, what: string): number {
  const value = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${what} must be a positive integer, got "${text}"`);
  return value;
}

/** --validator name=KEY[:power]: a trailing ":digits" is the power, the rest the key. */
export function parseValidatorFlag(given: string): GenesisInput['validators'][number] {
  const [name, value] = splitAssignment('validator', given, 'NAME=KEYFILE_OR_HEX[:POWER]');
  // A key file path may itself hold a ":", so only a numeric (or empty) last part is the power.
  const match = /^(.+):([0-9]*)$/.exec(value);
  const keyText = match === null ? value : match[1]!;
  const power = match === null ? DEFAULT_VALIDATOR_POWER : positiveInteger(match[2]!, `--validator ${name} power`);
  return { name, publicKey: resolvePublicKey(keyText, `--validator ${name}`), power };
}

/** --member name=KEY:role[:cat1,cat2]: the role is the last or second-to-last ":" part. */
export function parseMemberFlag(given: string): GenesisInput['members'][number] {
  const shape = 'NAME=KEYFILE_OR_HEX:ROLE[:CATEGORY,...]';
  const [name, value] = splitAssignment('member', given, shape);
  const parts = value.split(':');
  const isRole = (part: string | undefined): part is Role => (ROLES as readonly (string | undefined)[]).includes(part);
  let role: Role;
  let keyParts: string[];
  let categories: string[] = [];
  if (parts.length >= 2 && isRole(parts[parts.length - 1])) {
    role = parts[parts.length - 1] as Role;
    keyParts = parts.slice(0, -1);
  } else if (parts.length >= 3 && isRole(parts[parts.length - 2])) {
    role = parts[parts.length - 2] as Role;
    keyParts = parts.slice(0, -2);
    categories = parts[parts.length - 1]!.split(',').map((c) => c.trim());
  } else {
    throw new UsageError(`--member ${name}: expects ${shape} with ROLE one of ${ROLES.join(', ')}, got "${given}"`);
  }
  const publicKey = resolvePublicKey(keyParts.join(':'), `--member ${name}`);
  return { name, organisation: name, role, publicKey, categories };
}

/** --param name=value, checked against the genesis parameters this version knows. */
export function parseParamFlags(given: readonly string[]): Partial<ChainParams> {
  const params: Record<string, number> = {};
  for (const assignment of given) {
    const [name, value] = splitAssignment('param', assignment, 'NAME=VALUE');
    if (!Object.hasOwn(DEFAULT_PARAMS, name)) {
      throw new UsageError(`--param ${name} is not a genesis parameter (known: ${Object.keys(DEFAULT_PARAMS).join(', ')})`);
    }
    params[name] = positiveInteger(value, `--param ${name}`);
  }
  return params as Partial<ChainParams>;
}

/** --genesis-time: milliseconds since the epoch or an ISO 8601 time with its zone. */
export function parseGenesisTime(given: string | undefined, nowMs: number): number {
  if (given === undefined) return nowMs;
  if (/^[0-9]+$/.test(given)) return positiveInteger(given, '--genesis-time');
  const ms = /(Z|[+-][0-9]{2}:?[0-9]{2})$/.test(given) ? Date.parse(given) : NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new UsageError(`--genesis-time must be milliseconds since the epoch or an ISO 8601 time with a zone, got "${given}"`);
  }
  return ms;
}

type PeerIdOf = (hexPublicKey: string) => string;

/** Node keys (validators, observers) have a libp2p peer id; application keys run no node. */
const runsNode = (role: Role): boolean => role === 'validator' || role === 'observer';

const PARAM_NAMES = Object.keys(DEFAULT_PARAMS).join(', ');

const spec: CommandSpec = {
  name: 'genesis',
  usage: `Usage: tianping genesis --chain-id ID --validator NAME=KEY[:POWER]... [--member NAME=KEY:ROLE[:CATS]...]
                        [--categories A,B,...] [--param NAME=VALUE...] [--organisation NAME=ORG...]
                        [--genesis-time MS|ISO] [--out FILE] [--json]

Builds the genesis file of a multi-validator chain from the members' public keys, checks it as the
node will, and writes it to FILE (default ./${DEFAULT_GENESIS_FILE}). Refuses to overwrite a file.
Every node of the chain must start from this same file: copy it, do not rebuild it elsewhere
(unless with the same --genesis-time and flags, which gives the same bytes).

KEY is 64 hex characters (the public key "tianping keygen" prints), a file holding those, or a
tianping key file.

Options:
  --chain-id ID               chain id (letters, digits, . _ -)
  --validator NAME=KEY[:POWER]
                              a validator and its voting power (default ${DEFAULT_VALIDATOR_POWER}); repeatable
  --member NAME=KEY:ROLE[:CATEGORY,...]
                              a member key; ROLE is one of ${ROLES.join(', ')};
                              a submitter's CATEGORY list limits where it may anchor (default: all)
  --organisation NAME=ORG     the organisation of member NAME (default: NAME); repeatable
  --categories A,B,...        evidence categories (default: the nine of the white paper)
  --param NAME=VALUE          a chain parameter: ${PARAM_NAMES}
  --genesis-time MS|ISO       the chain's start time (default: now)
  --out FILE                  where to write (default ./${DEFAULT_GENESIS_FILE})
  --json                      print the result as JSON
  -h, --help                  show this help

Prints the libp2p peer id of every node key (validators, observers): other nodes list it in
p2p.bootstrap as /ip4/ADDRESS/tcp/PORT/p2p/PEER_ID.
`,
  options: {
    'chain-id': { type: 'string' }, validator: { type: 'string', multiple: true }, member: { type: 'string', multiple: true },
    organisation: { type: 'string', multiple: true }, categories: { type: 'string' }, param: { type: 'string', multiple: true },
    'genesis-time': { type: 'string' }, out: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const chainId = stringOption(args, 'chain-id');
    if (chainId === undefined) throw new UsageError('--chain-id is required');
    const validators = listOption(args, 'validator').map(parseValidatorFlag);
    if (validators.length === 0) throw new UsageError('at least one --validator is required');
    const members = withOrganisations(listOption(args, 'member').map(parseMemberFlag), listOption(args, 'organisation'));
    const categoriesText = stringOption(args, 'categories');
    const categories = categoriesText === undefined ? [...DEFAULT_CATEGORIES] : categoriesText.split(',').map((c) => c.trim());
    const input: GenesisInput = {
      chainId, validators, members, categories, params: parseParamFlags(listOption(args, 'param')),
      genesisTimeMs: parseGenesisTime(stringOption(args, 'genesis-time'), Date.now()),
    };
    const built = buildGenesis(input);
    const file = resolve(stringOption(args, 'out') ?? DEFAULT_GENESIS_FILE);
    writeNewFile(file, built.text);
    // libp2p takes most of a second to load: only once there is something to print.
    const { nodeIdToPeerId } = await import('../../p2p/index.js');
    if (args.json) printJson(io, { ok: true, file, ...summary(built, nodeIdToPeerId) });
    else io.stdout(describeGenesis(file, built, nodeIdToPeerId));
    return EXIT_OK;
  });
}

function withOrganisations(members: GenesisInput['members'], given: readonly string[]): GenesisInput['members'] {
  const organisations = new Map<string, string>();
  for (const assignment of given) {
    const [name, organisation] = splitAssignment('organisation', assignment, 'MEMBER=ORGANISATION');
    if (!members.some((m) => m.name === name)) throw new UsageError(`--organisation ${name}: no --member of that name`);
    organisations.set(name, organisation);
  }
  return members.map((m) => ({ ...m, organisation: organisations.get(m.name) ?? m.organisation }));
}

function summary(built: BuiltGenesis, peerIdOf: PeerIdOf): Record<string, unknown> {
  const { genesis } = built;
  return {
    chainId: genesis.chainId, genesisHash: built.hash, genesisTimeMs: genesis.genesisTimeMs,
    validators: genesis.validators.map((v) => ({ ...v, peerId: peerIdOf(v.publicKey) })),
    members: genesis.members.map((m) => ({ ...m, ...(runsNode(m.role) ? { peerId: peerIdOf(m.publicKey) } : {}) })),
    categories: genesis.categories, params: genesis.params,
  };
}

function describeGenesis(file: string, built: BuiltGenesis, peerIdOf: PeerIdOf): string {
  const { genesis } = built;
  const totalPower = genesis.validators.reduce((sum, v) => sum + v.power, 0);
  const width = Math.max(...[...genesis.validators, ...genesis.members].map((e) => e.name.length));
  const lines = [
    `genesis of chain "${genesis.chainId}" written to ${file}`,
    `  sha256      ${built.hash}`,
    `  time        ${new Date(genesis.genesisTimeMs).toISOString()} (${genesis.genesisTimeMs})`,
    `  validators  ${genesis.validators.length}, total power ${totalPower}`,
    ...genesis.validators.map((v) =>
      `    ${v.name.padEnd(width)}  power ${String(v.power).padEnd(5)} ${v.publicKey}  peer ${peerIdOf(v.publicKey)}`),
    `  members     ${genesis.members.length}`,
    ...genesis.members.map((m) => {
      const extra = runsNode(m.role) ? `  peer ${peerIdOf(m.publicKey)}`
        : m.role === 'submitter' ? `  categories ${m.categories.length === 0 ? 'all' : m.categories.join(',')}` : '';
      return `    ${m.name.padEnd(width)}  ${m.role.padEnd(11)} ${m.publicKey}${extra}`;
    }),
    `  categories  ${genesis.categories.join(', ')}`,
    '',
  ];
  return lines.join('\n');
}
