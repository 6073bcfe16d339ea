// The page's small building blocks for what it shows: bilingual text, labelled field lists, sizes,
// times and error messages. The element builder, the verdict line and the local time are the receipt
// views' own (check-view.ts), so every part of the page draws them alike. Every value is written with
// textContent, never as HTML.
import { el } from './check-view.js';

export { el, localTime, verdict } from './check-view.js';

/** One row of a definition list: label, value, and whether it is monospace or named for the tests. */
export type FieldRow = readonly [label: string, value: string, options?: { readonly mono?: boolean; readonly field?: string }];

export function en(text: string): HTMLSpanElement {
  return el('span', { lang: 'en' }, text);
}

export function bilingual(zh: string, english: string): [string, HTMLSpanElement] {
  return [zh + ' ', en(english)];
}

export function fields(rows: readonly FieldRow[], attrs: Readonly<Record<string, string>> = {}): HTMLDListElement {
  const list = el('dl', { class: 'fields', ...attrs });
  fillFields(list, rows);
  return list;
}

export function fillFields(list: HTMLElement, rows: readonly FieldRow[]): void {
  list.replaceChildren();
  for (const [label, value, options = {}] of rows) {
    const dd = el('dd', options.mono ? { class: 'mono' } : {}, value);
    if (options.field) dd.setAttribute('data-field', options.field);
    list.append(el('dt', {}, label), dd);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

export function utcTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
