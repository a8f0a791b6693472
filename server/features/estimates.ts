import type { Hover, InlayHint, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckService } from '../checkService';
import { DEFAULT_TOLERANCE } from '../core/estimates/verdict';
import { estimateHints } from '../core/language/estimateHints';
import { estimateHover } from '../core/language/estimateHover';
import { uriToPath } from '../uris';

/**
 * Inlay hints and hovers for back-of-the-envelope calculations, from the pure providers in server/core/language.
 * The document is parsed once per text and shared with the checks (CheckService.parsed), and its calculations are
 * found once per parse, so a hint request after a keystroke costs a lookup.
 */
export class EstimateFeatures {
  constructor(
    private readonly service: Pick<CheckService, 'parsed' | 'configFor'>,
    /** designNotes.estimates.inlayHints, pulled from the client. */
    private readonly hintsEnabled: () => boolean,
  ) {}

  private model(document: TextDocument) {
    const filePath = uriToPath(document.uri) ?? document.uri;
    return {
      doc: this.service.parsed(filePath, document.getText()),
      tolerance: this.service.configFor(filePath)?.estimateTolerance ?? DEFAULT_TOLERANCE,
    };
  }

  inlayHints(document: TextDocument, range: Range): InlayHint[] {
    if (!this.hintsEnabled()) return [];
    return estimateHints(this.model(document).doc, range);
  }

  hover(document: TextDocument, position: Position): Hover | undefined {
    const { doc, tolerance } = this.model(document);
    return estimateHover(doc, position, tolerance);
  }
}
