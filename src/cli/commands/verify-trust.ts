// tianping verify --witness-policy: the trust anchor of a receipt that carries witness
// cosignatures (docs/receipt-format.md §13.5) is a policy file naming the witnesses the court
// trusts and how many must have cosigned: {"witnesses": ["<name>+<key ID>+<key>", ...], "k": 2},
// with "chainId", or the chain id from --trust (a genesis file or any trust file with "chainId").
import { readFileSync } from 'node:fs';
import { TrustAnchorError } from '../../client/receipt-verify.js';
import { parseWitnessPolicy, type WitnessPolicyTrust, type WitnessedSummary } from '../../client/witness-policy.js';
import { CliError, UsageError, isoTime } from '../common.js';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: not JSON: ${(error as Error).message}`);
  }
}

/** The policy and the chain id: from the policy's "chainId", else from the --trust file's; both must agree when both are given. */
export function readPolicyTrust(policyPath: string, trustPath: string | undefined): WitnessPolicyTrust {
  let policy;
  try {
    policy = parseWitnessPolicy(readJson(policyPath, 'witness policy'));
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new CliError(`${policyPath}: ${error.message}`);
    throw error;
  }
  let fromTrust: string | undefined;
  if (trustPath !== undefined) {
    const doc = readJson(trustPath, 'trust anchor') as { chainId?: unknown } | null;
    if (typeof doc?.chainId !== 'string') throw new CliError(`${trustPath}: no "chainId" to verify the witness policy's receipts against`);
    fromTrust = doc.chainId;
  }
  const chainId = policy.chainId ?? fromTrust;
  if (chainId === undefined) {
    throw new UsageError('--witness-policy needs the chain id: put "chainId" in the policy, or give --trust GENESIS.json');
  }
  if (fromTrust !== undefined && fromTrust !== chainId) throw new CliError(`${policyPath} is for chain "${chainId}", ${trustPath} for "${fromTrust}"`);
  return { chainId, policy };
}

export function isPolicyTrust(trust: object): trust is WitnessPolicyTrust {
  return 'policy' in trust;
}

/** The lines of a valid receipt's verdict that say which witnesses vouched for the trusted header. */
export function witnessedLines(w: WitnessedSummary): string[] {
  return [
    `  witnessed checkpoint of size ${w.size} (root ${w.root}) cosigned by ${w.witnesses.length} witness(es), ${w.k} required:`,
    ...w.witnesses.map((c) => `            ${c.name} (key ID ${c.keyId}) at ${isoTime(c.timestamp * 1000)}`),
  ];
}
