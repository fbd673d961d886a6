// The table `pnpm bench` prints: every row with its goal and whether it is met.
const rows = [];

/**
 * A figure: `value` in `unit`, with its `baseline` (same unit) when it has one; `goal` is the
 * ratio to the baseline, or the value itself when there is no baseline.
 */
export function row(name, value, unit, { baseline, baselineName, goal, note } = {}) {
  const ratio = baseline ? value / baseline : undefined;
  const measured = ratio ?? value;
  rows.push({ name, value, unit, baseline, baselineName, ratio, goal, note, ok: goal === undefined ? undefined : measured <= goal });
}

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 0.1 ? n.toFixed(2) : n.toFixed(4));

export function printReport(title) {
  console.log(`\n${title}\n`);
  console.log('| benchmark | yipts | baseline | ratio | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const baseline = r.baseline === undefined ? '' : `${r.baselineName ? `${r.baselineName}: ` : ''}${fmt(r.baseline)} ${r.unit}`;
    const goal = r.goal === undefined ? '' : `<= ${r.goal}${r.ratio === undefined ? ` ${r.unit}` : 'x'}`;
    const met = r.ok === undefined ? '' : r.ok ? 'yes' : 'no';
    console.log(
      `| ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.value)} ${r.unit} | ${baseline} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`} | ${goal} | ${met} |`,
    );
  }
}
