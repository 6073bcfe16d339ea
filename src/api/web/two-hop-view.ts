// A two-hop receipt on the court's page (docs/crosschain.md §5): a file anchored on a side chain,
// proved in the history of a side header H that the main chain recorded with a ForeignHeaderUpdate
// tx, itself proved to a main commit. It is checked with verifyTwoHopReceipt against the main chain's
// genesis (the page's trust anchor), in the browser, with no network. The page shows the item on the
// side chain, the side header, the main block that recorded it and who signed it, or the first check
// that failed, by name. Every value is written with textContent, never as HTML.
import { el, fields, localTime, showVerification, verdict, type CheckLabels, type ReceiptKindView, type Row } from './check-view.js';
import {
  TWO_HOP_CHECKS, isHeaderHashTrust, verifyTwoHopReceipt,
  type LoadedTrust, type ReceiptEvidence, type TwoHopCheckId, type TwoHopReceipt, type VerifiedTwoHop,
} from './tianping-web.js';

/** Chinese and English names of the checks: the main block's, the relay tx, the side receipt's (docs/receipt-format.md §13). */
const CHECK_LABELS: CheckLabels<TwoHopCheckId> = {
  'format': ['证书格式', 'The receipt is well-formed'],
  'chain-id': ['主链标识', 'The receipt is for the trusted main chain'],
  'header': ['主链区块头', 'The main block header decodes'],
  'tx-inclusion': ['中继交易包含证明', 'The relay transaction is in the main block'],
  'set-changes': ['主链验证节点集合变更', 'Main validator-set changes since the genesis'],
  'validators-hash': ['主链验证节点集合', 'The main block names the trusted validator set'],
  'commit-block': ['主链区块提交', 'The commit is for this main block'],
  'commit-signatures': ['主链验证节点签名（超过 2/3）', 'Main validators with more than 2/3 of the power signed'],
  'relay-tx': ['中继交易', 'The main chain recorded the side header under this name'],
  'side-format': ['侧链证书格式', 'The side receipt is well-formed'],
  'side-chain-id': ['侧链标识', 'The side receipt is for the chain of the recorded header'],
  'side-item-digest': ['证据哈希', 'The file (and salt) give the anchored digest'],
  'side-tx-decode': ['侧链交易解码', 'The side transaction decodes'],
  'side-tx-signature': ['侧链交易签名', 'The submitter signed the transaction'],
  'side-tx-item': ['交易所载证据', 'The transaction anchors the digest'],
  'side-header': ['侧链区块头', 'The side block header decodes'],
  'side-tx-inclusion': ['侧链交易包含证明', 'The transaction is in the side block'],
  'side-trusted-header': ['侧链可信区块头', 'The side header is the one the main chain recorded'],
  'side-history-inclusion': ['历史包含证明', 'The side block is in the recorded header\'s history'],
};

const TWO_HOP_VIEW: ReceiptKindView<TwoHopCheckId> = { zh: '跨链两跳证书', english: 'two-hop receipt', checks: TWO_HOP_CHECKS, labels: CHECK_LABELS };

/** What the receipt says before any check: shown beside the receipt's name while the checks run. */
export function twoHopFactRows(receipt: TwoHopReceipt, name: string): [label: string, value: string, options: { field: string }][] {
  return [
    ['存证证书 Receipt', name, { field: 'receipt-name' }],
    ['证书类型 Kind', '跨链两跳证书 two-hop receipt：侧链存证，经主链记录的侧链区块头证明 a side-chain anchor, proved through the side header the main chain recorded',
      { field: 'receipt-kind' }],
    ['主链 Main chain', receipt.chainId, { field: 'receipt-chain' }],
    ['侧链 Side chain', `${receipt.side.chainId}（主链登记名 registered as ${receipt.name}）`, { field: 'receipt-side-chain' }],
  ];
}

/** Checks the two-hop receipt against the main chain's genesis and shows the verdict, the checks and what it proves. */
export function showTwoHopCheck(result: HTMLElement, receipt: TwoHopReceipt, name: string, evidence: ReceiptEvidence, trust: LoadedTrust): void {
  const anchor = trust.anchor;
  if (isHeaderHashTrust(anchor) || 'policy' in anchor) {
    result.replaceChildren(verdict('error', '跨链两跳证书须以主链创世文件核验。',
      'A two-hop receipt is checked from the main chain\'s genesis, not from a header hash or a witness policy.'));
    return;
  }
  showVerification(result, TWO_HOP_VIEW, name, () => verifyTwoHopReceipt(receipt, evidence, anchor), proved);
}

/** The item on the side chain, the side header the main chain recorded, and the main block with its signers. */
function proved(r: VerifiedTwoHop): HTMLElement {
  const item = r.item;
  const side: Row[] = [
    ['文件哈希 File digest', `${item.algorithm} ${item.fileDigest}`, 'two-hop-file-digest', true],
    ['存证时间（本地）Anchored (local time)', localTime(item.blockTimeMs), 'two-hop-time-local'],
    ['存证时间（UTC）Anchored (UTC)', item.blockTime, 'two-hop-time-utc'],
    ['侧链区块 Side block', `${item.height} ${item.blockHash}`, 'two-hop-side-block', true],
    ['交易哈希 Transaction hash', item.txHash, 'two-hop-tx-hash', true],
    ['提交方公钥 Submitter key', item.submitter, 'two-hop-submitter', true],
    ['类别 Category', item.category, 'two-hop-category'],
    ['外部编号 External reference', item.externalRef || '—', 'two-hop-external-ref'],
    ['侧链区块头 Side header recorded', `${r.sideHeader.chainId} #${r.sideHeader.height} ${r.sideHeader.hash}`, 'two-hop-side-header', true],
  ];
  const main: Row[] = [
    ['主链区块 Main block', `${r.main.chainId} #${r.main.height} ${r.main.blockHash}`, 'two-hop-main-block', true],
    ['主链区块时间 Main block time', `${r.main.blockTime} · ${localTime(r.main.blockTimeMs)}`, 'two-hop-main-time'],
    ['中继交易 Relay transaction', `${r.main.txHash}（第 ${r.main.txIndex + 1} / ${r.main.txCount} 笔 tx ${r.main.txIndex + 1} of ${r.main.txCount}）`,
      'two-hop-relay-tx', true],
    ['主链签名 Main signatures', `${r.main.signers.length} / ${r.main.validatorCount} 个验证节点，权重 ${r.main.signedPower} / ${r.main.totalPower}（超过 2/3）· `
      + `${r.main.signers.length} of ${r.main.validatorCount} validators, power ${r.main.signedPower} of ${r.main.totalPower}`, 'two-hop-main-signers'],
  ];
  return el('div', { class: 'two-hop-proof', 'data-two-hop': `${r.main.height}/${item.height}` },
    el('h3', {}, '侧链存证 ', el('span', { lang: 'en' }, 'The anchor on the side chain')), fields(side),
    el('h3', {}, '主链记录 ', el('span', { lang: 'en' }, 'Where the main chain recorded the side header')), fields(main));
}
