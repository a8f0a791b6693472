// Pure helpers for diagram export: the suggested file name and the bytes to write.
import type { ExportFormat } from '../../common/preview/messages';

/** File-name stem for a diagram: the heading it sits under, else its position ("diagram-3"). */
export function exportFileStem(documentPath: string, heading: string, index: number): string {
  const base = documentPath
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]+$/, '');
  const slug = heading
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base}-${slug || `diagram-${index + 1}`}`;
}

export function exportBytes(format: ExportFormat, data: string): Uint8Array {
  if (format === 'svg') return new TextEncoder().encode(data);
  return Uint8Array.from(Buffer.from(data.slice('data:image/png;base64,'.length), 'base64'));
}
