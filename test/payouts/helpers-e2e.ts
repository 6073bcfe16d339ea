// The payout flow of real OS processes, for the end-to-end payout tests and bench:payouts: a testnet
// of node processes (scripts/testnet-lib.ts) whose genesis holds a court, its bank's oracle, an
// officer, finance and two executors; the reference bank gateway as its own process (tsx
// src/gateway/main.ts); the approval policy set by governance; cases whose payees' accounts are in
// an account store; money credited at the gateway and reported on chain by the oracle.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestnetFiles, startTestnet, stopAll, type TestnetLayout, type TestnetNodeHandle,
} from '../../scripts/testnet-lib.js';
import {
  TianpingClient, buildAnchorTx, createCaseTx, generateKeyPair, governanceVoteTx, payoutPolicyProposalTx, reportPaymentTx,
  type BuiltTx, type KeyPair, type SubmitResult,
} from '../../src/client/index.js';
import { signRequest } from '../../src/client/http-signature.js';
import { readKeyFile, sha256, writeKeyFile } from '../../src/crypto/index.js';
import { AccountStore, writeAccountKey, type PayeeAccount } from '../../src/payouts/account-store.js';
import { parseGenesis, type Genesis } from '../../src/state/index.js';
import { toHex, utf8 } from '../../src/types/index.js';
import { PROJECT_ROOT } from '../e2e/node-process.js';
import { FAST_NODE_ENV, waitFor } from '../e2e/network-helpers.js';

/** The payout tests' fixed ports: 19000–19999, a slot of 200 per test file, moved by the pid so that two runs rarely meet. */
export function e2eBasePort(slot: number): number {
  // Below the ephemeral port range (32768-60999 on Linux), where any outgoing socket of a test
  // running beside this one could take a fixed port.
  return 19_000 + slot * 200 + (process.pid % 10) * 10;
}

export const CASE_ACCOUNT = 'case-account-e2e';
const GATEWAY_MAIN = join(PROJECT_ROOT, 'src', 'gateway', 'main.ts');

export interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** The gateway as `npm run gateway` runs it; resolves once it prints its URL. */
export function startGatewayProcess(dataDir: string, extraArgs: readonly string[] = []): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', GATEWAY_MAIN, '--data', dataDir, '--listen', '127.0.0.1:0', '--log-level', 'warn',
    ...extraArgs], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not print its URL:\n${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('\n')) return;
      clearTimeout(timer);
      resolve({
        url: (JSON.parse(stdout.split('\n')[0]!) as { url: string }).url, child, log: () => stderr,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${stderr}`)));
  });
}

/** One JSON request to the gateway; the answer's status and body. */
export async function gatewayCall(url: string, method: 'GET' | 'POST', path: string, body?: unknown,
  headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url + path, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function setFaults(url: string, faults: Record<string, unknown>): Promise<void> {
  const answer = await gatewayCall(url, 'POST', '/faults', faults);
  if (answer.status !== 200) throw new Error(`POST /faults: ${answer.status} ${JSON.stringify(answer.body)}`);
}

export interface StatementLine { readonly endToEndId: string; readonly amountFen: number; readonly direction: string; readonly bankRef: string }

export async function statement(url: string, date: string): Promise<StatementLine[]> {
  const answer = await gatewayCall(url, 'GET', `/statements/${date}`);
  return answer.body['entries'] as StatementLine[];
}

/** The debit lines (transfers executed) under one end-to-end id on that day. */
export async function transfersOf(url: string, date: string, endToEndId: string): Promise<number> {
  return (await statement(url, date)).filter((line) => line.direction === 'debit' && line.endToEndId === endToEndId).length;
}

export interface Keys {
  readonly court: KeyPair;
  readonly oracle: KeyPair;
  readonly officer: KeyPair;
  readonly finance: KeyPair;
  readonly executor: KeyPair;
  readonly executor2: KeyPair;
  readonly creditor: KeyPair;
  readonly submitter: KeyPair;
  readonly validators: readonly KeyPair[];
}

export interface World {
  readonly dir: string;
  readonly layout: TestnetLayout;
  readonly handles: readonly TestnetNodeHandle[];
  readonly genesis: Genesis;
  readonly nodeUrl: string;
  readonly gateway: GatewayProcess;
  readonly keys: Keys;
  /** Key files (executor, executor2, finance, officer, court), the genesis, the account store and its key. */
  readonly files: Readonly<Record<'genesis' | 'accounts' | 'accountsKey' | 'executor' | 'executor2' | 'finance' | 'officer' | 'court', string>>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  readonly dir: string;
  readonly basePort: number;
  readonly validators?: number;
  /** Extra arguments of the gateway (its webhook URL and secret). */
  readonly gatewayArgs?: readonly string[];
  /** The nodes' environment; default FAST_NODE_ENV with warnings only (a short heartbeat, short round timeouts). */
  readonly nodeEnv?: Readonly<Record<string, string>>;
  /** The case account's opening balance at the gateway. Default ¥1,000,000. */
  readonly caseAccountFen?: number;
}

/** Starts the testnet with the payout roles in its genesis, the gateway with the case account, and writes the key files. */
export async function startWorld(o: WorldOptions): Promise<World> {
  const layout = createTestnetFiles({ dir: join(o.dir, 'net'), validators: o.validators ?? 1, observers: 0, basePort: o.basePort });
  const keys: Keys = {
    court: generateKeyPair(), oracle: generateKeyPair(), officer: generateKeyPair(), finance: generateKeyPair(), executor: generateKeyPair(),
    executor2: generateKeyPair(), creditor: generateKeyPair(), submitter: readKeyFile(layout.submitterKeyFile),
    validators: layout.nodes.map((node) => readKeyFile(join(node.dataDir, 'node.key'))),
  };
  const doc = JSON.parse(readFileSync(layout.genesisFile, 'utf8')) as { members: object[] };
  const member = (name: string, role: string, key: KeyPair): object => ({ name, organisation: name, role, publicKey: toHex(key.publicKey) });
  doc.members.push(member('court', 'court', keys.court), member('bank-oracle', 'oracle', keys.oracle), member('officer', 'officer', keys.officer),
    member('finance', 'finance', keys.finance), member('bureau', 'executor', keys.executor), member('bureau-2', 'executor', keys.executor2),
    member('creditor', 'verifier', keys.creditor));
  writeFileSync(layout.genesisFile, JSON.stringify(doc, null, 2));
  const files = {
    genesis: layout.genesisFile, accounts: join(o.dir, 'accounts.bin'), accountsKey: join(o.dir, 'accounts.key'),
    executor: join(o.dir, 'executor.key'), executor2: join(o.dir, 'executor2.key'), finance: join(o.dir, 'finance.key'),
    officer: join(o.dir, 'officer.key'), court: join(o.dir, 'court.key'),
  };
  for (const name of ['executor', 'executor2', 'finance', 'officer', 'court'] as const) writeKeyFile(files[name], keys[name]);
  writeAccountKey(files.accountsKey);
  const handles = await startTestnet(layout, { env: o.nodeEnv ?? { ...FAST_NODE_ENV, TIANPING_LOG_LEVEL: 'warn' } });
  let gateway: GatewayProcess;
  try {
    mkdirSync(join(o.dir, 'gateway'), { recursive: true });
    gateway = await startGatewayProcess(join(o.dir, 'gateway', 'data'), o.gatewayArgs);
    const opened = await gatewayCall(gateway.url, 'POST', '/accounts', { id: CASE_ACCOUNT, name: 'Case account', bank: 'Court Bank',
      number: '0001', balanceFen: o.caseAccountFen ?? 100_000_000 });
    if (opened.status !== 201) throw new Error(`POST /accounts: ${JSON.stringify(opened.body)}`);
  } catch (error) {
    await stopAll(handles);
    throw error;
  }
  return {
    dir: o.dir, layout, handles, genesis: parseGenesis(doc), nodeUrl: layout.nodes[0]!.apiUrl, gateway, keys, files,
    stop: async () => {
      await gateway.stop();
      await stopAll(handles);
    },
  };
}

/** Signs nothing: the submission of a built tx, waited for its commit; throws unless committed. */
export async function commit(world: World, tx: BuiltTx, node = 0): Promise<SubmitResult & { status: 'committed' }> {
  const result = await new TianpingClient(world.layout.nodes[node]!.apiUrl).submit(tx.bytes, { wait: 'commit', timeoutMs: 30_000 });
  if (result.status !== 'committed') throw new Error(`tx ${toHex(tx.hash)} not committed: ${JSON.stringify(result)}`);
  return result as SubmitResult & { status: 'committed' };
}

/** A payout policy passed by governance: one officer up to ¥50,000, three roles above, automatic approval below `autoApproveBelowFen`. */
export async function setPayoutPolicy(world: World, autoApproveBelowFen: number, claimLeaseMs = 60_000): Promise<void> {
  const { chainId } = world.genesis;
  const [proposer, ...others] = world.keys.validators;
  const opened = await commit(world, payoutPolicyProposalTx({ chainId, keyPair: proposer!, policy: {
    tiers: [{ upToFen: 5_000_000, roles: ['officer'] }, { upToFen: 0, roles: ['officer', 'bureau-chief', 'finance'] }],
    autoApproveBelowFen, alertDays: [5, 10, 15, 30], claimLeaseMs,
  } }));
  // The proposer's tx is its approval; more than 2/3 of the power passes it.
  for (const voter of others.slice(0, Math.floor((2 * world.keys.validators.length) / 3))) {
    await commit(world, governanceVoteTx({ chainId, keyPair: voter, proposalId: opened.hash, approve: true }));
  }
  await waitFor('the payout policy in force', async () => {
    const policy = await signedJson<{ autoApproveBelowFen: number }>(world.nodeUrl, world.keys.executor, '/v1/payouts/policy');
    return policy.autoApproveBelowFen === autoApproveBelowFen;
  }, 20_000);
}

/** A signed GET (the payout reads need a member's signature); throws on an answer other than 200. */
export async function signedJson<T>(baseUrl: string, keyPair: KeyPair, path: string): Promise<T> {
  const url = baseUrl + path;
  const response = await fetch(url, { headers: { accept: 'application/json', ...signRequest({ method: 'GET', url, keyPair }) } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Files a payee's account in the store; its commitment (hex). */
export function fileAccount(world: World, account: PayeeAccount): string {
  return toHex(AccountStore.open(world.files.accounts, world.files.accountsKey).add(account));
}

export interface PayeeSpec {
  /** The account commitment (hex) in the terms; absent: the payee collects nothing (not-collecting). */
  readonly commitment?: string;
}

/** Anchors the case's document and creates the case (court key) with these payees of equal weight. */
export async function createCase(world: World, caseNo: string, payees: readonly PayeeSpec[], node = 0): Promise<void> {
  const { chainId } = world.genesis;
  const document = sha256(utf8(`judgment ${caseNo} ${Date.now()} ${Math.random()}`));
  await commit(world, buildAnchorTx({ chainId, keyPair: world.keys.submitter, digest: document, algorithm: 'sha256', category: 'judicial-forensics' }), node);
  const creditorParty = { memberKey: toHex(world.keys.creditor.publicKey) };
  await commit(world, createCaseTx({ chainId, keyPair: world.keys.court, terms: { json: {
    format: 'tianping-case-terms/1', templateVersion: 1, caseNo, document: { algorithm: 'sha256', digest: toHex(document) },
    creditors: [creditorParty], debtor: { identityCommitment: toHex(sha256(utf8(`debtor of ${caseNo}`))) },
    payees: payees.map((p, i) => ({ party: { identityCommitment: toHex(sha256(utf8(`payee ${i} of ${caseNo}`))) }, weight: 1,
      ...(p.commitment === undefined ? {} : { accountCommitment: p.commitment }) })),
    caseAccountRef: CASE_ACCOUNT, currency: 'CNY',
    instalments: [{ amountFen: 10_000_000_000, dueAt: new Date(Date.now() + 365 * 86_400_000).toISOString() }],
    grace: 'PT1S', acceleration: false, delay: { kind: 'statutory' }, graceDelaysInterest: false, paymentOrder: 'principalFirst',
    exemptClaimTypes: [], autoFile: false, feePolicy: 'cumulative/1',
  } } }), node);
}

export interface MoneyReceived {
  readonly bankRef: string;
  readonly height: number;
  /** The time of the block that recorded it. */
  readonly blockTimeMs: number;
  /** When this process saw the report committed. */
  readonly committedAtMs: number;
}

/** The debtor's money arrives at the gateway, and the oracle reports it under the bank's reference. */
export async function receiveMoney(world: World, caseNo: string, amountFen: number, node = 0): Promise<MoneyReceived> {
  const credited = await gatewayCall(world.gateway.url, 'POST', `/accounts/${CASE_ACCOUNT}/credit`,
    { amountFen, endToEndId: `DEBTOR-${toHex(sha256(utf8(`${caseNo} ${Date.now()} ${Math.random()}`))).slice(0, 16)}` });
  const bankRef = credited.body['bankRef'] as string;
  const result = await commit(world, reportPaymentTx({ chainId: world.genesis.chainId, keyPair: world.keys.oracle, caseNo, bankRef, amountFen,
    receivedAtMs: Date.now() - 1000 }), node);
  return { bankRef, height: result.height, blockTimeMs: result.blockTimeMs, committedAtMs: Date.now() };
}

/** An order as GET /v1/payouts lists it (the fields the tests read). */
export interface PayoutJson {
  readonly id: string;
  readonly caseNo: string;
  readonly payeeIndex: number;
  readonly amountFen: number;
  readonly payoutSeq: number;
  readonly status: string;
  readonly holds: readonly string[];
  readonly orderedHeight: number;
  readonly eventSeq: number;
  readonly bankRef?: string;
  readonly reissuedAs?: string;
  readonly reissueOf?: string;
  readonly accountCommitment: string;
}

/** The case's orders by payee index then payout seq (a signed read by the executor key). */
export async function ordersOf(world: World, caseNo: string): Promise<PayoutJson[]> {
  const page = await signedJson<{ payouts: PayoutJson[] }>(world.nodeUrl, world.keys.executor, `/v1/payouts?case=${encodeURIComponent(caseNo)}&limit=1000`);
  return page.payouts;
}

export async function orderById(world: World, id: string): Promise<PayoutJson> {
  return signedJson<PayoutJson>(world.nodeUrl, world.keys.executor, `/v1/payouts/${id}`);
}
