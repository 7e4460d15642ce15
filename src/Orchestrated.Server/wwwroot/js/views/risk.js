// Students at risk: the latest scores of the dropout model up to a date, riskiest first, with the trend against last
// week and the reasons in words; filtered by band.
import { api } from '../api.js';
import { h, fmtNum } from '../ui.js';

const arrows = { up: '↑', down: '↓', flat: '→' };

export async function render(ctx, [date, band, course]) {
  const query = new URLSearchParams({ limit: '200' });
  if (date) query.set('date', date);
  if (band) query.set('band', band);
  if (course) query.set('course', course);
  const page = await api.get(`/api/engagement/risk?${query}`);
  if (!page.date) return h('div', {}, h('h1', {}, 'Students at risk'),
    h('p', { class: 'empty', 'data-testid': 'risk-none' }, 'No student has been scored yet: the engagement_models DAG trains and publishes a ' +
      'dropout model, then the engagement_scores DAG (or `orchestrated score`) scores every day.'));
  const go = (b, c) => { location.hash = `#/risk/${page.date}/${b ?? ''}${c ? `/${encodeURIComponent(c)}` : ''}`; };
  return h('div', {},
    h('h1', {}, 'Students at risk'),
    h('p', { class: 'muted', 'data-testid': 'risk-summary' },
      `${fmtNum(page.scored)} students scored as of ${page.date} by model ${page.modelVersion} · ` +
      ['high', 'medium', 'low'].map(b => `${fmtNum(page.bands[b] ?? 0)} ${b}`).join(' · ') +
      ' · risk: the probability of no session in the next 7 days'),
    h('div', { class: 'row' }, h('label', {}, 'Band ',
      h('select', { 'data-testid': 'risk-band', onchange: e => go(e.target.value, course) },
        ['', 'high', 'medium', 'low'].map(b => h('option', { value: b, selected: (band ?? '') === b }, b || 'all')))),
      h('label', {}, ' Course ',
        h('select', { 'data-testid': 'risk-course', onchange: e => go(band, e.target.value) },
          ['', ...page.courses].map(c => h('option', { value: c, selected: (course ?? '') === c }, c || 'all'))))),
    h('table', { 'data-testid': 'risk-students' },
      h('tr', {}, ['student', 'risk', 'band', 'trend', 'why', 'courses'].map(c => h('th', {}, c))),
      page.students.map(s => h('tr', { 'data-student': s.studentHash },
        h('td', { title: s.studentHash }, s.studentHash.slice(0, 12) + '…'),
        h('td', { class: 'num' }, `${Math.round(s.risk * 100)} %`),
        h('td', {}, h('span', { class: `state band-${s.band}` }, s.band)),
        h('td', { title: s.riskWeekAgo === null ? 'not scored a week before' : `${Math.round(s.riskWeekAgo * 100)} % a week before` },
          s.trend ? arrows[s.trend] : '—'),
        h('td', {}, s.reasons.join('; ') || '—'),
        h('td', {}, s.courses.join(' ') || '—')))));
}
