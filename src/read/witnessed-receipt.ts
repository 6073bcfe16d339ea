// Receipts that carry witness cosignatures (docs/receipt-format.md §13.5): the version 2 receipt
// against the header H whose checkpoint the witnesses cosigned, with the cosigned note attached to
// its trusted part. The note is checked against H before it goes out: a note that is not H's
// checkpoint would make every such receipt fail at the court, so it is refused here instead.
import type { ReceiptForms } from '../api/components.js';
import { parseCheckpoint, parseNote } from '../checkpoint/index.js';
import { decodeHeader } from '../client/receipt-commit.js';
import { decodeReceipt, encodeReceipt } from '../client/receipt.js';
import { receiptToJson } from '../client/receipt-json.js';
import { TianpingError, equalBytes } from '../types/index.js';

/** A checkpoint note cosigned by witnesses: the checkpoint of header size + 1. */
export interface WitnessedCheckpoint {
  readonly size: number;
  readonly note: string;
}

/**
 * Builds the receipt with `receipt(trustedHeight)` (the version 2 receipt against header size + 1)
 * and attaches the note. WITNESSED_CHECKPOINT_NOT_FOUND when there is no note, or when the
 * anchor's block is not below H (the witnesses have not cosigned a checkpoint that holds it yet).
 */
export async function witnessedReceipt(cosigned: WitnessedCheckpoint | undefined, cosignatures: number,
  receipt: (trustedHeight: number) => Promise<ReceiptForms>): Promise<ReceiptForms> {
  if (cosigned === undefined) {
    throw new TianpingError('WITNESSED_CHECKPOINT_NOT_FOUND', `no checkpoint is cosigned by ${cosignatures} of this node's witnesses yet`);
  }
  let forms: ReceiptForms;
  try {
    forms = await receipt(cosigned.size + 1);
  } catch (error) {
    if (error instanceof TianpingError && error.code === 'TRUSTED_HEIGHT_NOT_ABOVE') {
      throw new TianpingError('WITNESSED_CHECKPOINT_NOT_FOUND', `the newest checkpoint cosigned by ${cosignatures} witnesses is of `
        + `size ${cosigned.size} (header ${cosigned.size + 1}), which does not hold the anchor's block yet: retry after the next push`);
    }
    throw error;
  }
  const decoded = decodeReceipt(forms.bytes);
  const trusted = decoded.trusted!;
  const header = decodeHeader(trusted.header, 'the trusted header');
  const checkpoint = parseCheckpoint(parseNote(cosigned.note).text);
  if (checkpoint.origin !== header.chainId || checkpoint.size !== header.height - 1 || !equalBytes(checkpoint.root, header.historyRoot)) {
    throw new Error(`the cosigned checkpoint of size ${cosigned.size} is not the checkpoint of header ${header.height}`);
  }
  const withNote = { ...decoded, trusted: { ...trusted, witnessedCheckpoint: cosigned.note } };
  return { json: receiptToJson(withNote) as ReceiptForms['json'], bytes: encodeReceipt(withNote) };
}
