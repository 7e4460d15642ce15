// SLA misses and failures, newest first; acknowledging one takes it off the badge.
import { api } from '../api.js';
import { h, toast, fmtTime } from '../ui.js';

export async function render(ctx) {
  const alerts = await api.get(`/api/alerts?dagId=${ctx.dag}&limit=200`);
  return h('div', {},
    h('h1', {}, 'Alerts'),
    alerts.length === 0 ? h('p', { class: 'empty' }, 'No alerts: every SLA met, no task failed its last try.') :
      h('table', { 'data-testid': 'alerts' },
        h('tr', {}, ['when', 'kind', 'date', 'task', 'message', 'webhook', ''].map(c => h('th', {}, c))),
        alerts.map(a => h('tr', { 'data-testid': `alert-${a.id}`, 'data-kind': a.kind, 'data-date': a.logicalDate ?? '' },
          h('td', {}, fmtTime(a.createdAt)), h('td', {}, a.kind), h('td', {}, a.logicalDate ?? ''), h('td', {}, a.taskId ?? ''),
          h('td', {}, a.message), h('td', {}, a.deliveredAt ? 'sent' : a.deliveryError ? `not sent: ${a.deliveryError}` : '—'),
          h('td', {}, a.acknowledgedAt ? h('span', { class: 'muted' }, 'acknowledged') : h('button', {
            onclick: async () => { await api.post(`/api/alerts/${a.id}/acknowledge`); toast('Acknowledged'); ctx.refresh(); },
          }, 'Acknowledge'))))));
}
