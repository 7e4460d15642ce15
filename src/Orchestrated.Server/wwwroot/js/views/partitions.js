// Each output per date: final, provisional (written before every partition it maps to had arrived: it names them),
// stale (an input changed after it was written: it says what), failed or missing. Stale dates re-run by themselves
// within the DAG's window; the rest are one click from being recomputed.
import { api } from '../api.js';
import { h, state, toast, yesterday, addDays } from '../ui.js';

export async function render(ctx) {
  const sel = ctx.selection;
  sel.partitionsTo ??= yesterday();
  sel.partitionsDays ??= 14;
  const from = addDays(sel.partitionsTo, 1 - sel.partitionsDays);
  const rows = await api.get(`/api/dags/${ctx.dag}/partitions?from=${from}&to=${sel.partitionsTo}`);
  const datasets = [...new Set(rows.map(r => r.dataset))];
  const dates = [...new Set(rows.map(r => r.date))].sort().reverse();
  const staleDates = [...new Set(rows.filter(r => r.status === 'stale').map(r => r.date))].sort();
  const cell = (date, dataset) => rows.find(r => r.date === date && r.dataset === dataset);
  return h('div', {},
    h('h1', {}, 'Partitions'),
    h('div', { class: 'toolbar' },
      h('label', {}, 'Last date', h('input', {
        type: 'date', value: sel.partitionsTo, 'data-testid': 'partitions-to',
        onchange: e => { sel.partitionsTo = e.target.value; ctx.refresh(); },
      })),
      h('label', {}, 'Days', h('input', { type: 'number', min: 1, max: 400, value: sel.partitionsDays, onchange: e => { sel.partitionsDays = Number(e.target.value); ctx.refresh(); } })),
      h('button', {
        class: 'primary', disabled: staleDates.length === 0, 'data-testid': 'backfill-stale',
        onclick: async () => {
          const b = await api.post(`/api/dags/${ctx.dag}/backfills`, { from: staleDates[0], to: staleDates.at(-1), reprocess: 'stale', maxConcurrentRuns: 2 });
          toast(`Backfill ${b.id} recomputes ${staleDates.length} stale date(s)`);
          location.hash = `#/backfills/${b.id}`;
        },
      }, staleDates.length ? `Backfill the stale ones (${staleDates.length} date${staleDates.length > 1 ? 's' : ''})` : 'Nothing is stale')),
    h('table', { 'data-testid': 'partitions' },
      h('tr', {}, h('th', {}, 'date'), datasets.map(d => h('th', {}, d))),
      dates.map(date => h('tr', {}, h('td', {}, h('a', { href: `#/data/${date}` }, date)),
        datasets.map(dataset => {
          const p = cell(date, dataset);
          return h('td', {
            'data-testid': `partition-${date}-${dataset}`, 'data-status': p?.status ?? 'missing', title: p ? why(p) : '',
          }, state(p?.status ?? 'missing'), p?.rowsWritten ? h('span', { class: 'muted' }, ` ${p.rowsWritten.toLocaleString('en')} rows`) : '');
        })))),
    h('div', { class: 'legend' },
      h('span', {}, state('final'), ' will not change unless data arrives later than the DAG\'s late window'),
      h('span', {}, state('provisional'), ' written before every partition it maps to had arrived (hover: which)'),
      h('span', {}, state('stale'), ' an input changed since (hover: what); re-runs by itself within the window')));
}

/** The reasons behind a status, for the cell's tooltip. */
function why(p) {
  const lines = [];
  if (p.changedInputs.length) lines.push(`changed since written: ${p.changedInputs.join(', ')}`);
  if (p.awaiting.length) lines.push(`waiting for: ${p.awaiting.join(', ')}`);
  if (p.provisionalInputs.length) lines.push(`read from: ${p.provisionalInputs.join(', ')}`);
  if (p.finalSince) lines.push(`final since ${p.finalSince.replace('T', ' ').slice(0, 19)}`);
  return lines.join('\n');
}
