// An event receipt on the court's page, in a real browser (chromium, driven by playwright-core),
// against a real node in this process: a case is created from the documented TERMS.json and
// suspended by the court, all through the SDK's txs; the suspension's receipt is read with the
// court's key (as `tianping case` does) and handed to the page as a file, in JSON and in protobuf.
// With the page's network cut after it loaded, the page checks it against the genesis it fetched
// at load, with no evidence file, and shows where the event is, the case event and who signed; a
// receipt whose event bytes were altered fails the event-inclusion check, named; an anchor receipt
// still waits for its file and then passes its twelve checks. Without
// /usr/bin/chromium the tests skip with a message, except under CI=true.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/index.js';
import {
  TianpingClient, buildAnchorTx, caseActionTx, createCaseTx, encodeEventReceipt, eventReceiptToJson, formatEventReceiptJson,
  type CaseView, type EventReceipt,
} from '../../src/client/index.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NodeVerifier, keyPairFromSeed, sha256, type KeyPair } from '../../src/crypto/index.js';
import { Ledger, MemStorage } from '../../src/ledger/index.js';
import { NodeCore } from '../../src/node/index.js';
import { genesisHash, parseGenesis } from '../../src/state/index.js';
import { asTimeMs, toHex, utf8 } from '../../src/types/index.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const IN_CI = process.env['CI'] === 'true';
const missing = !existsSync(CHROMIUM);
if (missing && !IN_CI) console.warn(`event receipt page tests SKIPPED: ${CHROMIUM} not found; under CI=true they fail instead`);
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const EXAMPLE = JSON.parse(readFileSync('docs/examples/case-terms.json', 'utf8')) as Record<string, unknown>;
const key = (label: string): KeyPair => keyPairFromSeed(sha256(utf8(`event receipt page test ${label}`)));
const EVENT_CHECKS = ['format', 'chain-id', 'header', 'event-inclusion', 'set-changes', 'validators-hash', 'commit-block', 'commit-signatures'];

describe.skipIf(missing && !IN_CI)('event receipts on the court page in chromium', () => {
  const validator = key('validator');
  const court = key('court');
  const platform = key('platform');
  const caseNo = '(2026)京0491民初95号';
  let dir = '';
  let core: NodeCore | undefined;
  let app: FastifyInstance | undefined;
  let url = '';
  let context: BrowserContext | undefined;
  let view: CaseView;
  let receipt: EventReceipt;
  const files = { json: '', protobuf: '', tampered: '', document: '', anchorReceipt: '' };

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} not found: required when CI=true`);
    dir = mkdtempSync(join(tmpdir(), 'tianping-event-page-'));
    const member = (name: string, role: string, pair: KeyPair): Record<string, unknown> => ({ name, organisation: name, role, publicKey: toHex(pair.publicKey) });
    const genesisJson = {
      chainId: 'tianping-event-page', genesisTimeMs: Date.now() - 60_000,
      validators: [{ name: 'node0', publicKey: toHex(validator.publicKey), power: 10 }],
      members: [member('court-1', 'court', court), member('platform', 'submitter', platform)],
      categories: ['judgment'],
    };
    const genesis = parseGenesis(genesisJson);
    const ledger = await Ledger.open(new MemStorage(), genesis, genesisHash(utf8(JSON.stringify(genesisJson))));
    core = new NodeCore({
      genesis, ledger, key: validator, verifier: new NodeVerifier(), clock: { nowMs: () => asTimeMs(Date.now()) },
      logger: pino({ level: 'silent' }), moniker: 'event-page-test', version: 'test', mempool: { txsMax: 100, bytesMax: 1 << 20 },
      consensus: { ...DEFAULT_CONFIG.consensus, heartbeatIntervalMs: 600_000, blockDelayMs: 1 },
    });
    app = await buildApp(core, { bodyBytesMax: 64 * 1024, commitWaitMsMax: 10_000, evidencePageMax: 100, logger: false,
      version: 'test', signatureWindowMs: 300_000 });
    await core.start();
    url = await app.listen({ host: '127.0.0.1', port: 0 });

    const client = new TianpingClient(url);
    const chainId = genesis.chainId;
    const commit = async (bytes: Uint8Array): Promise<void> => {
      expect((await client.submit(bytes, { wait: 'commit' })).status).toBe('committed');
    };
    const documentBytes = utf8(`${caseNo} judgment`);
    const document = sha256(documentBytes);
    await commit(buildAnchorTx({ chainId, keyPair: platform, digest: document, algorithm: 'sha256', category: 'judgment' }).bytes);
    const day = 86_400_000;
    await commit(createCaseTx({ chainId, keyPair: court, terms: { json: {
      ...EXAMPLE, caseNo, document: { algorithm: 'sha256', digest: toHex(document) },
      instalments: (EXAMPLE['instalments'] as Record<string, unknown>[])
        .map((i, n) => ({ ...i, dueAt: new Date(Date.now() + (n + 1) * day).toISOString() })),
    } } }).bytes);
    await commit(caseActionTx({ chainId, keyPair: court, caseNo, kind: 'SUSPEND', reasonCode: 'RETRIAL' }).bytes);

    // The node's own account of the case: what the page's figures are compared with.
    const reader = new TianpingClient(url, { signer: court });
    view = await reader.getCase(caseNo);
    expect(view.events.map((e) => e.kind)).toEqual(['CREATED', 'SUSPENDED']);
    receipt = await reader.caseEventReceipt(caseNo, 1);
    // The judgment's own anchor receipt, with its file: the page still checks those as before.
    files.document = join(dir, 'judgment.pdf');
    writeFileSync(files.document, documentBytes);
    const anchorReceipt = await fetch(`${url}/v1/evidence/${toHex(document)}/receipt`);
    expect(anchorReceipt.status).toBe(200);
    files.anchorReceipt = join(dir, 'anchor-receipt.json');
    writeFileSync(files.anchorReceipt, Buffer.from(await anchorReceipt.arrayBuffer()));
    files.json = join(dir, 'event-receipt.json');
    writeFileSync(files.json, formatEventReceiptJson(receipt));
    files.protobuf = join(dir, 'event-receipt.pb');
    writeFileSync(files.protobuf, encodeEventReceipt(receipt));
    // One bit of the event changed: the suspension now claims another reason, status or time.
    const event = Uint8Array.from(receipt.event);
    event[event.length - 1] = event[event.length - 1]! ^ 0x01;
    files.tampered = join(dir, 'event-receipt-tampered.json');
    writeFileSync(files.tampered, JSON.stringify({ ...eventReceiptToJson(receipt), event: { hex: toHex(event) } }, null, 2));

    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timezoneId: 'Asia/Shanghai', locale: 'zh-CN',
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await core?.stop();
    await app?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the page, waits for the genesis from the node, then cuts the page's network and proves it cut. */
  async function openOfflinePage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context!.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Requests refused by the cut network are logged by chromium; they are the test's own doing.
      if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${url}/`);
    await page.locator('html[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator('#trust-status [data-field="trust-kind"]').textContent()).toContain('genesis');
    await page.route('**', (route) => route.abort('internetdisconnected'));
    expect(await page.evaluate(() => fetch('v1/status').then(() => 'reached', () => 'blocked'))).toBe('blocked');
    return { page, problems };
  }

  async function statuses(page: Page): Promise<[string | null, string | null][]> {
    return page.locator('#receipt-result #checks li').evaluateAll((items) =>
      items.map((li) => [li.getAttribute('data-check'), li.getAttribute('data-status')] as [string | null, string | null]));
  }

  for (const form of ['json', 'protobuf'] as const) {
    it(`verifies a case event's receipt (${form}) with no evidence file and shows the event, its place and its signers`, async () => {
      const { page, problems } = await openOfflinePage();
      await page.locator('#receipt-input').setInputFiles(files[form]);
      const result = page.locator('#receipt-result');
      await expect.poll(() => result.locator('[data-verdict]').first().getAttribute('data-verdict'), { timeout: 30_000 }).toBe('valid');
      expect(await statuses(page)).toEqual(EVENT_CHECKS.map((id) => [id, 'ok']));

      const suspended = view.events[1]!;
      const field = (name: string): Promise<string | null> => result.locator(`[data-field="${name}"]`).textContent();
      expect(await field('event-height')).toBe(String(suspended.height));
      expect(await field('event-index')).toMatch(new RegExp(`^${suspended.eventIndex}（`));
      expect(await field('event-block-time')).toBe(suspended.blockTime);
      expect(await field('case-no')).toBe(caseNo);
      expect(await field('case-seq')).toBe(String(suspended.seq));
      expect(await field('case-kind')).toBe('中止 SUSPENDED');
      expect(await field('case-legal-time')).toBe(suspended.legalAt);
      expect(await field('case-status')).toBe(suspended.status);
      expect(await field('case-reason')).toBe('RETRIAL');
      expect(await field('event-sha256')).toBe(toHex(sha256(receipt.event)));
      const signers = await result.locator('[data-table="event-signers"] tbody tr')
        .evaluateAll((rows) => rows.map((tr) => Array.from(tr.children, (td) => td.textContent)));
      expect(signers).toEqual([['node0', toHex(validator.publicKey), '10']]);
      expect(await page.locator('[data-field="receipt-kind"]').textContent()).toContain('case event receipt');
      // An anchor receipt's certificate is about a file: it stays hidden.
      expect(await page.locator('#certificate-card').isVisible()).toBe(false);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('fails a receipt whose event bytes were altered at event-inclusion, named, and shows no event', async () => {
    const { page, problems } = await openOfflinePage();
    await page.locator('#receipt-input').setInputFiles(files.tampered);
    const result = page.locator('#receipt-result');
    await expect.poll(() => result.locator('[data-verdict]').first().getAttribute('data-verdict'), { timeout: 30_000 }).toBe('invalid');
    expect(await result.locator('[data-verdict]').first().textContent()).toContain('"event-inclusion"');
    expect(await statuses(page)).toEqual(EVENT_CHECKS.map((id, i) => [id, i < 3 ? 'ok' : i === 3 ? 'failed' : 'skipped']));
    expect(await result.locator('li.first-failure').getAttribute('data-check')).toBe('event-inclusion');
    expect(await result.locator('[data-field="case-no"]').count()).toBe(0);

    // The good receipt loaded after it verifies: nothing of the failure stays behind.
    await page.locator('#receipt-input').setInputFiles(files.json);
    await expect.poll(() => result.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('valid');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('still checks an anchor receipt with its file, and asks for the file first', async () => {
    const { page, problems } = await openOfflinePage();
    await page.locator('#receipt-input').setInputFiles(files.anchorReceipt);
    const result = page.locator('#receipt-result');
    await expect.poll(() => result.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('pending');
    expect(await result.textContent()).toContain('the evidence file');
    await page.locator('#file-input').setInputFiles(files.document);
    await expect.poll(() => result.locator('[data-verdict]').first().getAttribute('data-verdict'), { timeout: 30_000 }).toBe('valid');
    const anchorChecks = await statuses(page);
    expect(anchorChecks).toHaveLength(12);
    expect(anchorChecks.every(([, status]) => status === 'ok')).toBe(true);
    expect(await page.locator('#certificate-card').isVisible()).toBe(true);
    expect(await page.locator('#certificate-card [data-field="category"]').textContent()).toBe('judgment');
    expect(problems).toEqual([]);
    await page.close();
  });
});
