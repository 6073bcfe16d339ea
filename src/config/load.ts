// Builds the node's configuration from four layers, each overriding the one before:
// defaults < config file (JSON) < environment (TIANPING_*) < command-line flags.
// Everything is checked once, at start: a typo or an out-of-range value stops the node with a
// message naming the setting and where the bad value came from, instead of surfacing hours later.
import { readFileSync } from 'node:fs';
import { parseCosignerKey } from '../witness/cosignature.js';
import { DEFAULT_CONFIG, type NodeConfig } from './defaults.js';
import { ENV_PREFIX, FRIENDLY_FLAGS, SETTINGS, envVarOf, expectation, itemExpectation, type SettingKind,
  type SettingSpec } from './settings.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Stable code for scripts and tests; the message is for people. */
  readonly code = 'CONFIG_INVALID';
}

export interface LoadConfigOptions {
  /** JSON config file; omitted means defaults, environment and flags only. */
  readonly file?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Keys are dotted setting paths ("api.port", as given by `--set api.port=9090`) or the friendly
   * flag names of FRIENDLY_FLAGS ("port", "data-dir").
   */
  readonly flags: Readonly<Record<string, string>>;
}

/** Environment variables with the prefix that are not settings but are read by the CLI. */
export const RESERVED_ENV_VARS: readonly string[] = ['TIANPING_CONFIG', 'TIANPING_PAYOUTS_FAILPOINT'];

const SPEC_BY_PATH = new Map(SETTINGS.map((spec) => [spec.path, spec]));
const SPEC_BY_ENV = new Map(SETTINGS.map((spec) => [envVarOf(spec.path), spec]));
// "api", "consensus", ...: the objects a config file may contain.
const GROUPS = new Set(SETTINGS.flatMap((spec) => {
  const parts = spec.path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}));

function fail(message: string): never {
  throw new ConfigError(`config: ${message}`);
}

type Values = Map<string, { value: unknown; source: string }>;

export function loadConfig(options: LoadConfigOptions): NodeConfig {
  const values: Values = new Map();
  for (const spec of SETTINGS) {
    const value = getPath(DEFAULT_CONFIG, spec.path);
    // A copy, so that freezing the result never freezes (or aliases) the defaults' own arrays.
    values.set(spec.path, { value: Array.isArray(value) ? [...value] : value, source: 'defaults' });
  }
  if (options.file !== undefined) applyFile(values, options.file);
  applyEnv(values, options.env);
  applyFlags(values, options.flags);
  checkTogether(values, 'api.tlsCertFile', 'api.tlsKeyFile');
  // Node's HTTP server refuses a headers bound above the request bound; a silent ?wait=commit
  // request must outlive its wait, or the idle bound would cut it off before its answer.
  checkOrder(values, 'api.headersTimeoutMs', 'api.requestTimeoutMs', 'at most');
  checkOrder(values, 'api.commitWaitMsMax', 'api.connectionTimeoutMs', 'below');
  checkOrder(values, 'api.connectionsPerClientMax', 'api.connectionsMax', 'at most');
  checkWitnesses(values);
  checkCrosschainSources(values);
  checkPayouts(values);
  return build(values);
}

/** lower must be at most (or below) upper; the message names both values and their sources. */
function checkOrder(values: Values, lower: string, upper: string, relation: 'at most' | 'below'): void {
  const a = values.get(lower);
  const b = values.get(upper);
  if (a === undefined || b === undefined) return;
  const [x, y] = [a.value as number, b.value as number];
  if (relation === 'at most' ? x <= y : x < y) return;
  fail(`${lower} (${x}, from ${a.source}) must be ${relation} ${upper} (${y}, from ${b.source})`);
}

function applyFile(values: Values, file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  walkFile(values, parsed, '', `config file ${file}`);
}

function walkFile(values: Values, node: unknown, prefix: string, source: string): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    fail(prefix === '' ? `${source} must hold a JSON object` : `${prefix} from ${source} must be an object`);
  }
  for (const [key, value] of Object.entries(node)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const spec = SPEC_BY_PATH.get(path);
    if (spec !== undefined) values.set(path, { value: checkJsonValue(spec, value, source), source });
    else if (GROUPS.has(path)) walkFile(values, value, path, source);
    else fail(`unknown setting "${path}" in ${source}${suggest(path, [...SPEC_BY_PATH.keys(), ...GROUPS])}`);
  }
}

function applyEnv(values: Values, env: LoadConfigOptions['env']): void {
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined || RESERVED_ENV_VARS.includes(name)) continue;
    const spec = SPEC_BY_ENV.get(name);
    if (spec === undefined) fail(`unknown setting ${name} in the environment${suggest(name, [...SPEC_BY_ENV.keys()])}`);
    values.set(spec.path, { value: parseText(spec, raw, name), source: name });
  }
}

function applyFlags(values: Values, flags: LoadConfigOptions['flags']): void {
  // Friendly flags first, so that an explicit --set of the same setting wins.
  const entries = Object.entries(flags);
  const isFriendly = ([key]: [string, string]): boolean => Object.hasOwn(FRIENDLY_FLAGS, key);
  const ordered = [...entries.filter(isFriendly), ...entries.filter((entry) => !isFriendly(entry))];
  for (const [key, raw] of ordered) {
    const friendly = Object.hasOwn(FRIENDLY_FLAGS, key) ? FRIENDLY_FLAGS[key] : undefined;
    const path = friendly ?? key;
    const source = friendly !== undefined ? `--${key}` : `--set ${key}`;
    const spec = SPEC_BY_PATH.get(path);
    if (spec === undefined) fail(`unknown setting "${path}" from --set${suggest(path, [...SPEC_BY_PATH.keys()])}`);
    values.set(path, { value: parseText(spec, raw, source), source });
  }
}

/** A value from the environment or a flag: always text, converted by the setting's kind. */
function parseText(spec: SettingSpec, raw: string, source: string): unknown {
  const { kind } = spec;
  if (kind.type === 'list') {
    // "" is the empty list, so an environment variable can clear a list set in the file.
    const items = raw.trim() === '' ? [] : raw.split(',').map((item) => item.trim());
    return checkList(spec.path, kind, items, source);
  }
  if (kind.type === 'boolean') {
    const text = raw.trim();
    if (text !== 'true' && text !== 'false') fail(`${spec.path} from ${source} must be ${expectation(kind)}, got ${JSON.stringify(raw)}`);
    return text === 'true';
  }
  if (kind.type !== 'int') return checkJsonValue(spec, raw, source);
  const bad = (): never => fail(`${spec.path} from ${source} must be ${expectation(kind)}, got ${JSON.stringify(raw)}`);
  if (!/^-?[0-9]+$/.test(raw.trim())) bad();
  return checkJsonValue(spec, Number(raw.trim()), source, raw);
}

/** A value from a JSON file (or already converted text): the JSON type must match exactly. */
function checkJsonValue(spec: SettingSpec, value: unknown, source: string, shown: unknown = value): unknown {
  const { kind } = spec;
  const bad = (): never => fail(`${spec.path} from ${source} must be ${expectation(kind)}, got ${JSON.stringify(shown)}`);
  switch (kind.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < kind.min || value > kind.max) bad();
      return value;
    case 'enum':
      if (typeof value !== 'string' || !kind.values.includes(value)) bad();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') bad();
      return value;
    case 'string':
      if (typeof value !== 'string' || (!kind.allowEmpty && value.length === 0)) bad();
      if (kind.pattern !== undefined && !kind.pattern.test(value as string)) bad();
      return value;
    case 'list':
      if (!Array.isArray(value)) bad();
      return checkList(spec.path, kind, value as unknown[], source);
  }
}

/** Each item on its own, so the message points at the one bad entry of a long bootstrap list. */
function checkList(path: string, kind: SettingKind & { type: 'list' }, items: readonly unknown[], source: string): string[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const valid = typeof item === 'string' && item.length > 0 && (kind.itemPattern?.test(item) ?? true);
    if (!valid) fail(`${path}[${i}] from ${source} must be ${itemExpectation(kind)}, got ${JSON.stringify(item)}`);
    if (seen.has(item)) fail(`${path}[${i}] from ${source} repeats ${JSON.stringify(item)}`);
    seen.add(item);
    return item;
  });
}

/** Each witness's URL parses and its verifier key is a usable cosignature/v1 key; no key is listed twice. */
function checkWitnesses(values: Values): void {
  const entry = values.get('witnesses.list');
  if (entry === undefined) return;
  const keys = new Set<string>();
  (entry.value as string[]).forEach((item, i) => {
    const [url, key] = item.split(' ') as [string, string];
    const where = `witnesses.list[${i}] from ${entry.source}`;
    try {
      new URL(url);
    } catch {
      fail(`${where}: ${JSON.stringify(url)} is not a URL`);
    }
    try {
      parseCosignerKey(key);
    } catch (error) {
      fail(`${where}: the witness verifier key is refused: ${(error as Error).message}`);
    }
    if (keys.has(key)) fail(`${where}: the witness key ${key.slice(0, key.indexOf('+', key.indexOf('+') + 1))} is listed twice`);
    keys.add(key);
  });
}

/** Each source's URL parses and no name is listed twice: a name picks one node. */
function checkCrosschainSources(values: Values): void {
  const entry = values.get('crosschain.sources');
  if (entry === undefined) return;
  const names = new Set<string>();
  (entry.value as string[]).forEach((item, i) => {
    const [name, url] = item.split(' ') as [string, string];
    const where = `crosschain.sources[${i}] from ${entry.source}`;
    try {
      new URL(url);
    } catch {
      fail(`${where}: ${JSON.stringify(url)} is not a URL`);
    }
    if (names.has(name)) fail(`${where}: the chain ${name} is listed twice`);
    names.add(name);
  });
}

/** A node that runs the dispatcher needs the gateway and the account it pays from. */
function checkPayouts(values: Values): void {
  if (values.get('payouts.enabled')?.value !== true) return;
  for (const path of ['payouts.gatewayUrl', 'payouts.fromAccount']) {
    if (values.get(path)?.value === '') fail(`${path} must be set when payouts.enabled is true (from ${values.get('payouts.enabled')?.source})`);
  }
}

function checkTogether(values: Values, a: string, b: string): void {
  const first = values.get(a);
  const second = values.get(b);
  const aSet = first !== undefined && first.value !== '';
  const bSet = second !== undefined && second.value !== '';
  if (aSet !== bSet) {
    const given = aSet ? `${a} (from ${first?.source})` : `${b} (from ${second?.source})`;
    fail(`${a} and ${b} must be set together, but only ${given} is set`);
  }
}

function build(values: Values): NodeConfig {
  const root: Record<string, unknown> = {};
  for (const [path, { value }] of values) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return deepFreeze(root) as unknown as NodeConfig;
}

function getPath(object: unknown, path: string): unknown {
  let node = object;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node;
}

function deepFreeze<T extends object>(object: T): T {
  for (const value of Object.values(object)) if (typeof value === 'object' && value !== null) deepFreeze(value);
  return Object.freeze(object);
}

/** " (did you mean api.port?)" when a known name is within two edits of the unknown one. */
function suggest(unknown: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(unknown.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
