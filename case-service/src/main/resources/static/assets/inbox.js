// The inbox: the officer's cases with SLA badges and filters. A division officer's list is scoped
// by the server; the division filter is then fixed to their division.
import { api } from './api.js';
import { app } from './app.js';
import { t, label, lang } from './i18n.js';
import { h, field, formatDateTime, slaBadge, statusBadge, table } from './ui.js';

const STATUSES = ['RECEIVED', 'INCOMPLETE', 'VERIFIED', 'ROUTED', 'IN_PROGRESS', 'ANSWERED', 'RESOLVED', 'ARCHIVED', 'REJECTED', 'MERGED'];
const CHANNELS = ['WHATSAPP', 'EMAIL', 'FACEBOOK', 'INSTAGRAM', 'LAPOR', 'FRONT_DESK', 'WEB'];
const SLA = ['overdue', 'warning', 'paused', 'running'];
const CLOSED = ['RESOLVED', 'ARCHIVED', 'REJECTED', 'MERGED'];
// The inbox's SLA filter as the list's deadline state (overdue: a breached clock).
const SLA_STATE = { overdue: 'BREACHED', warning: 'WARNING', paused: 'PAUSED', running: 'RUNNING' };

/** The inbox's filters as the officer list's query parameters (the CSV export takes those). */
export function exportQuery(filters, fixedDivision) {
  const p = new URLSearchParams();
  const statuses = filters.status === 'open' ? STATUSES.filter((s) => !CLOSED.includes(s))
    : filters.status === 'closed' ? CLOSED
      : filters.status === 'all' ? [] : [filters.status];
  statuses.forEach((s) => p.append('status', s));
  if (filters.division && !fixedDivision) p.set('division', filters.division);
  if (filters.channel) p.set('channel', filters.channel);
  if (SLA_STATE[filters.sla]) p.set('slaState', SLA_STATE[filters.sla]);
  if (filters.q) p.set('q', filters.q);
  p.set('lang', lang());
  return p.toString();
}

async function downloadCsv(query, button) {
  button.disabled = true;
  try {
    const file = await api.exportCsv(query);
    const url = URL.createObjectURL(new Blob([file.bytes], { type: 'text/csv' }));
    const save = h('a', { href: url, download: `kasus-${new Date().toISOString().slice(0, 10)}.csv`, hidden: '' });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    button.dataset.downloaded = String(file.bytes.byteLength);
  } catch (err) {
    app.notice(`${t('error')}: ${err.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

export async function inboxView(params) {
  const ws = app.workspace;
  const filters = {
    status: params.get('status') || 'open',
    division: params.get('division') || '',
    channel: params.get('channel') || '',
    sla: params.get('sla') || '',
    q: params.get('q') || '',
    // The duty officer's queue: walk-ins whose reception clock still runs (docs/adr/0051).
    reception: params.get('reception') === 'true' ? 'true' : '',
  };
  const data = await api.inbox(filters);
  const fixedDivision = data.role === 'DIVISION_OFFICER';

  const form = h('form', { class: 'filters', id: 'inbox-filters', role: 'search' },
    field(t('filter.status'), 'status', {
      type: 'select', value: filters.status,
      options: [['open', t('filter.open')], ['closed', t('filter.closed')], ['all', t('filter.all')], ...STATUSES.map((s) => [s, t(`status.${s}`)])],
    }),
    field(t('filter.division'), 'division', {
      type: 'select', value: fixedDivision ? data.division : filters.division,
      options: fixedDivision ? [[data.division, data.division]] : [['', t('filter.any')], ...ws.divisions.map((d) => [d.code, `${d.code} — ${d.id}`])],
      attrs: { disabled: fixedDivision },
    }),
    field(t('filter.channel'), 'channel', { type: 'select', value: filters.channel, options: [['', t('filter.any')], ...CHANNELS.map((c) => [c, t(`channel.${c}`)])] }),
    field(t('filter.sla'), 'sla', { type: 'select', value: filters.sla, options: [['', t('filter.any')], ...SLA.map((s) => [s, t(`sla.filter.${s}`)])] }),
    field(t('filter.q'), 'q', { type: 'search', value: filters.q }),
    fixedDivision ? null : field(t('filter.reception'), 'reception', { type: 'checkbox', value: filters.reception === 'true', attrs: { value: 'true' } }),
    h('button', { type: 'submit' }, t('filter.apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((v, k) => v && next.set(k, String(v)));
    app.go(`#/inbox?${next}`);
  });

  const rows = data.cases.map((c) =>
    h('tr', { 'data-ticket': c.ticket },
      h('td', { 'data-label': t('col.ticket') }, h('a', { href: `#/case/${encodeURIComponent(c.ticket)}`, class: 'ticket' }, c.ticket)),
      h('td', { 'data-label': t('col.sla') }, slaBadge(c.sla)),
      h('td', { 'data-label': t('col.status') }, statusBadge(c.status)),
      h('td', { 'data-label': t('col.type') }, label('type', c.caseType)),
      h('td', { 'data-label': t('col.channel') }, label('channel', c.channel), c.channel === 'FRONT_DESK' ? ` (${label('mode', c.intakeMode)})` : ''),
      h('td', { 'data-label': t('col.division') }, c.division || (c.suggestedDivision ? `(${c.suggestedDivision}?)` : t('case.none'))),
      h('td', { 'data-label': t('col.topic') }, c.topic || t('case.none')),
      h('td', { 'data-label': t('col.received') }, formatDateTime(c.receivedAt, ws.agency.timeZone))));

  const query = exportQuery(filters, fixedDivision);
  const exportButton = h('button', { type: 'button', id: 'export-csv', 'data-query': query }, t('export.csv'));
  exportButton.addEventListener('click', () => downloadCsv(query, exportButton));

  return h('section', { 'aria-labelledby': 'inbox-title' },
    h('h1', { id: 'inbox-title' }, t('inbox.title'), ' ',
      h('small', { class: 'scope' }, fixedDivision ? `${t('inbox.scope.division')}: ${data.division}` : t('inbox.scope.agency'))),
    form,
    h('p', { class: 'count', id: 'inbox-count' }, t('inbox.count', { n: data.cases.length }), ' ', exportButton),
    data.cases.length === 0
      ? h('p', { class: 'empty' }, t('inbox.empty'))
      : table([t('col.ticket'), t('col.sla'), t('col.status'), t('col.type'), t('col.channel'), t('col.division'), t('col.topic'), t('col.received')], rows, { id: 'inbox-table', class: 'cards-on-phone', 'aria-label': t('inbox.title') }));
}
