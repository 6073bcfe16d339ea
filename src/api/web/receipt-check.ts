// The receipt check, entirely in the browser and with no network: the trust anchor it is checked
// against (the node's genesis fetched at load, or a file the user loads), the receipt loaded from a
// file or the lookup, its verdict with every check by name, and the printable certificate of a valid
// one. Event and two-hop receipts are handed to their own views.
import {
  GenesisError, ReceiptFormatError, TrustAnchorError, TrustFileError, parseReceiptFileBytes, parseTrustAnchor, receiptFacts,
  verifyWithTrust,
  type ReceiptFile, type EvidenceAlgorithm, type LoadedTrust, type ReceiptVerification, type WitnessedCheckId, type WitnessedVerification,
} from './tianping-web.js';
import { eventReceiptFactRows, showEventReceiptCheck } from './event-receipt-view.js';
import { digestOf, ensureDigests, readSalt } from './file-hash.js';
import { el, en, errorText, fields, fillFields, formatBytes, localTime, utcTime, verdict, type FieldRow } from './page-dom.js';
import { $, ALGORITHM_LABELS, state } from './page-state.js';
import { showTwoHopCheck, twoHopFactRows } from './two-hop-view.js';

// A receipt's tx is at most 16 MiB (docs/receipt-format.md §6): as hex in JSON with its decoded
// view that stays well below this; anything larger is not a receipt.
const RECEIPT_BYTES_MAX = 64 * 1024 * 1024;

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

type Verified = Extract<ReceiptVerification | WitnessedVerification, { valid: true }>;

// ---------------------------------------------------------------------------------------------
// Trust anchor: the genesis from the node at load, or a file the user loads

export function showTrust(message?: Node): void {
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

export async function loadNodeGenesis(): Promise<void> {
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

export async function loadTrustFile(file: File): Promise<void> {
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

export async function loadReceiptFile(file: File): Promise<void> {
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

export async function fetchReceipt(path: string, name: string): Promise<void> {
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

export async function runReceiptCheck(): Promise<void> {
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

export function hideCertificate(): void {
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
