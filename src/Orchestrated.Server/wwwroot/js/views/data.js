// The data itself: daily sessions and hours from the gold table as charts, and for one date the rows per zone,
// quarantined events by reason and the data-quality results.
import { api } from '../api.js';
import { h, quality, fmtNum, yesterday, addDays } from '../ui.js';

export async function render(ctx, [date]) {
  const sel = ctx.selection;
  const points = await api.get(`/api/dags/${ctx.dag}/data/daily?days=28${date ? `&to=${addDays(date, Math.min(7, daysUntilYesterday(date)))}` : ''}`);
  const latest = points.filter(p => p.present).at(-1)?.date;
  const shown = date ?? latest ?? yesterday();
  const detail = await api.get(`/api/dags/${ctx.dag}/data/${shown}`);
  const pick = d => { location.hash = `#/data/${d}`; };
  return h('div', {},
    h('h1', {}, 'Data'),
    h('div', { class: 'row' },
      h('div', { class: 'panel grow' }, h('h3', { style: 'margin-top: 0' }, 'Sessions per day'), chart(points, p => p.sessions, shown, pick, 'chart-sessions')),
      h('div', { class: 'panel grow' }, h('h3', { style: 'margin-top: 0' }, 'Hours spent per day'), chart(points, p => p.timeSpentHours, shown, pick, 'chart-hours'))),
    h('h2', {}, `${shown}`),
    detail.zones.length === 0 && detail.tasks.length === 0 ? h('p', { class: 'empty' }, 'Nothing has run for this date yet.') :
      h('div', { class: 'row' },
        h('div', { class: 'panel grow' }, h('h3', { style: 'margin-top: 0' }, 'Rows per zone'),
          h('table', { 'data-testid': 'zones' }, h('tr', {}, h('th', {}, 'dataset'), h('th', { class: 'num' }, 'rows'), h('th', {}, 'written by')),
            detail.zones.map(z => h('tr', {}, h('td', {}, z.dataset), h('td', { class: 'num' }, fmtNum(z.rows)), h('td', {}, z.taskId ?? ''))))),
        h('div', { class: 'panel grow' }, h('h3', { style: 'margin-top: 0' }, 'Quarantined and de-duplicated'),
          h('table', { 'data-testid': 'quarantine' }, h('tr', {}, h('th', {}, 'task'), h('th', {}, 'reason'), h('th', { class: 'num' }, 'events')),
            detail.tasks.flatMap(t => [
              ...Object.entries(t.quarantined).filter(([, n]) => n > 0).map(([reason, n]) => h('tr', {}, h('td', {}, t.taskId), h('td', {}, reason), h('td', { class: 'num' }, fmtNum(n)))),
              t.duplicates ? h('tr', {}, h('td', {}, t.taskId), h('td', {}, 'duplicate'), h('td', { class: 'num' }, fmtNum(t.duplicates))) : null,
            ]))),
        h('div', { class: 'panel', style: 'flex-basis: 100%' }, h('h3', { style: 'margin-top: 0' }, 'Data quality'),
          h('table', { 'data-testid': 'quality' }, h('tr', {}, h('th', {}, 'task'), h('th', {}, 'check'), h('th', {}, 'result'), h('th', { class: 'num' }, 'count')),
            detail.tasks.flatMap(t => t.dataQuality.map(q => h('tr', {}, h('td', {}, t.taskId), h('td', {}, q.check),
              h('td', {}, quality(q)), h('td', { class: 'num' }, fmtNum(q.violations)))))))));
}

function daysUntilYesterday(date) {
  return Math.max(0, Math.round((new Date(yesterday()) - new Date(date)) / 86400000));
}

function chart(points, value, selected, pick, testid) {
  const W = 560, H = 170, pad = 24;
  const max = Math.max(1, ...points.map(value));
  const bw = (W - pad) / points.length;
  const svg = h('svg:svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': testid, 'data-testid': testid });
  points.forEach((p, i) => {
    const v = value(p);
    const bh = p.present ? Math.max(2, (H - 2 * pad) * v / max) : 4;
    svg.append(h('svg:rect', {
      class: `bar${p.present ? '' : ' absent'}${p.date === selected ? ' selected' : ''}`, x: pad + i * bw + 1, y: H - pad - bh, width: Math.max(1, bw - 2), height: bh,
      onclick: () => pick(p.date),
    }, h('svg:title', {}, `${p.date}: ${p.present ? fmtNum(v) : 'no data'}`)));
    if (i % 7 === 0) svg.append(h('svg:text', { x: pad + i * bw, y: H - 6 }, p.date.slice(5)));
  });
  svg.append(h('svg:text', { x: 0, y: 12 }, fmtNum(max)));
  return svg;
}
