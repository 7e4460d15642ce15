// Router and live refresh: each page is a module that renders into <main>; every two seconds the current page
// renders again from fresh data, unless a dialog is open or a form on the page is being edited.
import { api } from './api.js';
import { h, toast } from './ui.js';
import * as dag from './views/dag.js';
import * as grid from './views/grid.js';
import * as backfills from './views/backfills.js';
import * as partitions from './views/partitions.js';
import * as data from './views/data.js';
import * as alerts from './views/alerts.js';
import * as live from './views/live.js';
import * as risk from './views/risk.js';
import * as models from './views/models.js';
import * as anomalies from './views/anomalies.js';

const pages = { dag, grid, backfills, partitions, data, alerts, live, risk, models, anomalies };
export const ctx = { dag: null, dags: [], editing: false, selection: {}, refresh: () => render() };
let rendering = false;

function route() {
  const [page, ...rest] = (location.hash.replace(/^#\/?/, '') || 'dag').split('/');
  return { page: pages[page] ? page : 'dag', args: rest.map(decodeURIComponent) };
}

export async function render({ quiet = false } = {}) {
  if (rendering) return;
  rendering = true;
  try {
    const { page, args } = route();
    document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
    const content = await pages[page].render(ctx, args);
    const main = document.getElementById('main');
    main.replaceChildren(content);
    main.dataset.page = page;
  } catch (e) {
    if (!quiet) document.getElementById('main').replaceChildren(h('p', { class: 'errors' }, e.text ?? e.message));
  } finally {
    rendering = false;
  }
}

async function loadDags() {
  ctx.dags = await api.get('/api/dags');
  const select = document.getElementById('dag-select');
  select.replaceChildren(...ctx.dags.map(d => h('option', { value: d.dagId }, d.dagId)));
  ctx.dag = ctx.dags.find(d => d.dagId === (localStorage.getItem('dag') ?? ctx.dag))?.dagId ?? ctx.dags[0]?.dagId;
  select.value = ctx.dag;
}

async function refreshAlertBadge() {
  const open = await api.get('/api/alerts?unacknowledged=true&limit=100');
  const badge = document.getElementById('alert-count');
  badge.hidden = open.length === 0;
  badge.textContent = open.length;
}

async function tick() {
  const dialogOpen = document.getElementById('dialog').open;
  if (!dialogOpen && !ctx.editing) await render({ quiet: true });
  await refreshAlertBadge().catch(() => {});
}

document.getElementById('dag-select').addEventListener('change', e => {
  ctx.dag = e.target.value;
  localStorage.setItem('dag', ctx.dag);
  ctx.selection = {};
  render();
});
window.addEventListener('hashchange', () => { ctx.editing = false; render(); document.getElementById('main').focus(); });
window.addEventListener('unhandledrejection', e => toast(e.reason?.text ?? e.reason?.message ?? String(e.reason), true));

await loadDags().catch(e => toast(e.message, true));
await render();
await refreshAlertBadge().catch(() => {});
setInterval(tick, 2000);
