// An event receipt on the court's page: the proof that one case event (a default the block clock
// recorded, a suspension, a payment report) is in a committed block. It is checked with
// verifyEventReceipt against the same trust anchor as an anchor receipt, in the browser, with no
// network; it proves an event and not a file, so no evidence file is needed. The page shows the
// event's place (block height, index among the block's events), the case event its bytes decode to
// (case number, seq, kind, legal time) and the validators who signed the block, or the first check
// that failed, by name. Every value is written with textContent, never as HTML.
import { el, fields, localTime, showVerification, verdict, type CheckLabels, type ReceiptKindView, type Row } from './check-view.js';
import {
  EVENT_RECEIPT_CHECKS, caseEventFacts, isHeaderHashTrust, verifyEventReceipt,
  type EventReceipt, type EventReceiptCheckId, type LoadedTrust, type VerifiedEventReceipt,
} from './tianping-web.js';

/** Chinese and English names of the eight event receipt checks (docs/receipt-format.md, "Event receipts"). */
const EVENT_CHECK_LABELS: CheckLabels<EventReceiptCheckId> = {
  'format': ['证书格式', 'The receipt is well-formed'],
  'chain-id': ['链标识', 'The receipt is for the trusted chain'],
  'header': ['区块头', 'The block header decodes'],
  'event-inclusion': ['事件包含证明', 'The event is in the block'],
  'set-changes': ['验证节点集合变更', 'Validator-set changes since the trust anchor'],
  'validators-hash': ['验证节点集合', 'The block names the trusted validator set'],
  'commit-block': ['区块提交', 'The commit is for this block'],
  'commit-signatures': ['验证节点签名（超过 2/3）', 'Validators with more than 2/3 of the power signed'],
};

const EVENT_VIEW: ReceiptKindView<EventReceiptCheckId> = {
  zh: '案件事件证书', english: 'event receipt', checks: EVENT_RECEIPT_CHECKS, labels: EVENT_CHECK_LABELS,
};

/** The case-event kinds as the case view names them (docs/contracts.md). */
const EVENT_KIND_LABELS: Readonly<Record<string, string>> = {
  CREATED: '立案', PAYMENT_RECEIVED: '收到款项', PAYMENT_PAID: '支付款项', PAYMENT_UNMATCHED: '未匹配款项', DEFAULT: '违约',
  ACCELERATED: '加速到期', FILED: '申请执行', SUSPENDED: '中止', RESUMED: '恢复', SETTLED: '和解', SETTLEMENT_DEFAULTED: '和解未履行',
  TERMINATED: '终结', CLOSED: '结案', PERFORMED: '履行完毕',
};

/** What the receipt says before any check: shown beside the receipt's name while the checks run. */
export function eventReceiptFactRows(receipt: EventReceipt, name: string): [label: string, value: string, options: { field: string }][] {
  return [
    ['存证证书 Receipt', name, { field: 'receipt-name' }],
    ['证书类型 Kind', '案件事件证书 case event receipt：证明一个案件事件在链上，无需证据文件 proves a case event, needs no evidence file',
      { field: 'receipt-kind' }],
    ['链 Chain', receipt.chainId, { field: 'receipt-chain' }],
  ];
}

/**
 * Checks the event receipt against the trust anchor and shows the verdict, the checks and, when
 * it holds, what it proves. Without a trust anchor yet, says so and waits for one.
 */
export function showEventReceiptCheck(result: HTMLElement, receipt: EventReceipt, name: string, trust: LoadedTrust | undefined): void {
  if (trust === undefined) {
    result.replaceChildren(verdict('pending', '还需要：信任锚。', 'Still needed: a trust anchor.'));
    return;
  }
  const anchor = trust.anchor;
  if (isHeaderHashTrust(anchor) || 'policy' in anchor) {
    result.replaceChildren(verdict('error', '案件事件证书须以创世文件或附验证节点集合的可信区块头核验。',
      'An event receipt is checked from a genesis or a trusted header with its validators, not from a header hash or a witness policy alone.'));
    return;
  }
  showVerification(result, EVENT_VIEW, name, () => verifyEventReceipt(receipt, anchor), (r) => provedEvent(r, receipt.event));
}

/** The event's place, the case event it decodes to, and the validators who signed its block. */
function provedEvent(r: VerifiedEventReceipt, eventBytes: Uint8Array): HTMLElement {
  const place: Row[] = [
    ['区块高度 Block height', String(r.height), 'event-height'],
    ['区块内事件序号 Event index in the block', `${r.eventIndex}（共 ${r.eventCount} 个事件 of ${r.eventCount} events）`, 'event-index'],
    ['区块时间（本地）Block time (local)', localTime(r.blockTimeMs), 'event-block-time-local'],
    ['区块时间（UTC）Block time (UTC)', r.blockTime, 'event-block-time'],
    ['区块哈希 Block hash', r.blockHash, 'event-block-hash', true],
    ['事件 SHA-256 Event SHA-256', r.eventSha256, 'event-sha256', true],
    ['链标识 Chain id', r.chainId, 'event-chain-id'],
  ];
  const facts = caseEventFacts(eventBytes);
  const event: Row[] = facts === undefined
    ? [['案件事件 Case event', '（无法解码为案件事件 the bytes are no case event）', 'case-event']]
    : [
      ['案号 Case number', facts.caseNo === '' ? `—（未匹配款项，报告所称案号 unmatched, reported for ${facts.reportedCaseNo}）` : facts.caseNo, 'case-no'],
      ['事件序号 Seq', String(facts.seq), 'case-seq'],
      ['事件类型 Kind', `${EVENT_KIND_LABELS[facts.kind] ?? ''} ${facts.kind}`.trim(), 'case-kind'],
      ['法律时间（UTC）Legal time (UTC)', facts.legalAtMs === 0 ? '—' : new Date(facts.legalAtMs).toISOString(), 'case-legal-time'],
      ['法律时间（本地）Legal time (local)', facts.legalAtMs === 0 ? '—' : localTime(facts.legalAtMs), 'case-legal-time-local'],
      ['事件后状态 Status after', facts.status, 'case-status'],
      ...(facts.reasonCode === '' ? [] : [['原因代码 Reason code', facts.reasonCode, 'case-reason'] as const]),
    ];
  const signers = el('table', { class: 'signers', 'data-table': 'event-signers' },
    el('thead', {}, el('tr', {}, el('th', {}, '名称 Name'), el('th', {}, '公钥 Public key'), el('th', {}, '权重 Power'))),
    el('tbody', {}, ...r.signers.map((s) => el('tr', { 'data-key': s.publicKey },
      el('td', {}, s.name ?? '—'), el('td', { class: 'mono' }, s.publicKey), el('td', { class: 'number' }, String(s.power))))));
  return el('div', { class: 'event-proof', 'data-event': `${r.height}/${r.eventIndex}` },
    el('h3', {}, '事件位置 ', el('span', { lang: 'en' }, 'Where the event is')), fields(place),
    el('h3', {}, '案件事件 ', el('span', { lang: 'en' }, 'The case event')), fields(event),
    el('h3', {}, '签名的验证节点 ', el('span', { lang: 'en' }, 'Validators who signed the block')), signers,
    el('p', { class: 'hint', 'data-field': 'event-signers-total' },
      `${r.signers.length} / ${r.validatorCount} 个验证节点签名，权重 ${r.signedPower} / ${r.totalPower}（超过 2/3）· `
      + `${r.signers.length} of ${r.validatorCount} validators signed, power ${r.signedPower} of ${r.totalPower} (more than 2/3), round ${r.commitRound}`));
}
