// An event receipt on the court's page: the proof that one case event (a default the block clock
// recorded, a suspension, a payment report) is in a committed block. It is checked with
// verifyEventReceipt against the same trust anchor as an anchor receipt, in the browser, with no
// network; it proves an event and not a file, so no evidence file is needed. The page shows the
// event's place (block height, index among the block's events), the case event its bytes decode to
// (case number, seq, kind, legal time) and the validators who signed the block, or the first check
// that failed, by name. Every value is written with textContent, never as HTML.
import {
  EVENT_RECEIPT_CHECKS, caseEventFacts, isHeaderHashTrust, verifyEventReceipt,
  type EventReceipt, type EventReceiptCheckId, type EventReceiptVerification, type LoadedTrust, type VerifiedEventReceipt,
} from './tianping-web.js';

/** Chinese and English names of the eight event receipt checks (docs/receipt-format.md, "Event receipts"). */
const EVENT_CHECK_LABELS: Readonly<Record<EventReceiptCheckId, readonly [zh: string, english: string]>> = {
  'format': ['证书格式', 'The receipt is well-formed'],
  'chain-id': ['链标识', 'The receipt is for the trusted chain'],
  'header': ['区块头', 'The block header decodes'],
  'event-inclusion': ['事件包含证明', 'The event is in the block'],
  'set-changes': ['验证节点集合变更', 'Validator-set changes since the trust anchor'],
  'validators-hash': ['验证节点集合', 'The block names the trusted validator set'],
  'commit-block': ['区块提交', 'The commit is for this block'],
  'commit-signatures': ['验证节点签名（超过 2/3）', 'Validators with more than 2/3 of the power signed'],
};

/** The case-event kinds as the case view names them (docs/contracts.md). */
const EVENT_KIND_LABELS: Readonly<Record<string, string>> = {
  CREATED: '立案', PAYMENT_RECEIVED: '收到款项', PAYMENT_PAID: '支付款项', PAYMENT_UNMATCHED: '未匹配款项', DEFAULT: '违约',
  ACCELERATED: '加速到期', FILED: '申请执行', SUSPENDED: '中止', RESUMED: '恢复', SETTLED: '和解', SETTLEMENT_DEFAULTED: '和解未履行',
  TERMINATED: '终结', CLOSED: '结案', PERFORMED: '履行完毕',
};

type Row = readonly [label: string, value: string, field: string, mono?: boolean];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]):
  HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function verdict(kind: string, zh: string, english: string): HTMLParagraphElement {
  return el('p', { class: `verdict ${kind}`, 'data-verdict': kind, role: kind === 'error' ? 'alert' : 'status' },
    `${zh} `, el('span', { lang: 'en' }, english));
}

function fields(rows: readonly Row[], attrs: Readonly<Record<string, string>> = {}): HTMLDListElement {
  const list = el('dl', { class: 'fields', ...attrs });
  for (const [label, value, field, mono] of rows) {
    list.append(el('dt', {}, label), el('dd', { 'data-field': field, ...(mono ? { class: 'mono' } : {}) }, value));
  }
  return list;
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
const localTime = (ms: number): string => `${new Date(ms).toLocaleString()} (${TIME_ZONE})`;

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
  let verification: EventReceiptVerification;
  try {
    verification = verifyEventReceipt(receipt, anchor);
  } catch (error) {
    // A TrustAnchorError says what is wrong with the anchor; anything else is shown as it is.
    const why = error instanceof Error ? error.message : String(error);
    result.replaceChildren(verdict('error', '信任锚不可用，未作判断：', `The trust anchor is unusable, nothing was decided: ${why}`));
    return;
  }
  const passed = verification.checks.filter((c) => c.ok).length;
  const head = verification.valid
    ? verdict('valid', `案件事件证书有效：全部 ${passed} 项核验通过。`, `Valid event receipt: all ${passed} checks passed (${name}).`)
    : verdict('invalid', `案件事件证书核验失败：第 ${verification.checks.length} 项“${EVENT_CHECK_LABELS[verification.failed][0]}”未通过。`,
      `Event receipt check FAILED at "${verification.failed}": ${verification.reason}`);
  result.replaceChildren(head, ...(verification.valid ? provedEvent(verification.receipt, receipt.event) : []), checkList(verification));
  if (!verification.valid) result.querySelector('.first-failure')?.scrollIntoView({ block: 'nearest' });
}

function checkList(verification: EventReceiptVerification): HTMLOListElement {
  const list = el('ol', { class: 'checks', id: 'checks' });
  for (const id of EVENT_RECEIPT_CHECKS) {
    const check = verification.checks.find((c) => c.id === id);
    const [zh, english] = EVENT_CHECK_LABELS[id];
    const status = check === undefined ? 'skipped' : check.ok ? 'ok' : 'failed';
    // Only one check can fail: the verifier stops at it.
    const classes = status === 'failed' ? 'check failed first-failure' : `check ${status}`;
    const mark = status === 'ok' ? '✓ 通过 passed' : status === 'failed' ? '✗ 未通过 FAILED' : '– 未执行 not run';
    list.append(el('li', { class: classes, 'data-check': id, 'data-status': status },
      el('span', { class: 'mark' }, mark), ' ', el('code', {}, id), ' ', el('span', { class: 'label' }, `${zh} · ${english}`),
      el('div', { class: 'detail mono' }, check === undefined ? '（因前一项未通过而未执行 not run: an earlier check failed）' : check.detail)));
  }
  return list;
}

/** The event's place, the case event it decodes to, and the validators who signed its block. */
function provedEvent(r: VerifiedEventReceipt, eventBytes: Uint8Array): HTMLElement[] {
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
  return [
    el('div', { class: 'event-proof', 'data-event': `${r.height}/${r.eventIndex}` },
      el('h3', {}, '事件位置 ', el('span', { lang: 'en' }, 'Where the event is')), fields(place),
      el('h3', {}, '案件事件 ', el('span', { lang: 'en' }, 'The case event')), fields(event),
      el('h3', {}, '签名的验证节点 ', el('span', { lang: 'en' }, 'Validators who signed the block')), signers,
      el('p', { class: 'hint', 'data-field': 'event-signers-total' },
        `${r.signers.length} / ${r.validatorCount} 个验证节点签名，权重 ${r.signedPower} / ${r.totalPower}（超过 2/3）· `
        + `${r.signers.length} of ${r.validatorCount} validators signed, power ${r.signedPower} of ${r.totalPower} (more than 2/3), round ${r.commitRound}`)),
  ];
}
