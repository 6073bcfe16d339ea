// tianping verify: the court's question, "was this exact file anchored, when and by whom?". The
// file is hashed locally and only its digest is looked up; every anchor is shown, oldest first,
// because the first one is what proves the file existed at that time.
import { ApiError, TianpingClient, type EvidenceAnchorView, type EvidenceView } from '../../client/index.js';
import { hashFile } from '../../client/file.js';
import { toHex } from '../../types/index.js';
import { CliError, EXIT_NEGATIVE, EXIT_OK, algorithmOption, isoTime, localTime, nodeUrl, printJson, runCommand,
  stringOption, type CliIo, type CommandSpec } from '../common.js';

const spec: CommandSpec = {
  name: 'verify',
  usage: `Usage: tianping verify <file> [--node URL] [--algorithm sha256|sm3] [--json]

Hashes the file locally and asks the node whether that digest is anchored. Prints, for every anchor
(oldest first): when (block time, UTC and local), where (height, block hash, tx hash), by whom
(submitter name and key), the category and the submitter's reference.

Options:
  --node URL        node API (default http://127.0.0.1:8080)
  --algorithm A     sha256 (default) or sm3: the algorithm the file was anchored with
  --json            print one JSON document
  -h, --help        show this help

Exit status: 0 anchored, 1 not anchored, 2 error (unreadable file, node unreachable, bad flags).
`,
  options: { node: { type: 'string' }, algorithm: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const file = args.positionals[0]!;
    const algorithm = algorithmOption(stringOption(args, 'algorithm'));
    const url = nodeUrl(stringOption(args, 'node'));
    let digest: string;
    try {
      digest = toHex(await hashFile(file, algorithm));
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const client = new TianpingClient(url);
    const { chainId } = await client.status();
    const anchors = await allAnchors(client, digest, algorithm);
    const anchored = anchors.length > 0;
    if (args.json) {
      printJson(io, { ok: true, anchored, file, algorithm, digest, chainId, node: url, total: anchors.length, anchors });
    } else {
      io.stdout(anchored ? describeAnchors(file, algorithm, digest, chainId, anchors)
        : `NOT ANCHORED  ${file}\n  digest  ${algorithm}:${digest}\n  chain   ${chainId} (node ${url})\n`);
    }
    return anchored ? EXIT_OK : EXIT_NEGATIVE;
  });
}

/** Every anchor, following pages; a digest never anchored gives an empty list. */
async function allAnchors(client: TianpingClient, digest: string, algorithm: 'sha256' | 'sm3'): Promise<EvidenceAnchorView[]> {
  let page: EvidenceView;
  try {
    page = await client.evidence(digest, algorithm);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'EVIDENCE_NOT_FOUND') return [];
    throw error;
  }
  const anchors = [...page.anchors];
  // Bounded by the total the node announced; an empty page ends it early.
  while (anchors.length < page.total) {
    const next = await client.evidence(digest, algorithm, { offset: anchors.length });
    if (next.anchors.length === 0) break;
    anchors.push(...next.anchors);
  }
  return anchors;
}

function describeAnchors(file: string, algorithm: string, digest: string, chainId: string,
  anchors: readonly EvidenceAnchorView[]): string {
  const lines = [
    `ANCHORED  ${file}`,
    `  digest    ${algorithm}:${digest}`,
    `  chain     ${chainId}`,
    `  anchors   ${anchors.length} (oldest first)`,
  ];
  anchors.forEach((anchor, i) => {
    lines.push('', `  #${i + 1}`,
      `  when      ${isoTime(anchor.blockTimeMs)} (UTC)`,
      `            ${localTime(anchor.blockTimeMs)} (local)`,
      `  where     block ${anchor.height} ${anchor.blockHash}`,
      `            tx ${anchor.txHash} (index ${anchor.txIndex})`,
      `  by        ${anchor.submitterName !== '' ? anchor.submitterName : '(unknown member)'} key ${anchor.submitter}`,
      `  category  ${anchor.category}`);
    if (anchor.externalRef !== '') lines.push(`  reference ${anchor.externalRef}`);
    if (anchor.metadataDigest !== '') lines.push(`  metadata  ${anchor.metadataDigest}`);
    if (anchor.salted) lines.push('  salted    yes: the anchored digest is H(salt ‖ file hash)');
  });
  return lines.join('\n') + '\n';
}
