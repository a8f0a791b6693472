// The diagram both preview benchmarks edit (bench/preview.bench.ts in a bare page, bench/previewInCodeServer.ts in
// code-server beside VS Code's own preview): a 30-node flowchart (a service graph) whose first label carries the edit.
export const SERVICE_GRAPH_NODES = 30;

export function serviceGraph(edit: number | string): string {
  const lines = ['flowchart LR', `  n0[Gateway edit ${edit}]`];
  for (let i = 1; i < SERVICE_GRAPH_NODES; i++) lines.push(`  n${Math.floor((i - 1) / 2)} --> n${i}[Service ${i}]`);
  return lines.join('\n');
}
