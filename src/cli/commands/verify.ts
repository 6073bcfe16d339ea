// tianping verify: the court's question, "was this exact file anchored, when and by whom?". The
// file is hashed locally and only its digest is looked up; every anchor is shown, oldest first,
// because the first one is what proves the file existed at that time.
//
// With --receipt and --trust it answers offline instead, years later if need be: the receipt is
// checked link by link against the trust anchor (src/client/receipt-verify.ts) and nothing is
// read from any network.
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ApiError, TianpingClient, type EvidenceAnchorView, type EvidenceView } from '../../client/index.js';
import { hashFile } from '../../client/file.js';
import { ReceiptFormatError, algorithmName, type Receipt } from '../../client/receipt.js';
import type { EventReceipt } from '../../client/event-receipt.js';
import { claimsTwoHopKind, parseReceiptFileBytes, type TwoHopReceipt } from '../../client/two-hop.js';
import { verifyEventReceipt, type EventReceiptVerification, type VerifiedEventReceipt } from '../../client/event-receipt-verify.js';
import {
  TrustAnchorError, isHeaderHashTrust, receiptFormatFailure, verifyReceipt, type HeaderHashTrust, type ReceiptVerification,
  type TrustAnchor, type VerifiedReceipt,
} from '../../client/receipt-verify.js';
import {
  verifyWitnessedReceipt, witnessedFormatFailure, type WitnessPolicyTrust, type WitnessedSummary, type WitnessedVerification,
} from '../../client/witness-policy.js';
import { fromHex, toHex } from '../../types/index.js';
import { CliError, EXIT_NEGATIVE, EXIT_OK, UsageError, algorithmOption, isoTime, localTime, nodeUrl, printJson, runCommand,
  stringOption, type CliIo, type CommandSpec, type ParsedArgs } from '../common.js';
import { HEX64, isPolicyTrust, readPolicyTrust, trustOf, witnessedLines } from './verify-trust.js';
import { verifyTwoHopOffline } from './verify-two-hop.js';

const spec: CommandSpec = {
  name: 'verify',
  usage: `Usage: tianping verify <file> [--node URL] [--algorithm sha256|sm3] [--json]
       tianping verify <file> --receipt R.json --trust GENESIS.json [--salt HEX] [--json]
       tianping verify <file> --receipt R.json --trusted-header HASH --trust GENESIS.json [--salt HEX] [--json]
       tianping verify <file> --receipt R.json --trusted-header FILE [--salt HEX] [--json]
       tianping verify <file> --receipt R.json --witness-policy POLICY.json [--trust GENESIS.json] [--salt HEX] [--json]
       tianping verify --receipt EVENT-RECEIPT.json --trust GENESIS.json [--json]
       tianping verify <file> --receipt TWO-HOP.json --trust MAIN-GENESIS.json [--salt HEX] [--json]

Online (default): hashes the file locally and asks the node whether that digest is anchored.
Prints, for every anchor (oldest first): when (block time, UTC and local), where (height, block
hash, tx hash), by whom (submitter name and key), the category and the submitter's reference.

Offline (--receipt): reads no network at all. Checks the receipt (JSON or protobuf) against the
trust anchor: the chain's genesis file, or a trusted-header file {"chainId", "trustedHeader" (hex),
"validators"}. Prints when, where and by whom the file was anchored and which validators signed,
or the first check that failed (docs/receipt-format.md lists them). With --trusted-header the
trust anchor is the hash of a header the court already trusts: the receipt must be of version 2
(GET /v1/evidence/DIGEST/receipt?trusted=H), proved against that header by its history tree, and no
validator set is read; a receipt whose block is not in that header's history is refused. With
--witness-policy the trusted header is the one the receipt carries, trusted because k witnesses the
policy names cosigned its checkpoint (GET /v1/evidence/DIGEST/receipt?witnessed=K; docs/receipt-format.md
§13.5): a receipt without enough valid cosignatures fails witness-cosignatures. An event receipt (kind
"event") proves a case event, not a file: it is given without <file> and prints the event, its
block and who signed. A two-hop receipt (kind "two-hop", docs/crosschain.md §5) proves a file
anchored on a side chain through the main chain that recorded the side header: --trust is the main
chain's genesis, and the checks of the main block, the relay tx and the side receipt (side-*) are shown.

Options:
  --node URL        node API (default http://127.0.0.1:8080)
  --algorithm A     sha256 (default) or sm3: the algorithm the file was anchored with (online;
                    offline the receipt names it)
  --receipt FILE    verify offline against this receipt
  --trust FILE      the trust anchor for --receipt (also a file {"chainId", "trustedHeaderHash"})
  --trusted-header HASH|FILE
                    the block hash (hex) of a trusted header, with --trust for the chain id; or a
                    file {"chainId", "trustedHeaderHash"}: verify a version 2 receipt against it
  --witness-policy FILE
                    {"witnesses": ["<name>+<key ID>+<key>", ...], "k": K[, "chainId"]}: verify a
                    version 2 receipt carrying cosignatures of K of these witnesses
  --salt HEX        the salt of a salted item (the platform gives it with the file), in hex
  --json            print one JSON document
  -h, --help        show this help

A receipt that is wrong in any way is a verdict, not an error: one that does not parse as a
receipt (JSON with a field missing or unknown, a "decoded" view that contradicts its bytes, bytes
that are not a canonical protobuf receipt) fails the format check. The salt is evidence like the
file: --salt "" (an empty salt) fails the item-digest check, as a wrong salt does; --salt text that
is not hex is a usage error.

Exit status: online 0 anchored, 1 not anchored; offline 0 valid receipt, 1 invalid receipt or
evidence (the failed check is named); 2 error (a file or receipt that cannot be read, a bad trust
file, node unreachable, bad flags). An error comes first: a receipt is judged only when every input
could be read.
`,
  options: {
    node: { type: 'string' }, algorithm: { type: 'string' }, receipt: { type: 'string' }, trust: { type: 'string' },
    salt: { type: 'string' }, 'trusted-header': { type: 'string' }, 'witness-policy': { type: 'string' },
  },
  positionals: { min: 0, max: 1 },
};

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(spec, argv, io, async (args) => {
    const file = args.positionals[0];
    if (['receipt', 'trust', 'salt', 'trusted-header', 'witness-policy'].some((name) => stringOption(args, name) !== undefined)) {
      return verifyOffline(args, file, io);
    }
    if (file === undefined) throw new UsageError('missing argument');
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

// ------------------------------------------------------------------ offline: --receipt

interface OfflineInputs {
  readonly receiptPath: string;
  /** The --trust file, or the --trusted-header file when only that is given: named in errors and output. */
  readonly trustPath: string;
  readonly trust: TrustAnchor | HeaderHashTrust | WitnessPolicyTrust;
  readonly salt?: Uint8Array;
}

function offlineInputs(args: ParsedArgs): OfflineInputs {
  const receiptPath = stringOption(args, 'receipt');
  const trustPath = stringOption(args, 'trust');
  const saltText = stringOption(args, 'salt');
  const trustedHeader = stringOption(args, 'trusted-header');
  const policyPath = stringOption(args, 'witness-policy');
  if (policyPath !== undefined && trustedHeader !== undefined) {
    throw new UsageError('give --witness-policy or --trusted-header: each says how the trusted header is trusted');
  }
  if (receiptPath === undefined && policyPath !== undefined) throw new UsageError('--witness-policy needs --receipt');
  if (receiptPath === undefined) {
    throw new UsageError(trustedHeader === undefined ? '--trust and --salt need --receipt' : '--trusted-header needs --receipt');
  }
  if (trustPath === undefined && policyPath === undefined && (trustedHeader === undefined || HEX64.test(trustedHeader))) {
    throw new UsageError(trustedHeader === undefined ? '--receipt needs --trust GENESIS.json (the trust anchor)'
      : '--trusted-header HASH needs --trust GENESIS.json for the chain id (or give a file {"chainId", "trustedHeaderHash"})');
  }
  // Offline means offline: a --node next to --receipt would suggest a network check that never happens.
  if (stringOption(args, 'node') !== undefined) throw new UsageError('--node does not apply with --receipt (offline verification)');
  if (stringOption(args, 'algorithm') !== undefined) throw new UsageError('--algorithm does not apply with --receipt (the receipt names it)');
  const trust = policyPath !== undefined ? readPolicyTrust(policyPath, trustPath) : trustOf(trustPath, trustedHeader);
  const where = policyPath ?? trustPath ?? trustedHeader!;
  if (saltText === undefined) return { receiptPath, trustPath: where, trust };
  // Only text that is not hex is refused here. An empty salt is a salt, and a wrong one: the
  // item-digest check says so, as it does for any salt that does not give the receipt's digest.
  const salt = fromHex(saltText);
  if (salt === undefined) throw new UsageError('--salt must be hex');
  return { receiptPath, trustPath: where, trust, salt };
}

function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** A receipt file that was read: the receipt, or why its bytes are not one (a verdict, not an error). */
type ReadReceipt = { readonly receipt: Receipt } | { readonly event: EventReceipt } | { readonly twoHop: TwoHopReceipt }
  | { readonly notAReceipt: string; readonly twoHopKind?: true };

function readReceipt(path: string): ReadReceipt {
  const bytes = readBytes(path, 'receipt');
  try {
    const parsed = parseReceiptFileBytes(bytes);
    if (parsed.kind === 'two-hop') return { twoHop: parsed.receipt };
    return parsed.kind === 'event' ? { event: parsed.receipt } : { receipt: parsed.receipt };
  } catch (error) {
    // Whatever a hostile document makes the parser throw means the same: this is not a receipt.
    const notAReceipt = error instanceof ReceiptFormatError ? error.message : `receipt does not parse: ${(error as Error).message}`;
    return claimsTwoHopKind(bytes) ? { notAReceipt, twoHopKind: true } : { notAReceipt };
  }
}

/** Opens the file and reads its first byte: the failures hashing would meet, without reading it all. */
async function checkReadable(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.read(new Uint8Array(1), 0, 1, 0);
  } finally {
    await handle.close();
  }
}

async function verifyOffline(args: ParsedArgs, file: string | undefined, io: CliIo): Promise<number> {
  const inputs = offlineInputs(args);
  const read = readReceipt(inputs.receiptPath);
  const trust = inputs.trust;
  if ('event' in read) {
    if (isPolicyTrust(trust)) throw new UsageError('an event receipt is checked from a genesis or a trusted header with its set');
    if (isHeaderHashTrust(trust)) throw new UsageError('an event receipt is checked from a genesis or a trusted header with its set');
    return verifyEventOffline(args, inputs, read.event, trust, file, io);
  }
  if ('twoHop' in read || 'twoHopKind' in read) {
    if (isPolicyTrust(trust) || isHeaderHashTrust(trust)) throw new UsageError('a two-hop receipt is checked from the main chain\'s genesis (--trust)');
    if (file === undefined) throw new UsageError('give the file the two-hop receipt is for');
    return verifyTwoHopOffline({ json: args.json, file, receiptPath: inputs.receiptPath, trustPath: inputs.trustPath, trust,
      ...(inputs.salt === undefined ? {} : { salt: inputs.salt }) }, 'twoHop' in read ? { receipt: read.twoHop } : read, io);
  }
  if (file === undefined) throw new UsageError('give the file the receipt is for (only an event receipt goes without one)');
  const algorithm = 'receipt' in read ? algorithmName(read.receipt.algorithm) : undefined;
  let fileDigest: Uint8Array = new Uint8Array();
  try {
    // Without an algorithm (a receipt that does not parse, or names an unknown one) the format
    // check fails before the evidence is looked at; the file must still be readable, or the
    // answer is an error and not a verdict, whatever the receipt.
    if (algorithm !== undefined) fileDigest = await hashFile(file, algorithm);
    else await checkReadable(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let result: ReceiptVerification | WitnessedVerification;
  try {
    const evidence = inputs.salt === undefined ? { fileDigest } : { fileDigest, salt: inputs.salt };
    if (isPolicyTrust(trust)) {
      result = 'receipt' in read ? verifyWitnessedReceipt(read.receipt, evidence, trust) : witnessedFormatFailure(read.notAReceipt, trust);
    } else {
      result = 'receipt' in read ? verifyReceipt(read.receipt, evidence, trust) : receiptFormatFailure(read.notAReceipt, trust);
    }
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${inputs.trustPath}: ${error.message}`);
    throw error;
  }
  if (args.json) {
    printJson(io, {
      ok: true, valid: result.valid, file, receipt: inputs.receiptPath, trust: inputs.trustPath, checks: result.checks,
      ...(result.valid ? { anchor: result.receipt } : { failed: result.failed, reason: result.reason, skipped: result.skipped }),
    });
  } else {
    io.stdout(result.valid ? describeValid(file, result.receipt, result.checks.map((c) => c.id))
      : describeInvalid(file, result));
  }
  return result.valid ? EXIT_OK : EXIT_NEGATIVE;
}

function describeValid(file: string, r: VerifiedReceipt & { witnessed?: WitnessedSummary }, passed: readonly string[]): string {
  const lines = [`VALID RECEIPT  ${file}`, `  digest    ${r.algorithm}:${r.fileDigest}`];
  if (r.salted) lines.push(`  salted    item digest ${r.algorithm}:${r.digest} = H(salt ‖ file digest)`);
  lines.push(
    r.trusted === undefined
      ? `  chain     ${r.chainId} (trusted from ${r.trustHeight === 0 ? 'its genesis' : `the header at height ${r.trustHeight}`}, `
        + `${r.setChanges} validator-set change(s) since)`
      : `  chain     ${r.chainId} (trusted header at height ${r.trusted.height}, block hash ${r.trusted.blockHash})`,
    `  when      ${isoTime(r.blockTimeMs)} (UTC) block time: the file existed by then, within the chain's clock bounds`,
    `            ${localTime(r.blockTimeMs)} (local)`,
    `  where     block ${r.height} ${r.blockHash}`,
    `            tx ${r.txHash} (index ${r.txIndex} of ${r.txCount})`,
  );
  if (r.batch !== undefined) lines.push(`            item ${r.batch.itemIndex} of a ${r.batch.kind} batch of ${r.batch.itemCount}`);
  lines.push(`  by        submitter key ${r.submitter}`, `  category  ${r.category}`);
  if (r.externalRef !== '') lines.push(`  reference ${r.externalRef}`);
  if (r.metadataDigest !== '') lines.push(`  metadata  ${r.metadataDigest}`);
  if (r.trusted === undefined) {
    lines.push(`  signed by ${r.signers.length} of ${r.validatorCount} validators, power ${r.signedPower} of ${r.totalPower} `
      + `(more than 2/3), round ${r.commitRound}`);
  } else {
    lines.push(`  proved    in the history of the trusted header at height ${r.trusted.height} (history root ${r.trusted.historyRoot}); `
      + 'no validator set was needed');
  }
  if (r.witnessed !== undefined) lines.push(...witnessedLines(r.witnessed));
  for (const s of r.signers) lines.push(`            ${s.publicKey} power ${s.power}${s.name === undefined ? '' : ` (${s.name})`}`);
  lines.push(`  checks    ${passed.length} passed: ${passed.join(', ')}`);
  return lines.join('\n') + '\n';
}

function describeInvalid(file: string,
  result: Extract<ReceiptVerification | EventReceiptVerification | WitnessedVerification, { valid: false }>): string {
  const passed = result.checks.filter((c) => c.ok).map((c) => c.id);
  const lines = [`INVALID RECEIPT  ${file}`, `  failed    ${result.failed}: ${result.reason}`];
  lines.push(`  passed    ${passed.length === 0 ? '(none)' : passed.join(', ')}`);
  if (result.skipped.length > 0) lines.push(`  not run   ${result.skipped.join(', ')}`);
  return lines.join('\n') + '\n';
}

// ------------------------------------------------------------------ offline: an event receipt

async function verifyEventOffline(args: ParsedArgs, inputs: OfflineInputs, receipt: EventReceipt, trust: TrustAnchor,
  file: string | undefined, io: CliIo): Promise<number> {
  if (file !== undefined) throw new UsageError('an event receipt proves a case event, not a file: give no <file>');
  if (inputs.salt !== undefined) throw new UsageError('--salt does not apply to an event receipt');
  let result: EventReceiptVerification;
  try {
    result = verifyEventReceipt(receipt, trust);
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${inputs.trustPath}: ${error.message}`);
    throw error;
  }
  if (args.json) {
    printJson(io, {
      ok: true, valid: result.valid, kind: 'event', receipt: inputs.receiptPath, trust: inputs.trustPath, checks: result.checks,
      ...(result.valid ? { event: result.receipt } : { failed: result.failed, reason: result.reason, skipped: result.skipped }),
    });
  } else {
    io.stdout(result.valid ? describeValidEvent(inputs.receiptPath, result.receipt, result.checks.map((c) => c.id))
      : describeInvalid(inputs.receiptPath, result));
  }
  return result.valid ? EXIT_OK : EXIT_NEGATIVE;
}

function describeValidEvent(path: string, r: VerifiedEventReceipt, passed: readonly string[]): string {
  const lines = [
    `VALID EVENT RECEIPT  ${path}`,
    `  event     ${r.eventIndex} of ${r.eventCount} in its block, sha256 ${r.eventSha256}`,
    `  chain     ${r.chainId} (trusted from ${r.trustHeight === 0 ? 'its genesis' : `the header at height ${r.trustHeight}`}, `
      + `${r.setChanges} validator-set change(s) since)`,
    `  when      ${isoTime(r.blockTimeMs)} (UTC) block time`,
    `            ${localTime(r.blockTimeMs)} (local)`,
    `  where     block ${r.height} ${r.blockHash}, events root ${r.eventsRoot}`,
    `  signed by ${r.signers.length} of ${r.validatorCount} validators, power ${r.signedPower} of ${r.totalPower} `
      + `(more than 2/3), round ${r.commitRound}`,
  ];
  for (const s of r.signers) lines.push(`            ${s.publicKey} power ${s.power}${s.name === undefined ? '' : ` (${s.name})`}`);
  lines.push(`  checks    ${passed.length} passed: ${passed.join(', ')}`);
  return lines.join('\n') + '\n';
}
