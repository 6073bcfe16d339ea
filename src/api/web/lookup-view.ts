// The online lookup (GET v1/evidence/:digest): which anchors the chain has indexed for a digest (the
// file's, salted or not, or one typed in), each shown with its receipt to download or check. Only
// the digest goes to the node; a failed lookup leaves the offline receipt check below untouched.
import type { EvidenceResponseSchema, Json, ProblemSchema } from '../../contract/http.js';
import { createHasher, toHex, type EvidenceAlgorithm } from './tianping-web.js';
import { digestOf, ensureDigests, readSalt, selectedAlgorithms } from './file-hash.js';
import { bilingual, el, en, errorText, fields, localTime, utcTime, verdict } from './page-dom.js';
import { $, ALGORITHM_LABELS, state, type EvidenceAnchor } from './page-state.js';
import { fetchReceipt } from './receipt-check.js';

// Evidence pages fetched for one digest at most (each holds up to the node's page limit).
const PAGES_MAX = 20;

// The answers the lookup reads have the shapes of the node's HTTP contract (type-only: nothing of it
// is bundled). An error answer may come from a proxy as well, so every problem field may be missing.
type EvidenceResponse = Json<typeof EvidenceResponseSchema>;
/** Every anchor of a digest, all pages together. */
type EvidencePage = Pick<EvidenceResponse, 'total' | 'anchors'>;
type Problem = Partial<Json<typeof ProblemSchema>>;

interface LookupQuery {
  readonly algorithm: EvidenceAlgorithm;
  readonly digest: string;
  readonly salted: boolean;
}

/** The body is what the node answered, or {} when it was no JSON; the caller checks the status first. */
export async function fetchJson<T>(path: string): Promise<{ status: number; body: Partial<T> & Problem }> {
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
export async function showLookups(queries: readonly LookupQuery[]): Promise<void> {
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

export async function lookUpFile(): Promise<void> {
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
