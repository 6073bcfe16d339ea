// The court's case view (案件): a judgment contract's schedule with each instalment's status, the
// timeline of its events with their heights and times, the money received and owed (interest as of
// the view's time), and a printable statement. The page shows what the node computed
// (GET /v1/cases/:caseNo); it does no arithmetic of its own, so no float ever meets money here:
// amounts arrive as decimal strings and are shown as they are.
//
// Case reads are signed (RFC 9421) by a party's or a court key, and the signature covers the Date
// header, which a page cannot set: a browser cannot make the read. So the page asks, shows what the
// node answers (AUTH_REQUIRED) and says how to get the case: `tianping case show CASE --json`
// signs the read with the court's key, and its output (or the route's JSON) loaded here as a file
// is rendered and printed. Every value is written with textContent, never as HTML.
import type { Json } from '../../contract/http.js';
import type { CaseEventSchema, CaseInstalmentSchema, CaseSchema } from '../../contract/cases.js';
import { el, verdict } from './check-view.js';

type CaseDoc = Json<typeof CaseSchema>;
type CaseEvent = Json<typeof CaseEventSchema>;
type Instalment = Json<typeof CaseInstalmentSchema>;
type Amount = { readonly fen: string; readonly yuan: string };

/** A case document is a few hundred kilobytes at most (events beyond the first page are in the feed). */
const CASE_FILE_BYTES_MAX = 8 * 1024 * 1024;

const STATUS_LABELS: Readonly<Record<string, string>> = {
  ACTIVE: '履行中', DEFAULTED: '已违约', FILED: '已申请执行', SUSPENDED: '中止执行', SETTLED: '执行和解', TERMINATED: '终结执行',
  CLOSED: '已结案', PERFORMED: '已履行完毕',
};
const INSTALMENT_LABELS: Readonly<Record<string, string>> = { upcoming: '未到期', due: '已到期', defaulted: '逾期', paid: '已付清' };
const EVENT_LABELS: Readonly<Record<string, string>> = {
  CREATED: '立案', PAYMENT_RECEIVED: '收到款项', PAYMENT_PAID: '支付款项', PAYMENT_UNMATCHED: '未匹配款项', DEFAULT: '违约',
  ACCELERATED: '加速到期', FILED: '申请执行', SUSPENDED: '中止', RESUMED: '恢复', SETTLED: '和解', SETTLEMENT_DEFAULTED: '和解未履行',
  TERMINATED: '终结', CLOSED: '结案', PERFORMED: '履行完毕',
};

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

const en = (text: string): HTMLSpanElement => el('span', { lang: 'en' }, text);
const label = (zh: string, english: string): (string | HTMLSpanElement)[] => [`${zh} `, en(english)];
const money = (amount: Amount | undefined, currency: string): string => (amount === undefined ? '' : `${amount.yuan} ${currency}`);
const time = (ms: number): string => (ms === 0 ? '—' : new Date(ms).toISOString());

function fields(rows: readonly [zh: string, english: string, value: string, field: string][]): HTMLDListElement {
  const list = el('dl', { class: 'fields' });
  for (const [zh, english, value, field] of rows) list.append(el('dt', {}, ...label(zh, english)), el('dd', { 'data-field': field }, value));
  return list;
}

function table(headings: readonly [zh: string, english: string][], rows: readonly (readonly string[])[], name: string,
  rowAttrs: (index: number) => Readonly<Record<string, string>>): HTMLTableElement {
  const head = el('tr', {}, ...headings.map(([zh, english]) => el('th', {}, ...label(zh, english))));
  const body = el('tbody', {}, ...rows.map((cells, i) => el('tr', rowAttrs(i), ...cells.map((cell) => el('td', {}, cell)))));
  return el('table', { class: 'case-table', 'data-table': name }, el('thead', {}, head), body);
}

function scheduleTable(doc: CaseDoc): HTMLTableElement {
  const rows = doc.schedule.map((i: Instalment) => [
    String(i.index + 1), time(i.dueAtMs), time(i.legalAtMs), money(i.principal, doc.currency), money(i.paid, doc.currency),
    money(i.outstanding, doc.currency), money(i.charges, doc.currency), `${INSTALMENT_LABELS[i.status] ?? ''} ${i.status}`,
  ]);
  return table([['期次', '#'], ['到期时间', 'Due'], ['违约时间', 'Defaults at'], ['本金', 'Principal'], ['已付', 'Paid'],
    ['未付', 'Outstanding'], ['迟延利息/违约金', 'Charges'], ['状态', 'Status']], rows, 'schedule',
  (i) => ({ 'data-status': doc.schedule[i]!.status }));
}

function eventDetail(event: CaseEvent, currency: string): string {
  const d = event.details;
  const parts = [
    d.instalmentIndex === undefined ? '' : `instalment ${d.instalmentIndex + 1}`,
    d.amount === undefined ? '' : money(d.amount, currency),
    d.bankRef === undefined ? '' : `bank ref ${d.bankRef}`,
    d.reasonCode === undefined ? '' : `reason ${d.reasonCode}`,
    d.filingId === undefined ? '' : `filing ${d.filingId.slice(0, 16)}…`,
    d.warning === undefined ? '' : `⚠ ${d.warning}`,
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

function timelineTable(doc: CaseDoc): HTMLTableElement {
  const rows = doc.events.map((e: CaseEvent) => [
    String(e.seq), `${EVENT_LABELS[e.kind] ?? ''} ${e.kind}`, e.legalAt, String(e.height), e.blockTime, e.status,
    eventDetail(e, doc.currency), e.txHash === '' ? '区块时钟 block clock' : e.txHash.slice(0, 16) + '…',
  ]);
  return table([['序号', 'Seq'], ['事件', 'Event'], ['法律时间', 'Legal time'], ['高度', 'Height'], ['区块时间', 'Block time'],
    ['事件后状态', 'Status after'], ['内容', 'Details'], ['交易', 'Tx']], rows, 'timeline', (i) => ({ 'data-kind': doc.events[i]!.kind }));
}

/** The statement: everything from the node's view, nothing computed here. */
function renderCase(doc: CaseDoc, source: string): void {
  const c = doc.currency;
  const party = (p: { kind: string; id: string }): string => `${p.kind === 'member' ? 'member' : 'commitment'} ${p.id}`;
  $('case-facts').replaceChildren(fields([
    ['案号', 'Case number', doc.caseNo, 'case-no'],
    ['状态', 'Status', `${STATUS_LABELS[doc.status] ?? ''} ${doc.status}`, 'status'],
    ['执行依据文书', 'Document', `${doc.document.algorithm}:${doc.document.digest}`, 'document'],
    ['债权人', 'Creditors', doc.creditors.map(party).join('; '), 'creditors'],
    ['债务人', 'Debtor', party(doc.debtor), 'debtor'],
    ['案款账户', 'Case account', doc.caseAccountRef, 'case-account'],
    ['立案', 'Created', `height ${doc.created.height}, ${doc.created.at}`, 'created'],
    ['申请执行期间届满', 'Application period ends', `${doc.applicationPeriod.endsAt}${doc.applicationPeriod.warning === '' ? '' : ` ⚠ ${doc.applicationPeriod.warning}`}`,
      'application-period'],
  ]));
  $('case-amounts').replaceChildren(fields([
    ['已收款项', 'Received', money(doc.money.received, c), 'received'],
    ['其中归债权人', 'Of it to the creditors', money(doc.money.creditors, c), 'creditors-part'],
    ['已支付', 'Paid out', money(doc.money.paidOut, c), 'paid-out'],
    ['尚欠本金', 'Principal owed', money(doc.owed.principal, c), 'owed-principal'],
    ['迟延利息/违约金', 'Interest or penalty owed', money(doc.owed.charges, c), 'owed-charges'],
    ['执行费', 'Execution fee owed', money(doc.owed.fee, c), 'owed-fee'],
    ['合计尚欠', 'Total owed', money(doc.owed.total, c), 'owed-total'],
    ['计算截至', 'As of', `${doc.asOf.at} (中国日 China day ${doc.asOf.day})`, 'as-of'],
  ]));
  $('case-schedule').replaceChildren(scheduleTable(doc));
  $('case-timeline').replaceChildren(timelineTable(doc));
  const more = doc.eventsNext === undefined ? '' : ` · 其余事件见 the rest: GET v1/cases/…/events?after=${doc.eventsNext}`;
  $('case-source').textContent = `来源 Source: ${source} · 事件 ${doc.events.length} / ${doc.eventsCount} events${more}`;
  $('case-statement').hidden = false;
}

function isCaseDoc(value: unknown): value is CaseDoc {
  const doc = value as Partial<CaseDoc> | null;
  return typeof doc === 'object' && doc !== null && typeof doc.caseNo === 'string' && Array.isArray(doc.schedule)
    && Array.isArray(doc.events) && typeof doc.money === 'object' && typeof doc.owed === 'object';
}

function showError(message: HTMLParagraphElement): void {
  $('case-statement').hidden = true;
  $('case-result').replaceChildren(message);
}

/** The route's answer; a signed read the page cannot make is explained, with the way around it. */
async function lookUpCase(caseNo: string): Promise<void> {
  $('case-result').replaceChildren(verdict('pending', '正在查询…', 'Asking the node…'));
  let status: number;
  let body: unknown;
  try {
    const response = await fetch(`v1/cases/${encodeURIComponent(caseNo)}`, { headers: { accept: 'application/json' } });
    status = response.status;
    body = await response.json().catch(() => undefined);
  } catch (error) {
    showError(verdict('error', '无法连接节点。', `The node could not be reached: ${(error as Error).message}`));
    return;
  }
  if (status === 200 && isCaseDoc(body)) {
    $('case-result').replaceChildren(verdict('ok', '已从节点读取。', 'Read from the node.'));
    renderCase(body, `GET v1/cases/${caseNo}`);
    return;
  }
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
  const code = typeof problem.code === 'string' ? problem.code : `HTTP ${status}`;
  const detail = typeof problem.detail === 'string' && problem.detail !== '' ? problem.detail : String(problem.title ?? '');
  const answer = el('p', { class: 'mono', 'data-field': 'case-answer' }, `HTTP ${status} ${code}${detail === '' ? '' : `: ${detail}`}`);
  const signed = status === 401 || status === 403;
  const explanation = signed
    ? verdict('error', '案件查询须以当事人或法院成员密钥签名（RFC 9421），签名涵盖浏览器不允许网页设置的 Date 头，故本页无法签名。请用 “tianping case show 案号 --json --key 法院密钥” 取得案件 JSON，再在下方载入。',
      'Case reads are signed (RFC 9421) by a party\'s or a court key, and the signature covers the Date header, which a browser does not let a page set: this page cannot sign. Get the case with "tianping case show CASE --json --key COURT_KEY" and load that file below.')
    : verdict('error', '节点未返回该案件。', 'The node did not return the case.');
  $('case-statement').hidden = true;
  $('case-result').replaceChildren(explanation, answer);
}

async function loadCaseFile(file: File): Promise<void> {
  if (file.size > CASE_FILE_BYTES_MAX) {
    showError(verdict('error', '文件过大，不是案件 JSON。', 'The file is too large to be a case document.'));
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch (error) {
    showError(verdict('error', '不是 JSON 文件。', `Not a JSON file: ${(error as Error).message}`));
    return;
  }
  // `tianping case show --json` wraps the route's document as { ok, case }.
  const doc = isCaseDoc(value) ? value : (value as { case?: unknown } | null)?.case;
  if (!isCaseDoc(doc)) {
    showError(verdict('error', '不是案件 JSON（GET /v1/cases/:caseNo 或 tianping case show --json 的输出）。',
      'Not a case document (the answer of GET /v1/cases/:caseNo or the output of tianping case show --json).'));
    return;
  }
  $('case-result').replaceChildren(verdict('ok', '已载入案件文件。', 'Case file loaded.'));
  renderCase(doc, file.name);
}

export function wireCaseView(): void {
  $('case-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const caseNo = $<HTMLInputElement>('case-input').value.trim();
    if (caseNo !== '') void lookUpCase(caseNo);
  });
  const input = $<HTMLInputElement>('case-file-input');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void loadCaseFile(file);
    input.value = '';
  });
  // The printout is the statement alone, while it prints.
  $('case-print-button').addEventListener('click', () => {
    document.body.classList.add('printing-case');
    window.print();
  });
  window.addEventListener('afterprint', () => document.body.classList.remove('printing-case'));
}
