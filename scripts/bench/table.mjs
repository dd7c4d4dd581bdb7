/** The results as a Markdown table, ready to paste into BENCHMARKS.md. */
export function printTable(rows) {
  const mark = (p) => (p === null ? '—' : p ? 'pass' : 'FAIL');
  const lines = ['| figure | value | target | result | note |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.figure} | ${r.value} | ${r.target} | ${mark(r.pass)} | ${r.note} |`);
  console.log(`\n${lines.join('\n')}`);
}
