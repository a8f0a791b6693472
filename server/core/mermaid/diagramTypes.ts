// Diagram header keywords mermaid 12.3 recognises (from its registered detectors), used to suggest a correction
// when a block's first word names no diagram type. Keep in step with `mermaid.getRegisteredDiagramsMetadata()`;
// a test checks every keyword here is accepted by mermaid's own detection.
export const DIAGRAM_KEYWORDS: readonly string[] = [
  'flowchart',
  'graph',
  'flowchart-elk',
  'sequenceDiagram',
  'classDiagram',
  'classDiagram-v2',
  'stateDiagram',
  'stateDiagram-v2',
  'erDiagram',
  'journey',
  'gantt',
  'pie',
  'quadrantChart',
  'requirementDiagram',
  'gitGraph',
  'C4Context',
  'C4Container',
  'C4Component',
  'C4Dynamic',
  'C4Deployment',
  'mindmap',
  'timeline',
  'sankey',
  'sankey-beta',
  'xychart',
  'xychart-beta',
  'block',
  'block-beta',
  'packet',
  'packet-beta',
  'kanban',
  'architecture',
  'architecture-beta',
  'radar-beta',
  'treemap',
  'treemap-beta',
  'info',
  'eventmodeling',
  'treeView-beta',
  'ishikawa',
  'ishikawa-beta',
  'venn-beta',
  'usecase-beta',
  'cynefin-beta',
  'wardley-beta',
  'agentflow-beta',
  'swimlane-beta',
  'railroad-beta',
  'railroad-ebnf-beta',
  'railroad-abnf-beta',
  'railroad-peg-beta',
];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * Closest known diagram keywords to `found`, best first (at most `limit`); empty when nothing is close. A keyword
 * that starts with what was written ("sequence" → "sequenceDiagram") counts as close too.
 */
export function suggestDiagramTypes(found: string, limit = 3): string[] {
  if (!found) return [];
  const maxDistance = Math.max(2, Math.floor(found.length / 3));
  const lower = found.toLowerCase();
  return DIAGRAM_KEYWORDS.map((keyword) => {
    const distance = editDistance(found, keyword);
    const prefix = lower.length >= 3 && keyword.toLowerCase().startsWith(lower);
    return { keyword, rank: prefix ? Math.min(distance, 1.5) : distance };
  })
    .filter((c) => c.rank <= maxDistance)
    .sort((x, y) => x.rank - y.rank || x.keyword.length - y.keyword.length)
    .slice(0, limit)
    .map((c) => c.keyword);
}
