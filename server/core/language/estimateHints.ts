// Inlay hints for estimates: the computed value after each recognised expression ("= 11,574/s"), also where no
// result is written yet, so the value appears as the user types. Pure; shaped like LSP InlayHint.
import { calculationsOf } from '../estimates/calculations';
import { writeQuantity } from '../estimates/format';
import type { MarkdownDocument } from '../markdown';
import type { Position, Range } from '../types';

export interface EstimateHint {
  position: Position;
  label: string;
  /** LSP InlayHintKind: 1 type, 2 parameter; a computed value is neither, so no kind. */
  paddingLeft: boolean;
  paddingRight: boolean;
  tooltip: string;
}

function inside(range: Range, p: Position): boolean {
  if (p.line < range.start.line || p.line > range.end.line) return false;
  if (p.line === range.start.line && p.character < range.start.character) return false;
  if (p.line === range.end.line && p.character > range.end.character) return false;
  return true;
}

export function estimateHints(doc: MarkdownDocument, range: Range): EstimateHint[] {
  const out: EstimateHint[] = [];
  for (const { line, calculations } of calculationsOf(doc).lines) {
    if (line < range.start.line || line > range.end.line) continue;
    for (const e of calculations.expressions) {
      const position = { line, character: e.hintAt.character };
      if (!inside(range, position)) continue;
      const value = writeQuantity(e.evaluation.q);
      out.push({
        position,
        label: e.hintHasRelation ? value : `= ${value}`,
        paddingLeft: true,
        // Right after a typed "=" the user's own result follows: keep a space before it.
        paddingRight: e.hintHasRelation,
        tooltip: `Computed by Design Notes from ${e.text}`,
      });
    }
  }
  return out;
}
