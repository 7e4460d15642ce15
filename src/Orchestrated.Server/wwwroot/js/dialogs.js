// The trigger and backfill dialogs: validated by the server, its messages shown as they come.
import { api } from './api.js';
import { h, toast, openDialog, closeDialog, yesterday, addDays } from './ui.js';

export function openTrigger(ctx, dag) {
  const errors = h('div', { class: 'errors', role: 'alert', 'data-testid': 'trigger-errors' });
  const paramInputs = dag.tasks.flatMap(t => Object.keys(t.params).map(p => ({ task: t.taskId, name: p, value: t.params[p] })));
  const form = h('form', {
    'data-testid': 'trigger-form',
    onsubmit: async e => {
      e.preventDefault();
      const data = new FormData(form);
      const params = {};
      for (const p of paramInputs) {
        const value = data.get(`${p.task}.${p.name}`);
        if (value !== p.value) (params[p.task] ??= {})[p.name] = value;
      }
      try {
        const run = await api.post(`/api/dags/${ctx.dag}/runs`, { logicalDate: data.get('date') || null, params, note: data.get('note') || null });
        closeDialog();
        toast(`Run ${run.id} for ${run.logicalDate} triggered`);
        ctx.selection.runId = run.id;
        location.hash = '#/dag';
        ctx.refresh();
      } catch (err) {
        errors.textContent = err.text ?? err.message;
      }
    },
  },
    h('h2', { style: 'margin-top: 0' }, `Trigger ${ctx.dag}`),
    h('div', { class: 'form' },
      h('label', {}, 'Logical date', h('input', { type: 'date', name: 'date', value: yesterday(), required: true, 'data-testid': 'trigger-date' })),
      h('label', {}, 'Note', h('input', { name: 'note', placeholder: 'why this run' })),
      paramInputs.map(p => h('label', {}, `${p.task} · ${p.name}`, h('input', { name: `${p.task}.${p.name}`, value: p.value })))),
    errors,
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', type: 'submit', 'data-testid': 'trigger-submit' }, 'Trigger'), h('button', { type: 'button', onclick: closeDialog }, 'Cancel')));
  openDialog(form);
}

export function openBackfill(ctx, preset = {}) {
  const errors = h('div', { class: 'errors', role: 'alert', 'data-testid': 'backfill-errors' });
  const preview = h('div', { 'data-testid': 'backfill-preview' });
  const body = data => ({
    from: data.get('from'), to: data.get('to'), reprocess: data.get('reprocess'),
    maxConcurrentRuns: Number(data.get('concurrency')), dryRun: false,
  });
  const form = h('form', {
    'data-testid': 'backfill-form',
    onsubmit: async e => {
      e.preventDefault();
      try {
        const backfill = await api.post(`/api/dags/${ctx.dag}/backfills`, body(new FormData(form)));
        closeDialog();
        toast(`Backfill ${backfill.id} started`);
        location.hash = `#/backfills/${backfill.id}`;
      } catch (err) {
        errors.textContent = err.text ?? err.message;
      }
    },
  },
    h('h2', { style: 'margin-top: 0' }, `Backfill ${ctx.dag}`),
    h('div', { class: 'form' },
      h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: preset.from ?? addDays(yesterday(), -6), required: true, 'data-testid': 'backfill-from' })),
      h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: preset.to ?? yesterday(), required: true, 'data-testid': 'backfill-to' })),
      h('label', {}, 'Runs at once', h('input', { type: 'number', name: 'concurrency', min: 1, max: 64, value: 2, 'data-testid': 'backfill-concurrency' })),
      h('label', {}, 'Reprocess', h('select', { name: 'reprocess', 'data-testid': 'backfill-reprocess' },
        [['missing', 'missing — dates without a successful run'], ['failed', 'failed — dates whose last run failed'],
          ['stale', 'stale — outputs whose inputs changed'], ['all', 'all — every date']]
          .map(([v, t]) => h('option', { value: v, selected: v === (preset.reprocess ?? 'missing') }, t))))),
    errors,
    h('div', { class: 'toolbar' },
      h('button', {
        type: 'button', 'data-testid': 'backfill-preview-button',
        onclick: async () => {
          errors.textContent = '';
          try {
            const plan = await api.post(`/api/dags/${ctx.dag}/backfills`, { ...body(new FormData(form)), dryRun: true });
            const runs = plan.plan.filter(p => p.action === 'run').length;
            preview.replaceChildren(h('p', {}, `${runs} of ${plan.plan.length} dates will run:`),
              h('table', {}, h('tr', {}, h('th', {}, 'date'), h('th', {}, 'action'), h('th', {}, 'reason')),
                plan.plan.map(p => h('tr', {}, h('td', {}, p.date), h('td', {}, p.action), h('td', {}, p.reason)))));
          } catch (err) {
            errors.textContent = err.text ?? err.message;
          }
        },
      }, 'Preview'),
      h('button', { class: 'primary', type: 'submit', 'data-testid': 'backfill-submit' }, 'Start backfill'),
      h('button', { type: 'button', onclick: closeDialog }, 'Cancel')),
    preview);
  openDialog(form);
}
