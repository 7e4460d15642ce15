// Backfills: the list, and one backfill with its runs, live, cancellable.
import { api } from '../api.js';
import { h, state, toast, fmtTime } from '../ui.js';
import { openBackfill } from '../dialogs.js';

export async function render(ctx, [id]) {
  return id ? detail(ctx, Number(id)) : list(ctx);
}

async function list(ctx) {
  const backfills = await api.get(`/api/dags/${ctx.dag}/backfills`);
  return h('div', {},
    h('h1', {}, 'Backfills'),
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', onclick: () => openBackfill(ctx) }, 'New backfill…')),
    backfills.length === 0 ? h('p', { class: 'empty' }, 'No backfills yet.') :
      h('table', {}, h('tr', {}, ['id', 'range', 'reprocess', 'runs at once', 'state', 'created'].map(c => h('th', {}, c))),
        backfills.map(b => h('tr', {},
          h('td', {}, h('a', { href: `#/backfills/${b.id}` }, b.id)), h('td', {}, `${b.from} → ${b.to}`), h('td', {}, b.reprocess),
          h('td', {}, b.maxConcurrentRuns), h('td', {}, state(b.state)), h('td', {}, fmtTime(b.createdAt))))));
}

async function detail(ctx, id) {
  const [b, runs] = await Promise.all([api.get(`/api/backfills/${id}`), api.get(`/api/dags/${ctx.dag}/runs?backfill=${id}&limit=1000`)]);
  const counts = Object.entries(b.runStates ?? {});
  return h('div', {},
    h('h1', {}, `Backfill ${b.id} `, h('span', { 'data-testid': 'backfill-state', 'data-state': b.state }, state(b.state))),
    h('p', { class: 'muted' }, `${b.from} → ${b.to} · reprocess ${b.reprocess} · ${b.maxConcurrentRuns} runs at once · created ${fmtTime(b.createdAt)}`),
    h('p', { 'data-testid': 'backfill-counts' }, counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(' · ') : 'no runs'),
    b.state === 'running' ? h('button', {
      class: 'danger', 'data-testid': 'cancel-backfill',
      onclick: async () => { await api.post(`/api/backfills/${id}/cancel`); toast(`Backfill ${id} cancelled`); ctx.refresh(); },
    }, 'Cancel backfill') : '',
    h('table', { style: 'margin-top: 1rem' }, h('tr', {}, ['run', 'logical date', 'state', 'started', 'ended'].map(c => h('th', {}, c))),
      runs.slice().reverse().map(r => h('tr', {}, h('td', {}, r.id), h('td', {}, r.logicalDate), h('td', {}, state(r.state)),
        h('td', {}, fmtTime(r.startedAt)), h('td', {}, fmtTime(r.endedAt))))));
}
