// Small helpers for building the DOM without a framework.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElementNS(tag.startsWith('svg:') ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml', tag.replace('svg:', ''));
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

export const state = s => h('span', { class: `state s-${s ?? 'none'}` }, (s ?? 'none').replaceAll('_', ' '));

/** A data-quality result: passed, failed (a hard check) or anomaly (a soft one, counted and kept). */
export const quality = q => state(q.passed ? 'passed' : q.hard ? 'failed' : 'anomaly');

export function toast(message, error = false) {
  const msg = h('div', { class: `msg${error ? ' error' : ''}` }, message);
  document.getElementById('toast').append(msg);
  setTimeout(() => msg.remove(), error ? 8000 : 4000);
}

export function openDialog(...content) {
  const dialog = document.getElementById('dialog');
  const body = document.getElementById('dialog-body');
  body.replaceChildren(...content);
  if (!dialog.open) dialog.showModal();
  body.querySelector('input, select, textarea, button')?.focus();
  return dialog;
}

export const closeDialog = () => document.getElementById('dialog').close();

export const fmtTime = t => t ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) : '—';
export const fmtNum = n => (n ?? 0).toLocaleString('en');
export const seconds = (a, b) => a && b ? ((new Date(b) - new Date(a)) / 1000).toFixed(1) + ' s' : '—';
export const isoDate = d => d.toISOString().slice(0, 10);
export const addDays = (date, days) => { const d = new Date(date + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + days); return isoDate(d); };
export const yesterday = () => addDays(isoDate(new Date()), -1);
