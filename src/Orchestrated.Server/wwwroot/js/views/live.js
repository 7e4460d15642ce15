// Sessions as they close: the stream sessionizer's partitions (watermark, lag, open sessions, late events) and the
// latest closed sessions, refreshed with the page every two seconds; rates come from the change between refreshes.
import { api } from '../api.js';
import { h, fmtTime, fmtNum } from '../ui.js';

let previous = null;

export async function render() {
  const live = await api.get('/api/live');
  const now = Date.now();
  const all = live.owned.concat(live.elsewhere);
  const closed = all.reduce((a, p) => a + p.sessionsClosed, 0);
  const events = all.reduce((a, p) => a + p.eventsRead, 0);
  const perMinute = previous && now > previous.at ? (closed - previous.closed) * 60000 / (now - previous.at) : null;
  const perSecond = previous && now > previous.at ? (events - previous.events) * 1000 / (now - previous.at) : null;
  previous = { at: now, closed, events };
  if (all.length === 0) return h('div', {}, h('h1', {}, 'Live sessions'),
    h('p', { class: 'empty' }, live.hosted ? 'No partition is read yet.'
      : 'No stream sessionizer has reported: none runs here (Orchestrated:Stream:HostSessionizer), and no stream worker is up.'));
  return h('div', {},
    h('h1', {}, 'Live sessions'),
    h('p', { class: 'muted', 'data-testid': 'live-summary' },
      `${all.length} of ${live.partitions} partitions (${live.owned.length} here) · ` +
      `${fmtNum(all.reduce((a, p) => a + p.openSessions, 0))} open sessions · ` +
      `${fmtNum(closed)} closed` + (perMinute === null ? '' : ` · ${perMinute.toFixed(1)} closed per minute`) +
      ` · ${fmtNum(events)} events read` + (perSecond === null ? '' : ` · ${perSecond.toFixed(1)} events per second`) +
      ` · ${fmtNum(all.reduce((a, p) => a + p.lateEvents, 0))} late events`),
    h('table', { 'data-testid': 'live-partitions' },
      h('tr', {}, ['partition', 'owner', 'watermark', 'stream time', 'lag', 'open', 'held', 'late', 'closed', 'offset', 'resumed from']
        .map(c => h('th', {}, c))),
      all.sort((a, b) => a.partition - b.partition).map(p => h('tr', {},
        h('td', {}, p.partition), h('td', { title: p.reportedAt ? `reported ${fmtTime(p.reportedAt)}` : 'this process' },
          p.reportedAt ? p.holder : `${p.holder} (here)`),
        h('td', {}, fmtTime(p.watermark)), h('td', {}, fmtTime(p.streamTime)),
        h('td', { class: 'num' }, p.lagSeconds === null ? '—' : `${p.lagSeconds.toFixed(1)} s`),
        h('td', { class: 'num' }, fmtNum(p.openSessions)), h('td', { class: 'num' }, fmtNum(p.heldEvents)),
        h('td', { class: 'num' }, fmtNum(p.lateEvents)), h('td', { class: 'num' }, fmtNum(p.sessionsClosed)),
        h('td', { class: 'num' }, p.lastOffset),
        h('td', { class: 'num', title: 'the checkpoint this reading started from' }, p.resumedFrom < 0 ? 'start' : p.resumedFrom)))),
    h('h2', {}, 'Latest closed sessions'),
    live.recentSessions.length === 0 ? h('p', { class: 'empty', 'data-testid': 'live-none' }, 'No session has closed yet: post events to /api/events.') :
      h('table', { 'data-testid': 'live-sessions' },
        h('tr', {}, ['student', 'device', 'start', 'end', 'events', 'pages', 'active'].map(c => h('th', {}, c))),
        live.recentSessions.map(s => h('tr', { 'data-session': s.sessionId },
          h('td', {}, s.studentHash.slice(0, 12) + '…'), h('td', {}, s.device),
          h('td', {}, fmtTime(s.sessionStart / 1000)), h('td', {}, fmtTime(s.sessionEnd / 1000)),
          h('td', { class: 'num' }, s.eventCount), h('td', { class: 'num' }, s.pagesVisited),
          h('td', { class: 'num' }, `${Math.round(s.activeTimeSec)} s`)))));
}
