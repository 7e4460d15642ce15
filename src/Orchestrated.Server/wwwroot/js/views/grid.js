// Runs × tasks, a coloured cell per task instance, a page at a time (the server pages, so a year of runs stays fast).
import { api } from '../api.js';
import { h, state } from '../ui.js';
import { openTaskInstance } from './task.js';

const PAGE = 40;

export async function render(ctx) {
  const sel = ctx.selection;
  const dag = await api.get(`/api/dags/${ctx.dag}`);
  const runs = await api.get(`/api/dags/${ctx.dag}/runs?limit=${PAGE}${sel.gridBefore ? `&before=${sel.gridBefore}` : ''}`);
  const tasks = dag.tasks.map(t => t.taskId);
  const page = to => () => { sel.gridBefore = to; ctx.refresh(); };
  return h('div', {},
    h('h1', {}, 'Grid'),
    h('div', { class: 'toolbar' },
      h('button', { onclick: page(undefined), disabled: !sel.gridBefore }, 'Newest'),
      h('button', { onclick: page(runs.at(-1)?.id), disabled: runs.length < PAGE, 'data-testid': 'grid-older' }, 'Older ›'),
      h('span', { class: 'muted' }, runs.length ? `runs ${runs.at(-1).id}–${runs[0].id}` : '')),
    runs.length === 0 ? h('p', { class: 'empty' }, 'No runs yet: trigger one from the DAG page, or start a backfill.') :
      h('table', { class: 'grid', 'data-testid': 'grid' },
        h('tr', {}, h('th', {}, 'logical date'), h('th', {}, 'run'), h('th', {}, 'kind'), h('th', {}, 'state'),
          tasks.map(t => h('th', { class: 'task', title: t }, t))),
        runs.map(r => h('tr', { 'data-testid': `grid-run-${r.id}`, 'data-date': r.logicalDate, 'data-state': r.state },
          h('td', {}, r.logicalDate), h('td', {}, r.id),
          h('td', { title: r.note ?? '', 'data-testid': `grid-kind-${r.id}` }, r.kind), h('td', {}, state(r.state)),
          tasks.map(t => {
            const s = r.tasks?.[t] ?? 'none';
            const p = r.partitions?.[t];
            const label = `${t}: ${s}${p ? `, output ${p}` : ''}`;
            return h('td', { class: 'cell' }, h('button', {
              class: `sq s-${s}${p ? ` p-${p}` : ''}`, title: label, 'aria-label': `${r.logicalDate} ${label}`,
              'data-testid': `cell-${r.id}-${t}`, 'data-state': s, 'data-partition': p ?? 'none', disabled: !r.tasks?.[t],
              onclick: () => openTaskInstance(r.id, t),
            }));
          })))),
    h('p', { class: 'legend' }, 'Striped: succeeded, but its output is provisional — it waits for partitions still to arrive. ',
      'Framed: its output went stale. Runs of kind rerun ran by themselves; hover the kind for why.'));
}
