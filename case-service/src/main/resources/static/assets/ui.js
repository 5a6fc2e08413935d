// Small DOM helpers. Every text goes in through textContent (never innerHTML), so what citizens
// wrote cannot become markup.
import { t, locale } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function formatDateTime(iso, timeZone) {
  if (!iso) return t('case.none');
  const options = { dateStyle: 'medium', timeStyle: 'short' };
  if (timeZone) options.timeZone = timeZone;
  try {
    return new Intl.DateTimeFormat(locale(), options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
}

/** "2 hari 3 jam" / "2 d 3 h": the two largest units of a duration in seconds. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return t('case.none');
  let s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hrs = Math.floor(s / 3600);
  s -= hrs * 3600;
  const m = Math.floor(s / 60);
  const parts = [];
  if (d) parts.push(t('time.d', { n: d }));
  if (hrs) parts.push(t('time.h', { n: hrs }));
  if (!d && (m || parts.length === 0)) parts.push(t('time.m', { n: m }));
  return parts.slice(0, 2).join(' ');
}

/** The SLA badge: state as colour and words (never colour alone), time left or overdue. */
export function slaBadge(sla) {
  const state = (sla && sla.state) || 'NONE';
  const left = sla && sla.secondsLeft !== null && sla.secondsLeft !== undefined ? formatDuration(sla.secondsLeft) : '';
  return h('span', { class: `badge sla-${state.toLowerCase()}`, 'data-sla': state }, t(`sla.${state}`, { left }));
}

export function statusBadge(status) {
  return h('span', { class: `badge status status-${String(status).toLowerCase()}` }, t(`status.${status}`));
}

/** A status line read out by screen readers. */
export function announce(region, text, kind = 'info') {
  region.textContent = '';
  region.className = `notice notice-${kind}`;
  region.textContent = text;
}

let fieldCount = 0;

/** A labelled form control; type "textarea" and "select" (options: [[value, label]]) included. */
export function field(labelText, name, { type = 'text', required = false, value = '', options = null, hint = null, attrs = {} } = {}) {
  const id = `f-${name.replace(/[^a-z0-9]/gi, '-')}-${++fieldCount}`;
  let control;
  if (type === 'textarea') {
    control = h('textarea', { id, name, required, rows: 3, ...attrs });
    control.value = value;
  } else if (type === 'select') {
    control = h('select', { id, name, required, ...attrs }, (options || []).map(([v, l]) => h('option', { value: v }, l)));
    if (value) control.value = value;
  } else if (type === 'checkbox') {
    control = h('input', { id, name, type, ...attrs });
    control.checked = Boolean(value);
    return h('div', { class: 'field field-check' }, control, h('label', { for: id }, labelText));
  } else {
    control = h('input', { id, name, type, required, ...attrs });
    control.value = value;
  }
  return h('div', { class: 'field' }, h('label', { for: id }, labelText, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null), control, hint ? h('small', {}, hint) : null);
}

/** A table that scrolls sideways on a phone instead of squeezing. */
export function table(headers, rows, attrs = {}) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': attrs['aria-label'] || headers.join(', ') },
    h('table', attrs, h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows)));
}

/** The value of an <input type="datetime-local"> as an ISO instant (the browser's time zone). */
export function localInputToInstant(value) {
  return new Date(value).toISOString();
}

/** Now, as an <input type="datetime-local"> value in the browser's time zone. */
export function nowForInput() {
  const d = new Date();
  d.setSeconds(0, 0);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
