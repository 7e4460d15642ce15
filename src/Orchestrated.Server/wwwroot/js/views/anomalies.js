// Anomalous sessions of the latest scored date: the detector's score, the rules each breaks, and why in words.
import { api } from '../api.js';
import { h, fmtTime, fmtNum } from '../ui.js';

export async function render(ctx, [date]) {
  const page = await api.get(`/api/engagement/sessions?limit=200${date ? `&date=${date}` : ''}`);
  if (!page.date) return h('div', {}, h('h1', {}, 'Anomalous sessions'),
    h('p', { class: 'empty', 'data-testid': 'anomalies-none' }, 'No session has been scored yet: the engagement_models DAG trains the ' +
      'anomaly detector, then the engagement_scores DAG scores every day.'));
  return h('div', {},
    h('h1', {}, 'Anomalous sessions'),
    h('p', { class: 'muted', 'data-testid': 'anomalies-summary' },
      `${fmtNum(page.anomalous)} of ${fmtNum(page.scored)} sessions of ${page.date} anomalous, by detector ${page.modelVersion} ` +
      'or by a rule (machine-regular events, more time spent than the session lasted, a session that hit the cap)'),
    page.sessions.length === 0 ? h('p', { class: 'empty' }, 'None: every session of the date looks like the four weeks before it.') :
      h('table', { 'data-testid': 'anomalies' },
        h('tr', {}, ['session', 'student', 'start', 'score', 'rules', 'why'].map(c => h('th', {}, c))),
        page.sessions.map(s => h('tr', { 'data-session': s.sessionId },
          h('td', { title: s.sessionId }, s.sessionId.slice(0, 8) + '…'), h('td', { title: s.studentHash }, s.studentHash.slice(0, 12) + '…'),
          h('td', {}, fmtTime(s.sessionStart)), h('td', { class: 'num' }, s.score.toFixed(2)),
          h('td', {}, s.flags.map(f => h('span', { class: 'state s-anomaly' }, f.replaceAll('_', ' ')))),
          h('td', {}, s.why.join('; '))))));
}
