// Each output per date: missing, up to date, failed or stale (an input changed after it was written); the stale
// ones are one click from being recomputed.
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
            'data-testid': `partition-${date}-${dataset}`, 'data-status': p?.status ?? 'missing',
            title: p?.changedInputs?.length ? `changed since written: ${p.changedInputs.join(', ')}` : '',
          }, state(p?.status ?? 'missing'), p?.rowsWritten ? h('span', { class: 'muted' }, ` ${p.rowsWritten.toLocaleString('en')} rows`) : '');
        })))));
}
