// What the receipt views of the court's page share: building elements, the verdict line, a list of
// labelled fields, a time in the viewer's zone, and the verdict of a verifier shown with every one
// of its checks by name (passed, failed, or not run). Every value is written with textContent,
// never as HTML.

/** The Chinese and English names of each check a verifier runs. */
export type CheckLabels<Id extends string> = Readonly<Record<Id, readonly [zh: string, english: string]>>;

/** A row of a field list: its label, its value, the data-field name a test reads, and whether it is monospaced. */
export type Row = readonly [label: string, value: string, field: string, mono?: boolean];

interface CheckResult<Id extends string> {
  readonly id: Id;
  readonly ok: boolean;
  readonly detail: string;
}

/** A verifier's verdict as the SDK gives it: every check that ran, and what holds or the first that failed. */
export type Verification<Id extends string, Proved> =
  | { readonly valid: true; readonly checks: readonly CheckResult<Id>[]; readonly receipt: Proved }
  | { readonly valid: false; readonly checks: readonly CheckResult<Id>[]; readonly failed: Id; readonly reason: string };

/** A kind of receipt as its view names it, with the checks its verifier runs in order. */
export interface ReceiptKindView<Id extends string> {
  /** e.g. "案件事件证书" and "event receipt". */
  readonly zh: string;
  readonly english: string;
  readonly checks: readonly Id[];
  readonly labels: CheckLabels<Id>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]):
  HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** A verdict line; data-verdict is the machine-readable outcome (the browser tests read it). */
export function verdict(kind: string, zh: string, english: string): HTMLParagraphElement {
  return el('p', { class: `verdict ${kind}`, 'data-verdict': kind, role: kind === 'error' ? 'alert' : 'status' },
    `${zh} `, el('span', { lang: 'en' }, english));
}

export function fields(rows: readonly Row[], attrs: Readonly<Record<string, string>> = {}): HTMLDListElement {
  const list = el('dl', { class: 'fields', ...attrs });
  for (const [label, value, field, mono] of rows) {
    list.append(el('dt', {}, label), el('dd', { 'data-field': field, ...(mono ? { class: 'mono' } : {}) }, value));
  }
  return list;
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';

/** A time in the viewer's zone, the zone named. */
export const localTime = (ms: number): string => `${new Date(ms).toLocaleString()} (${TIME_ZONE})`;

/**
 * Runs `verify` and shows its verdict, what the receipt proves when it holds (`proved`), and the
 * list of checks, scrolled to the one that failed. An unusable trust anchor (verify throws) is shown
 * as such: nothing was decided.
 */
export function showVerification<Id extends string, Proved>(result: HTMLElement, kind: ReceiptKindView<Id>, name: string,
  verify: () => Verification<Id, Proved>, proved: (receipt: Proved) => HTMLElement): void {
  let verification: Verification<Id, Proved>;
  try {
    verification = verify();
  } catch (error) {
    // A TrustAnchorError says what is wrong with the anchor; anything else is shown as it is.
    const why = error instanceof Error ? error.message : String(error);
    result.replaceChildren(verdict('error', '信任锚不可用，未作判断：', `The trust anchor is unusable, nothing was decided: ${why}`));
    return;
  }
  const passed = verification.checks.filter((c) => c.ok).length;
  const english = kind.english.charAt(0).toUpperCase() + kind.english.slice(1);
  const head = verification.valid
    ? verdict('valid', `${kind.zh}有效：全部 ${passed} 项核验通过。`, `Valid ${kind.english}: all ${passed} checks passed (${name}).`)
    : verdict('invalid', `${kind.zh}核验失败：第 ${verification.checks.length} 项“${kind.labels[verification.failed][0]}”未通过。`,
      `${english} check FAILED at "${verification.failed}": ${verification.reason}`);
  result.replaceChildren(head, ...(verification.valid ? [proved(verification.receipt)] : []), checkList(kind, verification.checks));
  if (!verification.valid) result.querySelector('.first-failure')?.scrollIntoView({ block: 'nearest' });
}

function checkList<Id extends string>(kind: ReceiptKindView<Id>, checks: readonly CheckResult<Id>[]): HTMLOListElement {
  const list = el('ol', { class: 'checks', id: 'checks' });
  for (const id of kind.checks) {
    const check = checks.find((c) => c.id === id);
    const [zh, english] = kind.labels[id];
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
