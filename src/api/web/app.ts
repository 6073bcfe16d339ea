// The court's verification page (存证核验). Everything that decides runs here, in the browser, with
// the SDK's own code (tianping-web.js, bundled from src/client and src/crypto): the file is hashed
// in chunks by the same streaming hashers as the CLI and never leaves the computer; only its digest
// goes to the node for the online lookup. A receipt is checked with verifyReceipt (or, under a witness
// policy, verifyWitnessedReceipt) against the trust
// anchor, which the page fetched once at load (or the user loaded from a file), so that check needs
// no network at all; an event receipt (a case event's proof, no file needed) is checked against the
// same anchor (event-receipt-view.ts), and a two-hop receipt (a side chain's anchor proved through the
// main chain) against the main chain's genesis (two-hop-view.ts). Every value from the network or a file is written with
// textContent, never as HTML.
//
// Written in TypeScript and compiled by scripts/generate.mjs to app.js, which imports the SDK bundle
// served beside it (tianping-web.d.ts types that import with the bundle's entry, verifier-entry.ts).
import type { AnchorSchema, EvidenceResponseSchema, Json, ProblemSchema, StatusSchema } from '../../contract/http.js';
import {
  GenesisError, ReceiptFormatError, TrustAnchorError, TrustFileError, createHasher, fromHex,
  parseReceiptFileBytes, parseTrustAnchor, receiptFacts, toHex, verifyWithTrust,
  type ReceiptFile, type EvidenceAlgorithm, type LoadedTrust, type ReceiptVerification, type WitnessedCheckId, type WitnessedVerification,
} from './tianping-web.js';
import { wireCaseView } from './case-view.js';
import { eventReceiptFactRows, showEventReceiptCheck } from './event-receipt-view.js';
import { showTwoHopCheck, twoHopFactRows } from './two-hop-view.js';

// Read and hashed per step: big enough that the per-call overhead vanishes, small enough that the
// page stays responsive (a step takes some 30 ms of JavaScript hashing) and memory stays flat for a
// file of many gigabytes.
const CHUNK_BYTES = 2 * 1024 * 1024;
// Evidence pages fetched for one digest at most (each holds up to the node's page limit).
const PAGES_MAX = 20;
// A receipt's tx is at most 16 MiB (docs/receipt-format.md §6): as hex in JSON with its decoded
// view that stays well below this; anything larger is not a receipt.
const RECEIPT_BYTES_MAX = 64 * 1024 * 1024;
const HEX64_RE = /^[0-9a-fA-F]{64}$/;
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;
const ALGORITHM_LABELS: Readonly<Record<EvidenceAlgorithm, string>> = { sha256: 'SHA-256', sm3: 'SM3' };

/** Chinese and English names of the checks (docs/receipt-format.md §6 and §13), by id. */
const CHECK_LABELS: Readonly<Record<WitnessedCheckId, readonly [zh: string, english: string]>> = {
  'format': ['证书格式', 'The receipt is well-formed'],
  'chain-id': ['链标识', 'The receipt is for the trusted chain'],
  'item-digest': ['证据哈希', 'The file (and salt) give the anchored digest'],
  'tx-decode': ['交易解码', 'The transaction decodes'],
  'tx-signature': ['交易签名', 'The submitter signed the transaction'],
  'tx-item': ['交易所载证据', 'The transaction anchors the digest'],
  'header': ['区块头', 'The block header decodes'],
  'tx-inclusion': ['交易包含证明', 'The transaction is in the block'],
  'set-changes': ['验证节点集合变更', 'Validator-set changes since the trust anchor'],
  'validators-hash': ['验证节点集合', 'The block names the trusted validator set'],
  'commit-block': ['区块提交', 'The commit is for this block'],
  'commit-signatures': ['验证节点签名（超过 2/3）', 'Validators with more than 2/3 of the power signed'],
  'trusted-header': ['可信区块头', 'The receipt\'s trusted header is the one trusted'],
  'history-inclusion': ['历史包含证明', 'The block is in the trusted header\'s history'],
  'witness-cosignatures': ['见证人联署', 'Enough witnesses of the policy cosigned the trusted header\'s checkpoint'],
};

/** The page's element of that id; the page is static, so a missing one is a bug of this script. */
function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

// The answers the page reads have the shapes of the node's HTTP contract (type-only: nothing of it
// is bundled). An error answer may come from a proxy as well, so every problem field may be missing.
type EvidenceAnchor = Json<typeof AnchorSchema>;
type EvidenceResponse = Json<typeof EvidenceResponseSchema>;
/** Every anchor of a digest, all pages together. */
type EvidencePage = Pick<EvidenceResponse, 'total' | 'anchors'>;
type NodeStatus = Json<typeof StatusSchema>;
type Problem = Partial<Json<typeof ProblemSchema>>;

interface Trust {
  readonly loaded: LoadedTrust;
  readonly source: 'node' | 'file';
  readonly name: string;
  readonly at: number;
}

type Verified = Extract<ReceiptVerification | WitnessedVerification, { valid: true }>;

/** One row of a definition list: label, value, and whether it is monospace or named for the tests. */
type FieldRow = readonly [label: string, value: string, options?: { readonly mono?: boolean; readonly field?: string }];

interface LookupQuery {
  readonly algorithm: EvidenceAlgorithm;
  readonly digest: string;
  readonly salted: boolean;
}

const state: {
  file: File | undefined;
  fileToken: number;
  digests: Map<EvidenceAlgorithm, Uint8Array>;
  hashQueue: Promise<unknown>;
  lookupToken: number;
  anchorsByTx: Map<string, EvidenceAnchor>;
  receipt: { readonly parsed: ReceiptFile; readonly name: string } | undefined;
  trust: Trust | undefined;
  checkToken: number;
} = {
  /** The evidence file: a File, never read whole. */
  file: undefined,
  /** Bumped with every new file: results computed for an older file are dropped. */
  fileToken: 0,
  /** algorithm → file digest (Uint8Array) of the current file. */
  digests: new Map(),
  /** Hashing runs one pass at a time; later requests wait for the pass before them. */
  hashQueue: Promise.resolve(),
  /** Bumped with every lookup, so a slow answer never overwrites a newer one. */
  lookupToken: 0,
  /** Anchors seen online, by tx hash: they name the submitter when the trust anchor cannot. */
  anchorsByTx: new Map(),
  /** The receipt loaded, with the name of its file or download. */
  receipt: undefined,
  /** The trust anchor: the genesis fetched from the node at load, or a file the user loaded. */
  trust: undefined,
  /** Bumped with every receipt check. */
  checkToken: 0,
};

// ---------------------------------------------------------------------------------------------
// DOM helpers

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function en(text: string): HTMLSpanElement {
  return el('span', { lang: 'en' }, text);
}

function bilingual(zh: string, english: string): [string, HTMLSpanElement] {
  return [zh + ' ', en(english)];
}

/** A verdict line; data-verdict is the machine-readable outcome (the browser test reads it). */
function verdict(kind: string, zh: string, english: string): HTMLParagraphElement {
  return el('p', { class: `verdict ${kind}`, 'data-verdict': kind, role: kind === 'error' ? 'alert' : 'status' },
    ...bilingual(zh, english));
}

function fields(rows: readonly FieldRow[], attrs: Readonly<Record<string, string>> = {}): HTMLDListElement {
  const list = el('dl', { class: 'fields', ...attrs });
  fillFields(list, rows);
  return list;
}

function fillFields(list: HTMLElement, rows: readonly FieldRow[]): void {
  list.replaceChildren();
  for (const [label, value, options = {}] of rows) {
    const dd = el('dd', options.mono ? { class: 'mono' } : {}, value);
    if (options.field) dd.setAttribute('data-field', options.field);
    list.append(el('dt', {}, label), dd);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';

function localTime(ms: number): string {
  return `${new Date(ms).toLocaleString()} (${TIME_ZONE})`;
}

function utcTime(ms: number): string {
  return new Date(ms).toISOString();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Hashing, in the browser, in chunks

/** The salt field: { ok: true, bytes } (bytes undefined when empty) or { ok: false }. */
function readSalt(): { readonly ok: true; readonly bytes: Uint8Array | undefined } | { readonly ok: false } {
  const text = $<HTMLInputElement>('salt-input').value.trim();
  if (text === '') return { ok: true, bytes: undefined };
  if (!HEX_RE.test(text)) return { ok: false };
  return { ok: true, bytes: fromHex(text.toLowerCase()) };
}

function showProgress(done: number, total: number, algorithms: readonly EvidenceAlgorithm[]): void {
  const status = $('hash-status');
  status.hidden = false;
  const bar = $<HTMLProgressElement>('hash-progress');
  bar.max = Math.max(total, 1);
  bar.value = done;
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const names = algorithms.map((a) => ALGORITHM_LABELS[a]).join(' + ');
  $('hash-progress-text').textContent = done < total
    ? `正在计算 ${names} 哈希 Hashing (${names}): ${formatBytes(done)} / ${formatBytes(total)} (${percent}%)`
    : `${names} 哈希已完成 Hashed: ${formatBytes(total)} (100%)`;
}

/** One pass over the file, updating one streaming hasher per algorithm with each chunk. */
async function hashPass(file: File, token: number, algorithms: readonly EvidenceAlgorithm[]): Promise<boolean> {
  const hashers = algorithms.map((algorithm) => ({ algorithm, hasher: createHasher(algorithm) }));
  showProgress(0, file.size, algorithms);
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    if (token !== state.fileToken) return false;
    for (const { hasher } of hashers) hasher.update(chunk);
    showProgress(Math.min(offset + CHUNK_BYTES, file.size), file.size, algorithms);
  }
  for (const { algorithm, hasher } of hashers) state.digests.set(algorithm, hasher.digest());
  showProgress(file.size, file.size, algorithms);
  return true;
}

/**
 * The current file's digests for these algorithms, hashing what is missing in one pass. Resolves
 * to undefined when the file changed meanwhile (the caller then drops what it was doing).
 */
function ensureDigests(algorithms: readonly EvidenceAlgorithm[]): Promise<ReadonlyMap<EvidenceAlgorithm, Uint8Array> | undefined> {
  const token = state.fileToken;
  const run = state.hashQueue.then(async () => {
    if (token !== state.fileToken || state.file === undefined) return undefined;
    const missing = algorithms.filter((a) => !state.digests.has(a));
    if (missing.length > 0 && !(await hashPass(state.file, token, missing))) return undefined;
    if (token !== state.fileToken) return undefined;
    showFileFacts();
    return state.digests;
  });
  // A failed pass must not block the passes after it; its own caller sees the error.
  state.hashQueue = run.catch(() => undefined);
  return run;
}

/** The digest hashed for that algorithm; ensureDigests resolved with it, so it is there. */
function digestOf(digests: ReadonlyMap<EvidenceAlgorithm, Uint8Array>, algorithm: EvidenceAlgorithm): Uint8Array {
  const digest = digests.get(algorithm);
  if (digest === undefined) throw new Error(`the file has no ${ALGORITHM_LABELS[algorithm]} digest`);
  return digest;
}

function selectedAlgorithms(): EvidenceAlgorithm[] {
  return $<HTMLInputElement>('sm3-option').checked ? ['sha256', 'sm3'] : ['sha256'];
}

function showFileFacts(): void {
  const file = state.file;
  if (file === undefined) return;
  const rows: FieldRow[] = [['文件 File', `${file.name} (${formatBytes(file.size)})`, { field: 'file-name' }]];
  for (const algorithm of ['sha256', 'sm3'] as const) {
    const digest = state.digests.get(algorithm);
    if (digest !== undefined) {
      rows.push([`${ALGORITHM_LABELS[algorithm]} 文件哈希 File digest`, toHex(digest), { mono: true, field: `file-${algorithm}` }]);
    }
  }
  const list = $('file-facts');
  fillFields(list, rows);
  list.hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Online lookup: GET v1/evidence/:digest

/** The body is what the node answered, or {} when it was no JSON; the caller checks the status first. */
async function fetchJson<T>(path: string): Promise<{ status: number; body: Partial<T> & Problem }> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as Partial<T> & Problem;
  return { status: response.status, body };
}

/** Every indexed anchor of the digest, page by page, oldest first. */
async function lookUp(digest: string, algorithm: EvidenceAlgorithm): Promise<EvidencePage> {
  const anchors: EvidenceAnchor[] = [];
  let total = 0;
  for (let page = 0; page < PAGES_MAX; page++) {
    const { status, body } = await fetchJson<EvidenceResponse>(`v1/evidence/${digest}?algorithm=${algorithm}&offset=${anchors.length}`);
    if (status === 404 && body.code === 'EVIDENCE_NOT_FOUND') return { total: 0, anchors };
    if (status !== 200) throw new Error(`${body.code ?? status}: ${body.detail ?? body.title ?? 'request failed'}`);
    // A 200 answer is an evidence page (the node's schema); {} would stop the loop as an empty one.
    const pageAnchors = body.anchors ?? [];
    total = body.total ?? 0;
    anchors.push(...pageAnchors);
    if (pageAnchors.length === 0 || anchors.length >= total) break;
  }
  return { total, anchors };
}

function anchorBlock(anchor: EvidenceAnchor, index: number, total: number): HTMLDivElement {
  const submitter = anchor.submitterName ? `${anchor.submitterName} (${anchor.submitter})` : anchor.submitter;
  const receiptPath = `v1/evidence/${anchor.digest}/receipt?algorithm=${anchor.algorithm}&tx=${anchor.txHash}`;
  const download = el('a', { href: receiptPath, download: `receipt-${anchor.digest.slice(0, 16)}-${anchor.height}.json` },
    ...bilingual('下载存证证书', 'Download the receipt'));
  const check = el('button', { type: 'button', class: 'secondary' }, ...bilingual('用此证书核验', 'Check this receipt'));
  check.addEventListener('click', () => void fetchReceipt(receiptPath, `receipt of block ${anchor.height}`));
  return el('div', { class: 'anchor', 'data-height': String(anchor.height) },
    el('h3', {}, `存证 Anchor ${index + 1} / ${total}`),
    fields([
      ['存证时间（本地）Anchored (local time)', localTime(anchor.blockTimeMs), { field: 'time-local' }],
      ['存证时间（UTC）Anchored (UTC)', utcTime(anchor.blockTimeMs), { field: 'time-utc' }],
      ['区块高度 Block height', String(anchor.height), { field: 'height' }],
      ['区块哈希 Block hash', anchor.blockHash, { mono: true, field: 'block-hash' }],
      ['交易哈希 Transaction hash', anchor.txHash, { mono: true, field: 'tx-hash' }],
      ['提交方 Submitter', submitter, { mono: true, field: 'submitter' }],
      ['类别 Category', anchor.category, { field: 'category' }],
      ['外部编号 External reference', anchor.externalRef || '—', { field: 'external-ref' }],
      ['元数据摘要 Metadata digest', anchor.metadataDigest || '—', { mono: true }],
      ['加盐 Salted', anchor.salted ? '是 yes' : '否 no'],
    ]),
    el('p', { class: 'actions no-print' }, download, ' ', check));
}

/** Looks up each { algorithm, digest, salted } and shows one block per query in the lookup card. */
async function showLookups(queries: readonly LookupQuery[]): Promise<void> {
  const token = ++state.lookupToken;
  $('lookup-card').hidden = false;
  const blocks = queries.map((query) => {
    const { algorithm, digest, salted } = query;
    const block = el('div', { class: 'lookup', 'data-algorithm': algorithm });
    const label = `${ALGORITHM_LABELS[algorithm]} ${salted ? '加盐摘要 salted digest H(salt ‖ file digest)' : '摘要 digest'}`;
    const summary = fields([[label, digest, { mono: true }]]);
    block.append(summary, verdict('pending', '查询中…', 'Looking up…'));
    return { query, block, summary };
  });
  $('lookup').replaceChildren(...blocks.map(({ block }) => block));
  await Promise.all(blocks.map(async ({ query: { algorithm, digest }, block, summary }) => {
    let content: (Node | string)[];
    try {
      const { total, anchors } = await lookUp(digest, algorithm);
      if (total === 0) {
        content = [
          verdict('not-anchored', '未找到存证：链上没有此摘要的索引存证记录。', 'Not anchored: the chain has no indexed anchor of this digest.'),
          el('p', { class: 'hint' },
            '若平台以“仅根”批量或加盐方式存证，链上不逐项索引：请向平台索取存证证书，在下方“核验存证证书”中核验。 ',
            en('If the platform anchored the file inside a root-only batch, or salted it, the chain does not index the item: ask the platform for its receipt and check it below.')),
        ];
      } else {
        for (const anchor of anchors) state.anchorsByTx.set(anchor.txHash, anchor);
        const shown = anchors.length < total ? [el('p', { class: 'hint' }, `显示 ${anchors.length} / ${total} · showing ${anchors.length} of ${total}`)] : [];
        content = [
          verdict('anchored', `已存证：共 ${total} 条存证记录。`, `Anchored: ${total} record(s) on the chain.`),
          ...shown, ...anchors.map((a, j) => anchorBlock(a, j, total)),
        ];
      }
    } catch (error) {
      content = [
        verdict('error', '无法查询节点：', `Lookup failed: ${errorText(error)}.`),
        el('p', { class: 'hint' }, '存证证书仍可在下方离线核验。 ', en('A receipt can still be checked below, offline.')),
      ];
    }
    if (token === state.lookupToken) block.replaceChildren(summary, ...content);
  }));
}

async function lookUpFile(): Promise<void> {
  const algorithms = selectedAlgorithms();
  const digests = await ensureDigests(algorithms);
  if (digests === undefined) return;
  const salt = readSalt();
  if (!salt.ok) {
    $('lookup-card').hidden = false;
    $('lookup').replaceChildren(verdict('error', '盐值不是十六进制。', 'The salt is not hex.'));
    return;
  }
  await showLookups(algorithms.map((algorithm) => {
    const fileDigest = digestOf(digests, algorithm);
    const item = salt.bytes === undefined ? fileDigest : createHasher(algorithm).update(salt.bytes).update(fileDigest).digest();
    return { algorithm, digest: toHex(item), salted: salt.bytes !== undefined };
  }));
}

// ---------------------------------------------------------------------------------------------
// Trust anchor: the genesis from the node at load, or a file the user loads

function showTrust(message?: Node): void {
  const box = $('trust-status');
  if (message !== undefined) {
    box.replaceChildren(message);
    return;
  }
  if (state.trust === undefined) return;
  const { loaded, source, name, at } = state.trust;
  const power = loaded.validators.reduce((sum, v) => sum + v.power, 0);
  const hash = 'trustedHeaderHash' in loaded.anchor ? String(loaded.anchor.trustedHeaderHash) : '';
  const what = loaded.kind === 'genesis'
    ? [`链 ${loaded.chainId} 的创世文件`, `the genesis of chain ${loaded.chainId}`]
    : loaded.kind === 'trusted-header'
      ? [`链 ${loaded.chainId} 高度 ${loaded.height} 的可信区块头`, `a trusted header of chain ${loaded.chainId} at height ${loaded.height}`]
      : loaded.kind === 'witness-policy'
        ? [`链 ${loaded.chainId} 的见证人策略`, `a witness policy of chain ${loaded.chainId}`]
        : [`链 ${loaded.chainId} 的可信区块头哈希`, `the hash of a trusted header of chain ${loaded.chainId}`];
  const rows: FieldRow[] = [
    ['信任锚 Trust anchor', `${what[0]} · ${what[1]}`, { field: 'trust-kind' }],
    // A header hash names no validators: it proves version 2 receipts by the history tree (§13).
    'policy' in loaded.anchor
      ? ['见证人 Witnesses', `${loaded.anchor.policy.k} / ${loaded.anchor.policy.witnesses.length}: `
        + loaded.anchor.policy.witnesses.map((w) => w.slice(0, w.indexOf('+'))).join(', '), { field: 'witness-policy' }]
      : hash === '' ? ['验证节点 Validators', `${loaded.validators.length}，总权重 total power ${power}`]
        : ['可信区块哈希 Trusted header hash', hash, { mono: true, field: 'trusted-header-hash' }],
  ];
  const caution: HTMLParagraphElement[] = [];
  if (source === 'node') {
    rows.push(['来源 Source', `本节点，载入页面时获取 · from this node, fetched when the page loaded (${localTime(at)})`, { field: 'trust-source' }]);
    caution.push(el('p', { class: 'hint caution' },
      '由被核验的节点提供的创世文件只与该节点同样可信。用于法庭记录时，请载入联盟公布的创世文件，并核对其 SHA-256。 ',
      en('A genesis served by the node being checked is only as trustworthy as that node. For a court record, load the genesis file the consortium published and compare its SHA-256.')));
  } else {
    rows.push(['来源 Source', `文件 file ${name}`, { field: 'trust-source' }]);
    rows.push(['文件 SHA-256 File SHA-256', loaded.sha256, { mono: true, field: 'trust-sha256' }]);
    caution.push(hash === ''
      ? el('p', { class: 'hint' },
        '请将此 SHA-256 与联盟公布的创世哈希（tianping genesis 输出）核对。 ',
        en('Compare this SHA-256 with the genesis hash the consortium published (printed by tianping genesis).'))
      : el('p', { class: 'hint' },
        '请将可信区块哈希与法庭记录的哈希核对；只有按此区块头证明的第 2 版存证证书可通过核验。 ',
        en('Compare the trusted header hash with the one your court recorded; only version 2 receipts, proved against that header, pass.')));
  }
  box.replaceChildren(fields(rows), ...caution);
}

async function loadNodeGenesis(): Promise<void> {
  try {
    const response = await fetch('v1/genesis', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const loaded = parseTrustAnchor(new Uint8Array(await response.arrayBuffer()));
    // A genesis file the user loaded meanwhile wins: it is the better anchor.
    if (state.trust !== undefined) return;
    state.trust = { loaded, source: 'node', name: 'v1/genesis', at: Date.now() };
    showTrust();
    void runReceiptCheck();
  } catch (error) {
    if (state.trust !== undefined) return;
    showTrust(verdict('error', '无法从节点获取创世文件：请载入创世文件。', `Could not fetch the genesis from the node (${errorText(error)}): load a genesis file.`));
  }
}

async function loadTrustFile(file: File): Promise<void> {
  try {
    const loaded = parseTrustAnchor(new Uint8Array(await file.arrayBuffer()));
    state.trust = { loaded, source: 'file', name: file.name, at: Date.now() };
    showTrust();
    void runReceiptCheck();
  } catch (error) {
    const known = error instanceof TrustFileError || error instanceof GenesisError;
    showTrust(verdict('error', '无法使用此信任锚文件：', `${file.name} is not a usable trust anchor: ${known ? error.message : errorText(error)}`));
    state.trust = undefined;
    $('receipt-result').replaceChildren();
    hideCertificate();
  }
}

// ---------------------------------------------------------------------------------------------
// Receipt check, entirely in the browser

async function loadReceiptBytes(bytes: Uint8Array, name: string): Promise<void> {
  hideCertificate();
  const facts = $('receipt-facts');
  let parsed: ReceiptFile;
  try {
    parsed = parseReceiptFileBytes(bytes);
    state.receipt = { parsed, name };
  } catch (error) {
    state.receipt = undefined;
    facts.hidden = true;
    const why = error instanceof ReceiptFormatError ? error.message : errorText(error);
    $('receipt-result').replaceChildren(verdict('error', '无法读取存证证书：', `Not a readable receipt (${name}): ${why}`));
    return;
  }
  if (parsed.kind === 'event') {
    fillFields(facts, eventReceiptFactRows(parsed.receipt, name));
    facts.hidden = false;
    await runReceiptCheck();
    return;
  }
  if (parsed.kind === 'two-hop') {
    fillFields(facts, twoHopFactRows(parsed.receipt, name));
    facts.hidden = false;
    if (parsed.receipt.side.salted) $<HTMLDetailsElement>('salt-details').open = true;
    await runReceiptCheck();
    return;
  }
  const r = receiptFacts(parsed.receipt);
  fillFields(facts, [
    ['存证证书 Receipt', name, { field: 'receipt-name' }],
    ['链 Chain', r.chainId],
    ['存证摘要 Anchored digest', `${r.algorithm ? ALGORITHM_LABELS[r.algorithm] : '?'} ${r.digest}`, { mono: true }],
    ['加盐 Salted', r.salted ? '是：需要平台提供的盐值 yes: the salt the platform kept is needed' : '否 no'],
  ]);
  facts.hidden = false;
  if (r.salted) $<HTMLDetailsElement>('salt-details').open = true;
  await runReceiptCheck();
}

async function loadReceiptFile(file: File): Promise<void> {
  if (file.size > RECEIPT_BYTES_MAX) {
    // Refused before it is read: a video dropped on the wrong zone must not be loaded whole.
    state.receipt = undefined;
    hideCertificate();
    $('receipt-facts').hidden = true;
    $('receipt-result').replaceChildren(verdict('error', '这不是存证证书（文件过大）。',
      `Not a receipt (${file.name}): larger than ${formatBytes(RECEIPT_BYTES_MAX)}.`));
    return;
  }
  await loadReceiptBytes(new Uint8Array(await file.arrayBuffer()), file.name);
}

async function fetchReceipt(path: string, name: string): Promise<void> {
  try {
    const response = await fetch(path, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await loadReceiptBytes(new Uint8Array(await response.arrayBuffer()), name);
    $('receipt-card').scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (error) {
    $('receipt-result').replaceChildren(verdict('error', '无法获取存证证书：', `Could not fetch the receipt: ${errorText(error)}`));
  }
}

function missingInputs(): [zh: string, english: string][] {
  const missing: [string, string][] = [];
  if (state.file === undefined) missing.push(['证据文件（上方 ①）', 'the evidence file (① above)']);
  if (state.trust === undefined) missing.push(['信任锚', 'a trust anchor']);
  return missing;
}

async function runReceiptCheck(): Promise<void> {
  const token = ++state.checkToken;
  const result = $('receipt-result');
  if (state.receipt === undefined) return;
  hideCertificate();
  const { parsed, name } = state.receipt;
  // An event receipt proves a case event, not a file: it needs the trust anchor only.
  if (parsed.kind === 'event') {
    showEventReceiptCheck(result, parsed.receipt, name, state.trust?.loaded);
    return;
  }
  // A two-hop receipt proves a file on the side chain: the file is hashed with its side receipt's algorithm.
  const receipt = parsed.kind === 'two-hop' ? parsed.receipt.side : parsed.receipt;
  const missing = missingInputs();
  if (missing.length > 0) {
    result.replaceChildren(verdict('pending', `还需要：${missing.map((m) => m[0]).join('、')}。`,
      `Still needed: ${missing.map((m) => m[1]).join(', ')}.`));
    return;
  }
  const { algorithm } = receiptFacts(receipt);
  let fileDigest: Uint8Array = new Uint8Array();
  // An unknown algorithm fails the format check, which runs before the evidence is looked at.
  if (algorithm !== undefined) {
    result.replaceChildren(verdict('pending', '正在计算文件哈希…', `Hashing the file (${ALGORITHM_LABELS[algorithm]})…`));
    let digests: ReadonlyMap<EvidenceAlgorithm, Uint8Array> | undefined;
    try {
      digests = await ensureDigests([algorithm]);
    } catch (error) {
      result.replaceChildren(verdict('error', '无法读取证据文件：', `The file could not be read: ${errorText(error)}`));
      return;
    }
    if (digests === undefined || token !== state.checkToken) return;
    fileDigest = digestOf(digests, algorithm);
  }
  const salt = readSalt();
  if (!salt.ok) {
    result.replaceChildren(verdict('error', '盐值不是十六进制。', 'The salt is not hex.'));
    return;
  }
  // A trust file that failed to load while the file was hashed took the anchor away.
  const trust = state.trust;
  if (trust === undefined) return;
  const evidence = salt.bytes === undefined ? { fileDigest } : { fileDigest, salt: salt.bytes };
  if (parsed.kind === 'two-hop') {
    showTwoHopCheck(result, parsed.receipt, name, evidence, trust.loaded);
    return;
  }
  let verification: ReceiptVerification | WitnessedVerification;
  try {
    verification = verifyWithTrust(receipt, evidence, trust.loaded.anchor);
  } catch (error) {
    const why = error instanceof TrustAnchorError ? error.message : errorText(error);
    result.replaceChildren(verdict('error', '信任锚不可用，未作判断：', `The trust anchor is unusable, nothing was decided: ${why}`));
    return;
  }
  if (token !== state.checkToken) return;
  result.replaceChildren(...renderVerification(verification, name));
  if (verification.valid) showCertificate(verification);
  else result.querySelector('.first-failure')?.scrollIntoView({ block: 'nearest' });
}

function renderVerification(verification: ReceiptVerification | WitnessedVerification, name: string): [HTMLParagraphElement, HTMLOListElement] {
  const passed = verification.checks.filter((c) => c.ok).length;
  const head = verification.valid
    ? verdict('valid', `存证证书有效：全部 ${passed} 项核验通过。`, `Valid receipt: all ${passed} checks passed (${name}).`)
    : verdict('invalid', `存证证书核验失败：第 ${verification.checks.length} 项“${CHECK_LABELS[verification.failed][0]}”未通过。`,
      `Receipt check FAILED at "${verification.failed}": ${verification.reason}`);
  const list = el('ol', { class: 'checks', id: 'checks' });
  let firstFailure = true;
  // The list the verifier ran (version 1 or 2): the checks that ran, then those it skipped.
  const ids = [...verification.checks.map((c) => c.id), ...(verification.valid ? [] : verification.skipped)];
  for (const id of ids) {
    const check = verification.checks.find((c) => c.id === id);
    const [zh, english] = CHECK_LABELS[id];
    const status = check === undefined ? 'skipped' : check.ok ? 'ok' : 'failed';
    const classes = ['check', status];
    if (status === 'failed' && firstFailure) {
      classes.push('first-failure');
      firstFailure = false;
    }
    const mark = status === 'ok' ? '✓ 通过 passed' : status === 'failed' ? '✗ 未通过 FAILED' : '– 未执行 not run';
    list.append(el('li', { class: classes.join(' '), 'data-check': id, 'data-status': status },
      el('span', { class: 'mark' }, mark), ' ',
      el('code', {}, id), ' ',
      el('span', { class: 'label' }, `${zh} · ${english}`),
      el('div', { class: 'detail mono' }, check === undefined ? '（因前一项未通过而未执行 not run: an earlier check failed）' : check.detail)));
  }
  return [head, list];
}

// ---------------------------------------------------------------------------------------------
// The printable certificate

function hideCertificate(): void {
  $('certificate-card').hidden = true;
  document.body.classList.remove('has-certificate');
}

/** Who holds the submitter key: the trust anchor's names first (offline), then what the node said. */
function submitterName(trust: LoadedTrust, key: string, txHash: string): string {
  const member: { readonly name: string; readonly organisation?: string } | undefined = trust.members.find((m) => m.publicKey === key)
    ?? trust.validators.find((v) => v.publicKey === key && v.name !== '');
  if (member !== undefined) return `${member.name}${member.organisation && member.organisation !== member.name ? `（${member.organisation}）` : ''}（据信任锚 per the trust anchor）`;
  const anchor = state.anchorsByTx.get(txHash);
  if (anchor?.submitterName) return `${anchor.submitterName}（据节点查询 per the node's lookup）`;
  return '（名称未知：见链上成员记录 name unknown: see the chain\'s member records）';
}

function showCertificate(verification: Verified): void {
  const r = verification.receipt;
  const file = state.file;
  if (file === undefined || state.trust === undefined) return;
  const { loaded, source, name } = state.trust;
  const rows: FieldRow[] = [
    ['证据文件 Evidence file', `${file.name} (${formatBytes(file.size)})`, { field: 'file-name' }],
    [`文件哈希 File digest (${ALGORITHM_LABELS[r.algorithm]})`, r.fileDigest, { mono: true, field: 'file-digest' }],
  ];
  if (r.salted) rows.push(['存证摘要 Anchored digest H(salt ‖ file digest)', r.digest, { mono: true, field: 'digest' }]);
  rows.push(
    ['存证时间（本地）Anchored (local time)', localTime(r.blockTimeMs), { field: 'time-local' }],
    ['存证时间（UTC）Anchored (UTC)', r.blockTime, { field: 'time-utc' }],
    ['区块高度 Block height', String(r.height), { field: 'height' }],
    ['区块哈希 Block hash', r.blockHash, { mono: true, field: 'block-hash' }],
    ['交易哈希 Transaction hash', `${r.txHash}（区块内第 ${r.txIndex + 1} / ${r.txCount} 笔 tx ${r.txIndex + 1} of ${r.txCount}）`, { mono: true, field: 'tx-hash' }],
  );
  if (r.batch !== undefined) {
    rows.push(['批量存证 Batch item', `${r.batch.kind === 'indexed' ? '索引批量 indexed' : '仅根批量 root-only'}：第 ${r.batch.itemIndex + 1} / ${r.batch.itemCount} 项 item ${r.batch.itemIndex + 1} of ${r.batch.itemCount}`]);
  }
  rows.push(
    ['提交方 Submitter', submitterName(loaded, r.submitter, r.txHash), { field: 'submitter-name' }],
    ['提交方公钥 Submitter key', r.submitter, { mono: true, field: 'submitter' }],
    ['类别 Category', r.category, { field: 'category' }],
    ['外部编号 External reference', r.externalRef || '—', { field: 'external-ref' }],
    ['链标识 Chain id', r.chainId, { field: 'chain-id' }],
    ['信任锚 Trust anchor', (loaded.kind === 'genesis' ? '创世文件 genesis'
      : 'witnessed' in r ? `见证人联署的区块头 header cosigned by witnesses (${r.witnessed.witnesses.map((w) => w.name).join(', ')}; `
        + `${r.witnessed.k} required), height ${r.trusted?.height ?? 0}, hash ${r.trusted?.blockHash ?? ''}`
      : r.trusted !== undefined ? `可信区块头 trusted header, height ${r.trusted.height}, hash ${r.trusted.blockHash}`
        : `可信区块头 trusted header, height ${loaded.height}`)
      + (source === 'node'
        ? '，来自被核验的节点，未与联盟公布的创世哈希核对 · served by the node being checked, not compared with the published genesis hash'
        : `，文件 file ${name}，SHA-256 ${loaded.sha256}`), { field: 'trust' }],
    ['验证节点集合变更 Validator-set changes', String(r.setChanges)],
  );
  fillFields($('certificate-fields'), rows);

  $<HTMLTableElement>('signers-table').tBodies.item(0)?.replaceChildren(...r.signers.map((s) => el('tr', { 'data-key': s.publicKey },
    el('td', {}, s.name ?? '—'), el('td', { class: 'mono' }, s.publicKey), el('td', { class: 'number' }, String(s.power)))));
  $('signers-total').textContent = r.trusted !== undefined
    ? `由高度 ${r.trusted.height} 的可信区块头的历史树证明，无需验证节点签名 · proved by the history tree of the trusted header at `
      + `height ${r.trusted.height} (history root ${r.trusted.historyRoot}); no validator signature was needed`
    : `${r.signers.length} / ${r.validatorCount} 个验证节点签名，权重 ${r.signedPower} / ${r.totalPower}（超过 2/3）· `
      + `${r.signers.length} of ${r.validatorCount} validators signed, power ${r.signedPower} of ${r.totalPower} (more than 2/3), round ${r.commitRound}`;

  $('certificate-checks').replaceChildren(...verification.checks.map((c) => el('li', { 'data-check': c.id },
    `✓ ${CHECK_LABELS[c.id][0]} · ${CHECK_LABELS[c.id][1]}`, el('div', { class: 'detail mono' }, c.detail))));
  $('certificate-checked-at').textContent = `核验时间（本机时钟）Checked at (this computer's clock): ${localTime(Date.now())} · ${utcTime(Date.now())}`;
  $('certificate-card').hidden = false;
  document.body.classList.add('has-certificate');
}

// ---------------------------------------------------------------------------------------------
// Wiring

function chooseFile(file: File): void {
  state.file = file;
  state.fileToken += 1;
  state.digests = new Map();
  hideCertificate();
  lookUpFile().catch((error) => {
    $('lookup-card').hidden = false;
    $('lookup').replaceChildren(verdict('error', '无法读取或计算此文件的哈希。', `The file could not be read or hashed: ${errorText(error)}`));
  });
  void runReceiptCheck();
}

function wireDropZone(zone: HTMLElement, input: HTMLInputElement, onFile: (file: File) => void): void {
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    // The same file picked again (after it was edited, say) must fire change again.
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) onFile(file);
  });
}

function wireDigestForm(): void {
  $('digest-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const digest = $<HTMLInputElement>('digest-input').value.trim();
    if (!HEX64_RE.test(digest)) {
      $('lookup-card').hidden = false;
      $('lookup').replaceChildren(verdict('error', '摘要须为 64 位十六进制。', 'A digest is 64 hex characters.'));
      return;
    }
    // The select offers exactly the two algorithms.
    const algorithm = $<HTMLSelectElement>('algorithm-select').value as EvidenceAlgorithm;
    void showLookups([{ algorithm, digest: digest.toLowerCase(), salted: false }]);
  });
}

async function showNodeStatus(): Promise<void> {
  try {
    const { status, body } = await fetchJson<NodeStatus>('v1/status');
    if (status !== 200) return;
    $('node-status').textContent = `链 Chain ${body.chainId} · 高度 Height ${body.latestHeight} · 节点 Node ${body.moniker}`;
  } catch {
    // The footer is informative only.
  }
}

// A file dropped beside a zone would otherwise make the browser open it, leaving the page.
for (const type of ['dragover', 'drop']) document.addEventListener(type, (event) => event.preventDefault());
wireDropZone($('drop-zone'), $<HTMLInputElement>('file-input'), chooseFile);
wireDropZone($('receipt-drop'), $<HTMLInputElement>('receipt-input'), (file) => void loadReceiptFile(file));
const trustInput = $<HTMLInputElement>('trust-input');
trustInput.addEventListener('change', () => {
  const file = trustInput.files?.[0];
  if (file) void loadTrustFile(file);
  trustInput.value = '';
});
$('sm3-option').addEventListener('change', () => {
  if (state.file !== undefined) void lookUpFile();
});
$('salt-input').addEventListener('change', () => {
  if (state.file !== undefined) void lookUpFile();
  void runReceiptCheck();
});
$('print-button').addEventListener('click', () => window.print());
wireDigestForm();
wireCaseView();
showTrust(verdict('pending', '正在从节点获取创世文件…', 'Fetching the genesis from the node…'));
void loadNodeGenesis();
void showNodeStatus();
// Marks the page as wired up: a script that failed to load leaves this unset (the browser test waits on it).
document.documentElement.dataset.ready = 'true';
