// The designer: the task graph coloured by the selected run, the schedule, and each task's settings, editable in
// place and saved as a new version of the definition.
import { api } from '../api.js';
import { h, state, toast, fmtTime } from '../ui.js';
import { openTrigger, openBackfill } from '../dialogs.js';
import { openTaskInstance, taskActions } from './task.js';

const NODE_W = 240, NODE_H = 58, GAP_X = 60, GAP_Y = 26;
const colors = {
  success: '#2e9d5b', failed: '#d64545', running: '#3b82f6', queued: '#8fb6f7', scheduled: '#8fb6f7', up_for_retry: '#e6a23c',
  upstream_failed: '#b86b6b', skipped: '#c7ccd4', none: '#e8ebef',
};

export async function render(ctx) {
  if (!ctx.dag) return h('p', { class: 'empty' }, 'No DAG is loaded. Put a definition in the workflows folder and restart the server.');
  const [dag, runs, versions, steps] = await Promise.all([
    api.get(`/api/dags/${ctx.dag}`), api.get(`/api/dags/${ctx.dag}/runs?limit=30`), api.get(`/api/dags/${ctx.dag}/versions`),
    api.get('/api/steps'),
  ]);
  const sel = ctx.selection;
  if (!runs.some(r => r.id === sel.runId)) sel.runId = runs[0]?.id;
  const run = runs.find(r => r.id === sel.runId);
  if (!dag.tasks.some(t => t.taskId === sel.task)) sel.task = undefined;

  return h('div', {},
    h('div', { class: 'row' },
      h('div', { class: 'grow' },
        h('h1', {}, dag.dagId, ' ', dag.paused ? h('span', { class: 'state s-none', 'data-testid': 'paused' }, 'paused') : ''),
        h('p', { class: 'muted' }, dag.description),
        h('p', {}, 'Runs ', h('strong', { 'data-testid': 'schedule-text' }, dag.scheduleText), h('span', { class: 'muted' }, ` — cron ${dag.schedule}, version ${dag.version}`)),
        h('p', { class: 'muted' }, 'Next fires: ', dag.nextFires.map(f => fmtTime(f).slice(0, 16)).join(' · '))),
      h('div', { class: 'toolbar' },
        h('button', { class: 'primary', onclick: () => openTrigger(ctx, dag) }, 'Trigger run…'),
        h('button', { onclick: () => openBackfill(ctx) }, 'Backfill…'),
        h('button', {
          onclick: async () => { await api.post(`/api/dags/${ctx.dag}/${dag.paused ? 'unpause' : 'pause'}`); toast(dag.paused ? 'Schedule resumed' : 'Schedule paused'); ctx.refresh(); },
        }, dag.paused ? 'Unpause' : 'Pause'))),
    h('div', { class: 'toolbar' },
      h('label', {}, 'Run shown',
        h('select', {
          'data-testid': 'run-select',
          onchange: e => { sel.runId = Number(e.target.value); ctx.refresh(); },
        }, runs.length === 0 ? h('option', {}, 'no runs yet') : runs.map(r =>
          h('option', { value: r.id, selected: r.id === sel.runId }, `${r.logicalDate} · ${r.kind} · ${r.state} (run ${r.id}, v${r.dagVersion})`)))),
      run ? h('span', {}, 'state ', state(run.state)) : ''),
    h('div', { class: 'row' },
      h('div', { class: 'panel grow' }, diagram(dag, run, sel, ctx), legend()),
      h('div', { class: 'panel', style: 'width: 420px' }, sel.task
        ? taskPanel(ctx, dag, run, dag.tasks.find(t => t.taskId === sel.task), steps)
        : h('p', { class: 'muted' }, 'Select a task to see and edit its settings.'))),
    h('h2', {}, 'Versions'),
    h('table', { 'data-testid': 'versions' },
      h('tr', {}, h('th', {}, 'version'), h('th', {}, 'saved'), h('th', {}, 'source'), h('th', {}, 'comment')),
      versions.map(v => h('tr', {}, h('td', {}, `v${v.version}`, v.current ? ' (current)' : ''), h('td', {}, fmtTime(v.createdAt)), h('td', {}, v.source), h('td', {}, v.comment ?? '')))));
}

function layout(tasks) {
  const depth = {};
  for (const t of tasks) depth[t.taskId] = t.upstream.length === 0 ? 0 : Math.max(...t.upstream.map(u => depth[u] + 1));
  const rows = {};
  const pos = {};
  for (const t of tasks) {
    const d = depth[t.taskId];
    rows[d] = (rows[d] ?? 0) + 1;
    pos[t.taskId] = { x: 20 + d * (NODE_W + GAP_X), y: 20 + (rows[d] - 1) * (NODE_H + GAP_Y) };
  }
  const width = 40 + (Math.max(...Object.values(depth)) + 1) * (NODE_W + GAP_X) - GAP_X;
  const height = 40 + Math.max(...Object.values(rows)) * (NODE_H + GAP_Y) - GAP_Y;
  return { pos, width, height };
}

function diagram(dag, run, sel, ctx) {
  const { pos, width, height } = layout(dag.tasks);
  const svg = h('svg:svg', { class: 'dag', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': 'Task graph' },
    h('svg:defs', {}, h('svg:marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      h('svg:path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#98a2b3' }))));
  for (const t of dag.tasks)
    for (const u of t.upstream) {
      const a = pos[u], b = pos[t.taskId];
      const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
      svg.append(h('svg:path', { class: 'edge', d: `M ${x1} ${y1} C ${x1 + GAP_X / 2} ${y1}, ${x2 - GAP_X / 2} ${y2}, ${x2} ${y2}` }));
    }
  for (const t of dag.tasks) {
    const s = run?.tasks?.[t.taskId] ?? 'none';
    const dark = ['success', 'failed', 'running', 'upstream_failed'].includes(s);
    const select = () => { sel.task = t.taskId; ctx.editing = false; ctx.refresh(); };
    svg.append(h('svg:g', {
      class: `node${sel.task === t.taskId ? ' selected' : ''}`, transform: `translate(${pos[t.taskId].x},${pos[t.taskId].y})`,
      tabindex: 0, role: 'button', 'aria-label': `${t.taskId}: ${s}`, 'data-testid': `node-${t.taskId}`, 'data-state': s,
      onclick: select, onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } },
    },
      h('svg:rect', { width: NODE_W, height: NODE_H, fill: colors[s] ?? colors.none }),
      h('svg:text', { x: 12, y: 23, fill: dark ? '#fff' : '#1d2330', 'font-weight': 600 }, t.taskId),
      h('svg:text', { x: 12, y: 43, fill: dark ? '#fff' : '#667085' }, `${t.step} · ${s.replaceAll('_', ' ')}`)));
  }
  return svg;
}

function legend() {
  return h('div', { class: 'legend' }, ['success', 'running', 'queued', 'up_for_retry', 'failed', 'upstream_failed', 'none'].map(state));
}

const settingsFields = [
  ['retries', 'Retries', 'number'], ['retry_delay', 'Retry delay', 'text'], ['max_retry_delay', 'Max retry delay', 'text'],
  ['execution_timeout', 'Execution timeout', 'text'], ['sla', 'SLA', 'text'],
];

function taskPanel(ctx, dag, run, task, steps) {
  const step = steps.find(s => s.name === task.step);
  const values = {
    retries: task.retries, retry_delay: task.retryDelay, max_retry_delay: task.maxRetryDelay,
    execution_timeout: task.executionTimeout, sla: task.sla ?? '',
  };
  const errors = h('div', { class: 'errors', 'data-testid': 'settings-errors', role: 'alert' });
  const form = h('form', {
    class: 'form', 'data-testid': 'settings-form',
    oninput: () => { ctx.editing = true; },
    onsubmit: async e => {
      e.preventDefault();
      errors.textContent = '';
      try {
        const version = await saveSettings(ctx, dag, task, new FormData(form));
        ctx.editing = false;
        toast(`Saved as version ${version}`);
        ctx.refresh();
      } catch (err) {
        errors.textContent = err.text ?? err.message;
      }
    },
  },
    settingsFields.map(([name, label, type]) => h('label', {}, label,
      h('input', { name, type, value: values[name], 'data-testid': `setting-${name}`, ...(type === 'number' ? { step: 1 } : {}) }))),
    h('label', {}, 'Exponential backoff', h('select', { name: 'retry_exponential_backoff' },
      h('option', { value: 'true', selected: task.exponentialBackoff }, 'yes'), h('option', { value: 'false', selected: !task.exponentialBackoff }, 'no'))),
    (step?.params ?? []).map(p => paramField(p, task.params[p.name])),
    h('label', { style: 'grid-column: 1 / -1' }, 'Comment for this version', h('input', { name: 'comment', placeholder: 'why the change' })),
    h('div', { class: 'toolbar', style: 'grid-column: 1 / -1' },
      h('button', { class: 'primary', type: 'submit', 'data-testid': 'save-settings' }, 'Save as new version'),
      h('button', { type: 'button', onclick: () => { ctx.editing = false; ctx.refresh(); } }, 'Discard changes')));
  return h('div', {},
    h('h2', { style: 'margin-top: 0' }, task.taskId),
    h('p', { class: 'muted' }, `${task.step} — ${task.description ?? ''}`),
    h('p', { class: 'muted' }, task.upstream.length ? `after ${task.upstream.join(', ')}` : 'first task'),
    h('p', { class: 'muted', 'data-testid': 'task-mapping' },
      `reads ${task.reads.join(', ') || 'nothing'} · writes ${task.writes.join(', ') || 'nothing'}`),
    form, errors,
    run && run.tasks?.[task.taskId] ? h('div', {},
      h('h3', {}, `In run ${run.id} (${run.logicalDate}): `, state(run.tasks[task.taskId])),
      h('div', { class: 'toolbar' },
        h('button', { onclick: () => openTaskInstance(run.id, task.taskId), 'data-testid': 'open-instance' }, 'Tries and logs…'),
        taskActions(ctx, run.id, task.taskId))) : '');
}

/**
 * A step param as its descriptor declares it (the server's /api/steps): a checkbox-like select for booleans, a
 * bounded number for integers, text for durations; left empty, the task runs with the default shown.
 */
function paramField(p, value) {
  const attrs = { name: `param:${p.name}`, 'data-testid': `param-${p.name}`, title: p.description };
  const input = p.kind === 'boolean'
    ? h('select', attrs, h('option', { value: '', selected: value === undefined }, `default (${p.default})`),
      ['true', 'false'].map(v => h('option', { value: v, selected: value === v }, v)))
    : h('input', { ...attrs, value: value ?? '', placeholder: `default ${p.default}`,
      ...(p.kind === 'integer' ? { type: 'number', step: 1, min: p.min ?? undefined, max: p.max ?? undefined } : {}) });
  return h('label', {}, `param ${p.name}`, input);
}

/** Applies the form to the current definition's JSON and saves it; the server validates against the schema. */
async function saveSettings(ctx, dag, task, data) {
  const json = JSON.parse(await (await fetch(`/api/dags/${ctx.dag}/versions/${dag.version}`)).text());
  const node = json.tasks.find(t => t.id === task.taskId);
  const retries = data.get('retries');
  node.retries = /^-?\d+$/.test(retries) ? Number(retries) : retries;
  for (const name of ['retry_delay', 'max_retry_delay', 'execution_timeout']) node[name] = data.get(name);
  if (data.get('sla')) node.sla = data.get('sla'); else delete node.sla;
  node.retry_exponential_backoff = data.get('retry_exponential_backoff') === 'true';
  for (const [key, value] of data.entries())
    if (key.startsWith('param:')) {
      const name = key.slice(6);
      node.params ??= {};
      if (value === '') delete node.params[name]; // the default
      else node.params[name] = value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;
    }
  if (node.params && Object.keys(node.params).length === 0) delete node.params;
  const saved = await api.put(`/api/dags/${ctx.dag}/definition`, { json: JSON.stringify(json, null, 2), comment: data.get('comment') || `edited ${task.taskId}` });
  return saved.version;
}
