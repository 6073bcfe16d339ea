// Evidence verification page. The file is hashed here, in the browser (WebCrypto SHA-256), and
// only its digest goes to the node. Every value from the network is written with textContent,
// never as HTML.

// WebCrypto digests a whole ArrayBuffer at once, so the file must fit in memory: past this size
// browsers start to fail. Incremental hashing would lift the limit.
const FILE_BYTES_MAX = 512 * 1024 * 1024;
// Evidence pages fetched for one digest at most (each holds up to the node's page limit).
const PAGES_MAX = 20;
const HEX64_RE = /^[0-9a-fA-F]{64}$/;
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function toHex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function formatBytes(n) {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

function bilingual(zh, en) {
  return [zh + ' ', el('span', { lang: 'en' }, en)];
}

function showResult(...nodes) {
  $('result-card').hidden = false;
  $('result').replaceChildren(...nodes);
}

function verdict(kind, zh, en) {
  return el('p', { class: `verdict ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...bilingual(zh, en));
}

function fields(rows) {
  const list = el('dl', { class: 'fields' });
  for (const [label, value, mono] of rows) {
    list.append(el('dt', {}, label), el('dd', mono ? { class: 'mono' } : {}, value));
  }
  return list;
}

function anchorBlock(anchor, index, total) {
  const time = new Date(anchor.blockTimeMs);
  const submitter = anchor.submitterName ? `${anchor.submitterName} (${anchor.submitter})` : anchor.submitter;
  return el('div', { class: 'anchor' },
    el('h3', {}, `存证 Anchor ${index + 1} / ${total}`),
    fields([
      ['存证时间（本地）Anchored (local time)', time.toLocaleString()],
      ['存证时间（UTC）Anchored (UTC)', time.toISOString()],
      ['区块高度 Block height', String(anchor.height)],
      ['区块哈希 Block hash', anchor.blockHash, true],
      ['交易哈希 Transaction hash', anchor.txHash, true],
      ['提交方 Submitter', submitter, true],
      ['类别 Category', anchor.category],
      ['外部编号 External reference', anchor.externalRef || '—'],
      ['元数据摘要 Metadata digest', anchor.metadataDigest || '—', true],
      ['加盐 Salted', anchor.salted ? '是 yes' : '否 no'],
    ]));
}

async function fetchJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

/** Every anchor of the digest, page by page, oldest first. */
async function lookUp(digest, algorithm) {
  const anchors = [];
  let total = 0;
  for (let page = 0; page < PAGES_MAX; page++) {
    const { status, body } = await fetchJson(`v1/evidence/${digest}?algorithm=${algorithm}&offset=${anchors.length}`);
    if (status === 404 && body.code === 'EVIDENCE_NOT_FOUND') return { total: 0, anchors };
    if (status !== 200) throw new Error(`${body.code ?? status}: ${body.detail ?? body.title ?? 'request failed'}`);
    total = body.total;
    anchors.push(...body.anchors);
    if (body.anchors.length === 0 || anchors.length >= total) break;
  }
  return { total, anchors };
}

async function verify(digest, algorithm, extraRows = []) {
  const summary = fields([...extraRows, [`查询摘要 Digest (${algorithm})`, digest, true]]);
  showResult(summary, verdict('pending', '查询中…', 'Looking up…'));
  try {
    const { total, anchors } = await lookUp(digest, algorithm);
    if (total === 0) {
      showResult(summary, verdict('missing', '未存证：链上没有此摘要。', 'Not anchored: this digest is not on the chain.'));
      return;
    }
    const shown = anchors.length < total ? [el('p', { class: 'hint' }, `显示 ${anchors.length} / ${total} · showing ${anchors.length} of ${total}`)] : [];
    showResult(summary,
      verdict('found', `已存证：共 ${total} 条存证记录。`, `Anchored: ${total} record(s) on the chain.`),
      ...shown, ...anchors.map((a, i) => anchorBlock(a, i, total)));
  } catch (error) {
    showResult(summary, verdict('error', '查询失败：', `Lookup failed: ${error.message}`));
  }
}

async function sha256(bytes) {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

async function verifyFile(file) {
  if (!window.isSecureContext || !crypto.subtle) {
    showResult(verdict('error', '此页面需通过 HTTPS 或本机地址打开才能计算哈希。',
      'Hashing needs a secure context: open this page over HTTPS or on localhost.'));
    return;
  }
  if (file.size > FILE_BYTES_MAX) {
    showResult(verdict('error', `文件超过 ${formatBytes(FILE_BYTES_MAX)}。`,
      `The file is larger than ${formatBytes(FILE_BYTES_MAX)}; hash it with the command-line tool instead.`));
    return;
  }
  const salt = $('salt-input').value.trim();
  if (!HEX_RE.test(salt)) {
    showResult(verdict('error', '盐值不是十六进制。', 'The salt is not hex.'));
    return;
  }
  showResult(verdict('pending', `正在计算 ${file.name} 的哈希…`, `Hashing ${file.name}…`));
  const fileDigest = await sha256(await file.arrayBuffer());
  const rows = [['文件 File', `${file.name} (${formatBytes(file.size)})`], ['文件哈希 File SHA-256', fileDigest, true]];
  if (salt === '') return verify(fileDigest, 'sha256', rows);
  const commitment = await sha256(new Uint8Array([...fromHex(salt), ...fromHex(fileDigest)]));
  return verify(commitment, 'sha256', [...rows, ['盐值 Salt', salt.toLowerCase(), true]]);
}

async function showNodeStatus() {
  try {
    const { status, body } = await fetchJson('v1/status');
    if (status !== 200) return;
    $('node-status').textContent =
      `链 Chain ${body.chainId} · 高度 Height ${body.latestHeight} · 节点 Node ${body.moniker}`;
  } catch {
    // The footer is informative only.
  }
}

function verifyFileSafely(file) {
  verifyFile(file).catch((error) => {
    showResult(verdict('error', '无法读取或计算此文件的哈希。', `The file could not be read or hashed: ${error.message}`));
  });
}

function wireFileInput() {
  const zone = $('drop-zone');
  const input = $('file-input');
  // A file dropped beside the zone would otherwise make the browser open it, leaving the page.
  for (const type of ['dragover', 'drop']) document.addEventListener(type, (event) => event.preventDefault());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) verifyFileSafely(file);
  });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files?.[0];
    if (file) verifyFileSafely(file);
  });
}

function wireDigestForm() {
  $('digest-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const digest = $('digest-input').value.trim();
    if (!HEX64_RE.test(digest)) {
      showResult(verdict('error', '摘要须为 64 位十六进制。', 'A digest is 64 hex characters.'));
      return;
    }
    void verify(digest.toLowerCase(), $('algorithm-select').value);
  });
}

$('file-limit').textContent = formatBytes(FILE_BYTES_MAX);
$('file-limit-en').textContent = formatBytes(FILE_BYTES_MAX);
wireFileInput();
wireDigestForm();
void showNodeStatus();
