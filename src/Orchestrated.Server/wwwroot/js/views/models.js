// The dropout model: the published version's metrics against the baseline on dates it was not trained on, its ROC
// and reliability curves, and every version with its decision.
import { api } from '../api.js';
import { h } from '../ui.js';

const f3 = x => x === null || x === undefined || Number.isNaN(x) ? '—' : Number(x).toFixed(3);

export async function render() {
  const page = await api.get('/api/engagement/models');
  if (page.versions.length === 0) return h('div', {}, h('h1', {}, 'Dropout model'),
    h('p', { class: 'empty', 'data-testid': 'models-none' }, 'No model yet: the engagement_models DAG (or `orchestrated train`) trains one.'));
  const shown = page.versions.find(v => v.version === page.published) ?? page.versions.at(-1);
  const e = shown.evaluation;
  const metric = (name, of) => h('tr', {}, h('td', {}, name), h('td', { class: 'num' }, f3(of(e.model))), h('td', { class: 'num' }, f3(of(e.baseline))),
    shown.previousOnTheSameRows ? h('td', { class: 'num' }, f3(of(shown.previousOnTheSameRows))) : null);
  return h('div', {},
    h('h1', {}, 'Dropout model'),
    h('p', { class: 'muted', 'data-testid': 'model-summary' },
      `${shown.version}${shown.version === page.published ? ' (published)' : ''}: no session in the ${shown.horizonDays} days after a date · ` +
      `trained on ${e.trainingRows.toLocaleString('en')} student-days before ${e.split.cutoff}, judged on ` +
      `${e.model.count.toLocaleString('en')} from it (${e.model.positives.toLocaleString('en')} dropped out) · ${shown.decision}`),
    h('div', { class: 'row' },
      h('div', { class: 'panel grow' }, h('h3', { style: 'margin-top: 0' }, 'Against the baseline'),
        h('table', { 'data-testid': 'model-metrics' },
          h('tr', {}, h('th', {}, ''), h('th', {}, 'model'), h('th', {}, 'baseline: days since last session'),
            shown.previousOnTheSameRows ? h('th', {}, `published ${shown.previousVersion}`) : null),
          metric('ROC-AUC', s => s.rocAuc), metric('PR-AUC', s => s.prAuc),
          metric(`precision at ${e.model.k} a day`, s => s.precisionAtK), metric('Brier score (lower is better)', s => s.brier)),
        e.lead ? h('p', { class: 'muted', 'data-testid': 'model-lead' },
          `Lead time: of ${e.lead.episodes} students who stopped in the evaluation, the model put ${e.lead.warnedByTheLastSession} in the ` +
          `high band by their last session (median ${e.lead.medianDays ?? '—'} days before it; ${e.lead.missed} never); the baseline ` +
          `${e.baselineLead.warnedByTheLastSession} (median ${e.baselineLead.medianDays ?? '—'} days).`) : null),
      h('div', { class: 'panel' }, h('h3', { style: 'margin-top: 0' }, 'ROC curve'),
        h('p', { class: 'muted' }, h('span', { class: 'key s0' }, '━ model'), ' ', h('span', { class: 'key s1' }, '━ baseline')),
        curve([[e.modelRoc, 'model'], [e.baselineRoc, 'baseline']], p => [p.falsePositiveRate, p.truePositiveRate], 'chart-roc',
          'false positive rate', 'true positive rate')),
      h('div', { class: 'panel' }, h('h3', { style: 'margin-top: 0' }, 'Reliability'),
        curve([[e.model.reliability, 'model']], b => [b.meanPredicted, b.observed], 'chart-reliability', 'predicted', 'observed'))),
    page.anomalyDetector ? h('div', { class: 'panel', 'data-testid': 'anomaly-detector' },
      h('h3', { style: 'margin-top: 0' }, `Session anomaly detector ${page.anomalyDetector.version}`),
      h('p', {}, `Randomized PCA on ${page.anomalyDetector.sessions.toLocaleString('en')} sessions of ${page.anomalyDetector.from} … ` +
        `${page.anomalyDetector.trainedAsOf}; threshold ${page.anomalyDetector.threshold.toFixed(2)}, at which ` +
        `${(page.anomalyDetector.flaggedShare * 100).toFixed(1)} % of them score higher (contamination ` +
        `${(page.anomalyDetector.contamination * 100).toFixed(1)} %). Of the sessions the rules flag, never shown to it: ` +
        Object.entries(page.anomalyDetector.ruleSessions).map(([rule, n]) =>
          `${rule.replaceAll('_', ' ')} ${n}${n ? ` (${Math.round(page.anomalyDetector.ruleSessionsFlagged[rule] * 100)} % also flagged)` : ''}`)
          .join(', ') + '.')) : null,
    page.earlyWarning ? h('div', { class: 'panel', 'data-testid': 'early-warning' },
      h('h3', { style: 'margin-top: 0' }, `Early warning ${page.earlyWarning.version}`),
      h('p', {}, `From the first ${page.earlyWarning.openingMinutes} minutes of a session still running then: will it end with under ` +
        `${page.earlyWarning.lowBelowMinutes} minutes of active time? Judged on ${page.earlyWarning.evaluation.model.count.toLocaleString('en')} ` +
        `sessions from ${page.earlyWarning.evaluation.split.cutoff}: ROC-AUC ${f3(page.earlyWarning.evaluation.model.rocAuc)} against the ` +
        `length-only baseline's ${f3(page.earlyWarning.evaluation.baseline.rocAuc)}, PR-AUC ${f3(page.earlyWarning.evaluation.model.prAuc)} ` +
        `against ${f3(page.earlyWarning.evaluation.baseline.prAuc)}, Brier ${f3(page.earlyWarning.evaluation.model.brier)} · ` +
        page.earlyWarning.decision)) : null,
    h('h2', {}, 'Versions'),
    h('table', { 'data-testid': 'model-versions' },
      h('tr', {}, ['version', 'ROC-AUC', 'PR-AUC', 'baseline ROC-AUC', 'baseline PR-AUC', 'Brier', 'decision'].map(c => h('th', {}, c))),
      page.versions.slice().reverse().map(v => h('tr', { class: v.version === page.published ? 'selected' : '' },
        h('td', {}, v.version + (v.version === page.published ? ' ★' : '')),
        ...[v.evaluation.model.rocAuc, v.evaluation.model.prAuc, v.evaluation.baseline.rocAuc, v.evaluation.baseline.prAuc,
          v.evaluation.model.brier].map(x => h('td', { class: 'num' }, f3(x))),
        h('td', {}, v.decision)))));
}

/** Lines on the unit square with the diagonal for reference: what chance (ROC) or perfect calibration (reliability) draws. */
function curve(series, xy, testid, xLabel, yLabel) {
  const S = 220, pad = 28;
  const at = ([x, y]) => `${pad + x * (S - pad)},${S - pad - y * (S - pad)}`;
  const svg = h('svg:svg', { class: 'chart', viewBox: `0 0 ${S} ${S}`, width: S, role: 'img', 'aria-label': testid, 'data-testid': testid });
  svg.append(h('svg:polyline', { class: 'diagonal', points: `${at([0, 0])} ${at([1, 1])}` }));
  series.forEach(([points, name], i) => svg.append(h('svg:polyline', { class: `series s${i}`, points: points.map(p => at(xy(p))).join(' ') },
    h('svg:title', {}, name))));
  svg.append(h('svg:text', { x: pad, y: S - 6 }, xLabel), h('svg:text', { x: 0, y: 12 }, yLabel));
  return svg;
}
