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
//
// This file wires the page up and starts it; its parts are beside it: page-state.ts (what they
// share), page-dom.ts, file-hash.ts, lookup-view.ts and receipt-check.ts.
import type { Json, StatusSchema } from '../../contract/http.js';
import type { EvidenceAlgorithm } from './tianping-web.js';
import { wireCaseView } from './case-view.js';
import { fetchJson, lookUpFile, showLookups } from './lookup-view.js';
import { errorText, verdict } from './page-dom.js';
import { $, state } from './page-state.js';
import { hideCertificate, loadNodeGenesis, loadReceiptFile, loadTrustFile, runReceiptCheck, showTrust } from './receipt-check.js';

const HEX64_RE = /^[0-9a-fA-F]{64}$/;

type NodeStatus = Json<typeof StatusSchema>;

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
