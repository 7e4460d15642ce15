// A task instance: every try with its timings, worker, metrics, data quality, error and log; operator actions.
import { api } from '../api.js';
import { h, state, quality, toast, openDialog, closeDialog, fmtTime, fmtNum, seconds } from '../ui.js';

export async function openTaskInstance(runId, taskId) {
  const ti = await api.get(`/api/runs/${runId}/tasks/${taskId}`);
  const last = ti.tries.at(-1);
  const log = last ? await api.text(`/api/tries/${last.id}/log`) : '';
  const counts = t => t.report ?? {};
  openDialog(
    h('h2', { style: 'margin-top: 0' }, `${taskId} · ${ti.logicalDate} `, state(ti.state)),
    h('p', { class: 'muted' }, `run ${runId} · ${ti.tryCount} tries · ${ti.failedTries} failed · ${ti.infrastructureRetries} infrastructure retries`,
      ti.retryAt ? ` · next try at ${fmtTime(ti.retryAt)}` : ''),
    ti.waitingFor ? h('p', { 'data-testid': 'waiting-for' }, 'Waiting for ', ti.waitingFor) : '',
    ti.partition ? h('p', { 'data-testid': 'task-partition' },
      `Its output ${ti.partition.dataset} of ${ti.logicalDate} is `, state(ti.partition.status),
      [...ti.partition.awaiting.map(m => ` · waits for ${m}`), ...ti.partition.changedInputs.map(c => ` · ${c}`),
        ...ti.partition.provisionalInputs.map(p => ` · ${p}`)].join('')) : '',
    h('table', { 'data-testid': 'tries' },
      h('tr', {}, ['#', 'kind', 'state', 'worker', 'queued', 'started', 'took', 'rows in', 'rows out', 'quarantined', 'duplicates'].map(c => h('th', {}, c))),
      ti.tries.map(t => h('tr', {},
        h('td', {}, t.number), h('td', {}, t.kind), h('td', {}, state(t.state)), h('td', {}, t.worker ?? '—'),
        h('td', {}, fmtTime(t.queuedAt)), h('td', {}, fmtTime(t.startedAt)), h('td', {}, seconds(t.startedAt, t.endedAt)),
        h('td', { class: 'num' }, fmtNum(counts(t).rowsRead)), h('td', { class: 'num' }, fmtNum(counts(t).rowsWritten)),
        h('td', { class: 'num' }, fmtNum(Object.values(counts(t).quarantined ?? {}).reduce((a, b) => a + b, 0))),
        h('td', { class: 'num' }, fmtNum(counts(t).duplicates))))),
    ti.tries.filter(t => t.error).map(t => h('p', { class: 'errors' }, `try ${t.number} (${t.errorType}): ${t.error}`)),
    // A try the broker delivered twice ran twice: each execution, and which one decided the try.
    ti.tries.filter(t => t.executions.length > 1 || t.executions.some(e => !e.counted && e.outcome !== 'running' && e.outcome !== 'lost'))
      .map(t => h('div', { 'data-testid': 'executions' }, h('h3', {}, `Try ${t.number} ran ${t.executions.length} times`),
        h('table', {}, h('tr', {}, ['worker', 'started', 'ended', 'outcome', 'counted', 'note'].map(c => h('th', {}, c))),
          t.executions.map(e => h('tr', {}, h('td', {}, e.worker), h('td', {}, fmtTime(e.startedAt)), h('td', {}, fmtTime(e.endedAt)),
            h('td', {}, state(e.outcome)), h('td', {}, e.counted ? 'yes' : 'no'), h('td', {}, e.note ?? '')))))),
    last?.dataQuality?.length ? h('div', {}, h('h3', {}, 'Data quality (last try)'),
      h('table', {}, h('tr', {}, h('th', {}, 'check'), h('th', {}, 'kind'), h('th', {}, 'result'), h('th', { class: 'num' }, 'violations')),
        last.dataQuality.map(q => h('tr', {}, h('td', {}, q.check), h('td', {}, q.hard ? 'hard' : 'anomaly'),
          h('td', {}, quality(q)), h('td', { class: 'num' }, fmtNum(q.violations)))))) : '',
    h('h3', {}, 'Log (last try)'), h('pre', { class: 'log', 'data-testid': 'log' }, log || '(empty)'),
    h('div', { class: 'toolbar' }, taskActions(null, runId, taskId, true), h('button', { onclick: closeDialog }, 'Close')));
}

/** Clear (with or without downstream) and mark buttons for one task of one run. */
export function taskActions(ctx, runId, taskId, inDialog = false) {
  const act = async (label, call) => {
    try {
      await call();
      toast(label);
      if (inDialog) closeDialog();
      ctx?.refresh();
    } catch (e) {
      toast(e.text ?? e.message, true);
    }
  };
  return [
    h('button', { 'data-testid': 'clear-task', onclick: () => act(`Cleared ${taskId} and downstream`, () => api.post(`/api/runs/${runId}/tasks/${taskId}/clear`, { downstream: true })) }, 'Clear with downstream'),
    h('button', { onclick: () => act(`Cleared ${taskId}`, () => api.post(`/api/runs/${runId}/tasks/${taskId}/clear`, { downstream: false })) }, 'Clear this task'),
    h('button', { onclick: () => act(`Marked ${taskId} success`, () => api.post(`/api/runs/${runId}/tasks/${taskId}/mark`, { state: 'success' })) }, 'Mark success'),
    h('button', { class: 'danger', onclick: () => act(`Marked ${taskId} failed`, () => api.post(`/api/runs/${runId}/tasks/${taskId}/mark`, { state: 'failed' })) }, 'Mark failed'),
  ];
}
