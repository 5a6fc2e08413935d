// Case detail: summary, conversation with attachments, classification and its explanation,
// deadlines, timeline, and every action of the API. The server decides what is allowed; the
// page only hides what the case's state makes pointless (the same table as domain/Case.ALLOWED).
import { api, ApiError } from './api.js';
import { app } from './app.js';
import { t, label, lang } from './i18n.js';
import { deskFileRow, deskFiles, documentRequirements } from './intake.js';
import { h, field, formatDateTime, formatDuration, slaBadge, statusBadge, table, localInputToInstant, nowForInput } from './ui.js';

const OPEN = ['RECEIVED', 'INCOMPLETE', 'VERIFIED', 'ROUTED', 'IN_PROGRESS'];
const LIVE = [...OPEN, 'ANSWERED'];
const CHANNELS = ['WHATSAPP', 'EMAIL', 'FACEBOOK', 'INSTAGRAM', 'LAPOR', 'FRONT_DESK', 'PHONE', 'LETTER'];

const lines = (v) => String(v || '').split('\n').map((s) => s.trim()).filter(Boolean);
const optional = (v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

/** Every action: when it shows, its form, and the body it posts. */
function actions(ws, c) {
  const divisions = ws.divisions.map((d) => [d.code, `${d.code} — ${d.id}`]);
  return [
    { action: 'verify', when: ['RECEIVED'], fields: () => [field(t('field.reasonOptional'), 'reason', { type: 'textarea' })], body: (f) => ({ reason: optional(f.get('reason')) }) },
    { action: 'mark-complete', when: ['INCOMPLETE'], fields: () => [field(t('field.reason'), 'reason', { type: 'textarea', required: true })], body: (f) => ({ reason: f.get('reason') }) },
    {
      action: 'classify', when: ['VERIFIED', 'ROUTED'],
      fields: () => [
        field(t('field.caseType'), 'caseType', { type: 'select', required: true, value: c.caseType, options: ws.caseTypes.map((x) => [x, label('type', x)]) }),
        field(t('field.slaClass'), 'slaClass', { type: 'select', value: c.slaClass || '', options: [['', t('case.none')], ...ws.slaClasses.map((s) => [s.code, `${s.code} — ${s.id}`])] }),
        field(t('field.topic'), 'topic', { value: c.topic || '' }),
      ],
      body: (f) => ({ caseType: f.get('caseType'), slaClass: optional(f.get('slaClass')), topic: optional(f.get('topic')) }),
    },
    {
      action: 'route', when: ['VERIFIED', 'ROUTED', 'IN_PROGRESS'],
      fields: () => [field(t('field.division'), 'division', { type: 'select', required: true, value: c.division || c.suggestedDivision || '', options: divisions })],
      body: (f) => ({ division: f.get('division') }),
    },
    { action: 'assign', when: OPEN, fields: () => [field(t('field.assignee'), 'assignee', { required: true })], body: (f) => ({ officer: f.get('assignee').trim() }) },
    {
      action: 'request-information', when: OPEN,
      fields: () => [
        h('fieldset', {}, h('legend', {}, t('field.missing')),
          ws.requirements.map((r) => field(lang() === 'en' ? r.en : r.id, 'missing', { type: 'checkbox', value: c.missing.includes(r.code), attrs: { value: r.code } }))),
        field(t('field.reasonOptional'), 'reason', { type: 'textarea' }),
      ],
      body: (f) => ({ missing: f.getAll('missing'), reason: optional(f.get('reason')) }),
    },
    { action: 'start-progress', when: ['ROUTED'], fields: () => [field(t('field.reasonOptional'), 'reason', { type: 'textarea' })], body: (f) => ({ reason: optional(f.get('reason')) }) },
    { action: 'note', path: 'notes', when: LIVE, fields: () => [field(t('field.note'), 'text', { type: 'textarea', required: true })], body: (f) => ({ text: f.get('text') }) },
    { action: 'reply', when: LIVE, fields: () => [field(t('field.text'), 'text', { type: 'textarea', required: true })], body: (f) => ({ text: f.get('text') }) },
    { action: 'answer', when: ['IN_PROGRESS'], fields: () => [field(t('field.text'), 'text', { type: 'textarea', required: true })], body: (f) => ({ text: f.get('text') }) },
    {
      action: 'resolve', when: ['ANSWERED'],
      fields: () => [
        field(t('field.summary'), 'summary', { type: 'textarea', required: true }),
        field(t('field.whatWasDone'), 'whatWasDone', { type: 'textarea', required: true }),
        field(t('field.doneBy'), 'doneBy', { type: 'textarea', required: true, value: ws.displayName }),
        field(t('field.doneAt'), 'doneAt', { type: 'datetime-local', required: true, value: nowForInput() }),
        field(t('field.citizenInformedVia'), 'citizenInformedVia', { type: 'select', required: true, value: c.channel, options: CHANNELS.map((x) => [x, label('channel', x)]) }),
      ],
      body: (f) => ({
        summary: f.get('summary'),
        beritaAcara: { whatWasDone: f.get('whatWasDone'), doneBy: lines(f.get('doneBy')), doneAt: localInputToInstant(f.get('doneAt')), citizenInformedVia: f.get('citizenInformedVia') },
      }),
    },
    {
      action: 'reject', when: OPEN,
      fields: () => [
        field(t('field.reasonCode'), 'reasonCode', { type: 'select', required: true, options: ws.rejectionCodes.map((x) => [x, label('rejection', x)]) }),
        field(t('field.reason'), 'reason', { type: 'textarea', required: true }),
      ],
      body: (f) => ({ reasonCode: f.get('reasonCode'), reason: f.get('reason') }),
    },
    {
      action: 'merge', when: OPEN,
      fields: () => [field(t('field.survivorTicket'), 'survivorTicket', { required: true, value: c.duplicateSuspects[0]?.ticket || '', attrs: { autocapitalize: 'characters' } })],
      body: (f) => ({ survivorTicket: f.get('survivorTicket').trim() }),
    },
    { action: 'reopen', when: ['ANSWERED', 'RESOLVED'], fields: () => [field(t('field.reason'), 'reason', { type: 'textarea', required: true })], body: (f) => ({ reason: f.get('reason') }) },
    { action: 'extend-deadline', when: ['RECEIVED', 'VERIFIED', 'ROUTED', 'IN_PROGRESS'], fields: () => [field(t('field.reason'), 'reason', { type: 'textarea', required: true })], body: (f) => ({ reason: f.get('reason') }) },
    { action: 'archive', when: ['RESOLVED', 'REJECTED', 'MERGED'], fields: () => [field(t('field.reasonOptional'), 'reason', { type: 'textarea' })], body: (f) => ({ reason: optional(f.get('reason')) }) },
    {
      action: 'ppid/advance', when: c.caseType === 'INFORMATION_REQUEST' ? ['RECEIVED', 'VERIFIED', 'IN_PROGRESS'] : [],
      fields: () => [field(t('field.step'), 'step', { type: 'select', required: true, options: ws.ppidSteps.map((s) => [s, s]) })],
      body: (f) => ({ step: f.get('step') }),
    },
    {
      action: 'ppid/grant', when: c.caseType === 'INFORMATION_REQUEST' ? ['IN_PROGRESS'] : [],
      fields: () => [
        field(t('field.whatWasDone'), 'whatWasDone', { type: 'textarea', required: true }),
        field(t('field.proofOfDelivery'), 'proofOfDelivery', { required: true }),
        field(t('field.citizenInformedVia'), 'citizenInformedVia', { type: 'select', required: true, value: c.channel, options: CHANNELS.map((x) => [x, label('channel', x)]) }),
      ],
      body: (f) => ({ whatWasDone: f.get('whatWasDone'), proofOfDelivery: f.get('proofOfDelivery'), citizenInformedVia: f.get('citizenInformedVia') }),
    },
    {
      action: 'ppid/refuse', when: c.caseType === 'INFORMATION_REQUEST' ? ['IN_PROGRESS'] : [],
      fields: () => [field(t('field.legalBasis'), 'legalBasis', { type: 'textarea', required: true })],
      body: (f) => ({ legalBasis: f.get('legalBasis') }),
    },
    dispositionAction(ws, c),
  ];
}

// ---- The head's disposition (disposisi pimpinan, docs/adr/0051) --------------------------------

const DISPOSITION_STATES = ['RECEIVED', 'VERIFIED', 'ROUTED'];

/**
 * The head's disposition of a complaint: handled or not; face to face (time and place) or online
 * (time and method); the reason when not handled. The time is the office's local time (the agency's
 * time zone), as the head writes it; the server refuses a missing or past one.
 */
function dispositionAction(ws, c) {
  const mayDisposition = ['HEAD', 'ADMIN'].includes(ws.role) && c.caseType !== 'INFORMATION_REQUEST';
  return {
    action: 'disposition',
    when: mayDisposition ? DISPOSITION_STATES : [],
    fields: () => [
      field(t('field.dispositionHandled'), 'handled', { type: 'select', required: true, value: 'true', options: [['true', t('disposition.handled')], ['false', t('disposition.notHandled')]] }),
      field(t('field.dispositionMode'), 'mode', { type: 'select', value: 'ONLINE', options: [['ONLINE', t('dispositionMode.ONLINE')], ['FACE_TO_FACE', t('dispositionMode.FACE_TO_FACE')]] }),
      field(t('field.dispositionTime'), 'time', { type: 'datetime-local', hint: t('field.dispositionTimeHint', { z: ws.agency.timeZone }) }),
      field(t('field.dispositionPlace'), 'place', { hint: t('field.dispositionPlaceHint') }),
      field(t('field.dispositionMethod'), 'method', { hint: t('field.dispositionMethodHint') }),
      field(t('field.reasonCode'), 'reasonCode', { type: 'select', value: 'OTHER', options: ws.rejectionCodes.map((x) => [x, label('rejection', x)]) }),
      field(t('field.dispositionReason'), 'reason', { type: 'textarea' }),
    ],
    body: (f) => {
      if (f.get('handled') !== 'true') {
        return { handled: false, reasonCode: f.get('reasonCode'), reason: optional(f.get('reason')) };
      }
      const mode = f.get('mode');
      return {
        handled: true,
        mode,
        time: optional(f.get('time')),
        place: mode === 'FACE_TO_FACE' ? optional(f.get('place')) : null,
        method: mode === 'ONLINE' ? optional(f.get('method')) : null,
      };
    },
  };
}

/** A disposition entry of the timeline in the officer's language, from its values. */
function dispositionDetails(ws, d) {
  if (!d.handled) return [t('tl.disposition.notHandled')];
  const time = formatDateTime(d.time, ws.agency.timeZone);
  return d.mode === 'FACE_TO_FACE'
    ? [t('tl.disposition.faceToFace', { time, place: d.place || '' })]
    : [t('tl.disposition.online', { time, method: d.method || '' })];
}

function actionPanel(ws, c) {
  const available = actions(ws, c).filter((a) => a.when.includes(c.status));
  return h('section', { class: 'card', 'aria-labelledby': 'actions-title', id: 'actions' },
    h('h2', { id: 'actions-title' }, t('case.actions')),
    available.map((a) => {
      const form = h('form', { class: 'action-form', 'data-action': a.action }, a.fields(), h('button', { type: 'submit', class: 'primary' }, t(`action.${a.action}`)));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
          await api.act(c.ticket, a.path || a.action, c.version, a.body(new FormData(form)));
          app.go(`#/case/${encodeURIComponent(c.ticket)}`, { text: t('case.done', { a: t(`action.${a.action}`) }), kind: 'ok' });
        } catch (err) {
          button.disabled = false;
          if (err instanceof ApiError && err.type.endsWith('/stale-version')) {
            app.go(`#/case/${encodeURIComponent(c.ticket)}`, { text: t('case.stale'), kind: 'warn' });
          } else if (err instanceof ApiError && (err.status === 404 || err.status === 405) && !err.type.startsWith('/problems/')) {
            // No such endpoint (yet): the case service's own 404 is /problems/not-found.
            app.notice(t('case.notAvailable', { s: err.status }), 'error');
          } else {
            const fields = (err.problem?.errors || err.problem?.fieldErrors || []).map((x) => x.field || x.pointer).filter(Boolean);
            app.notice(`${t('error')}: ${err.message}${fields.length ? ' (' + fields.join(', ') + ')' : ''}`, 'error');
          }
        }
      });
      return h('details', { class: 'action', id: `action-${a.action.replace('/', '-')}` }, h('summary', {}, t(`action.${a.action}`)), form);
    }));
}

// Types a browser only displays (no script, no links, no forms): the only ones ever opened from a
// blob: URL, which has this page's origin. Everything else is saved as a file, never rendered.
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

async function openFile(ticket, f, link) {
  const file = await api.attachment(ticket, f.fileId || f.attachmentId || f.id);
  if (file.inline && PREVIEWABLE.has(file.type)) {
    window.open(URL.createObjectURL(new Blob([file.bytes], { type: file.type })), '_blank', 'noopener');
    link.dataset.opened = 'preview';
    return;
  }
  const url = URL.createObjectURL(new Blob([file.bytes], { type: 'application/octet-stream' }));
  const save = h('a', { href: url, download: f.fileName || f.attachmentId || 'lampiran', hidden: '' });
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  link.dataset.opened = 'download';
}

function attachmentsOf(c, m) {
  const ticket = c.ticket;
  // The case lists every file (name, declared type, its own id); a message's files are those with
  // its message id: an adapter's attachment id is unique only within one message.
  const ofMessage = (c.attachments || []).filter((a) => a.messageId === m.messageId);
  const files = ofMessage.length ? ofMessage : (m.attachmentIds || []).map((id) => ({ attachmentId: id }));
  if (files.length === 0) return null;
  const items = files.map((f) => {
    const id = f.fileId || f.attachmentId;
    const name = f.fileName || f.attachmentId || f.mediaType;
    const link = h('a', { href: '#', 'data-attachment': id }, name);
    link.addEventListener('click', async (e) => {
      e.preventDefault();
      try {
        await openFile(ticket, f, link);
      } catch (err) {
        app.notice(`${t('error')}: ${err.message}`, 'error');
      }
    });
    return h('li', {}, link, f.mediaType ? ` (${f.mediaType})` : '');
  });
  return h('div', { class: 'attachments' }, h('strong', {}, t('case.attachments'), ': '), h('ul', {}, items));
}

function conversation(ws, c) {
  return h('section', { class: 'card', 'aria-labelledby': 'conv-title', id: 'conversation' },
    h('h2', { id: 'conv-title' }, t('case.conversation')),
    c.messages.length === 0 ? h('p', {}, t('case.noMessages')) :
      h('ol', { class: 'messages' }, c.messages.map((m) =>
        h('li', { class: `message ${String(m.direction).toLowerCase()}` },
          h('div', { class: 'meta' },
            h('span', { class: 'who' }, t({ OUTBOUND: 'case.outbound', INTERNAL: 'case.internal' }[m.direction] || 'case.inbound')), ' · ',
            label('channel', m.channel), ' · ', h('time', { datetime: m.at }, formatDateTime(m.at, ws.agency.timeZone))),
          m.text ? h('p', { class: 'text' }, m.text) : h('p', { class: 'text muted' }, t(m.channel === 'FRONT_DESK' ? 'case.formOnly' : 'case.noText')),
          attachmentsOf(c, m)))));
}

/** The explanation's parts, one sentence each, from values (issue 23). */
function explanationParts(ws, c) {
  const parts = c.classification?.parts;
  if (!parts) return [t(c.suggestedDivision ? 'case.explanation.suggested' : 'case.explanation.none', { d: divisionLabel(ws, c.suggestedDivision) })];
  if (parts.length === 0) return [t('case.explanation.none')];
  return parts.map((p) => {
    if (p.kind === 'suggested') return t('explain.suggested', { d: named(p.division) });
    if (p.kind === 'classified') return t('explain.classified', { who: actorLabel(p.actor), type: label('type', p.caseType), cls: slaClassLabel(ws, p.slaClass) });
    return t('explain.routed', { who: actorLabel(p.actor), d: named(p.division) });
  });
}

function classification(ws, c) {
  return h('section', { class: 'card', 'aria-labelledby': 'class-title', id: 'classification' },
    h('h2', { id: 'class-title' }, t('case.classification')),
    h('dl', { class: 'pairs' },
      h('dt', {}, t('field.caseType')), h('dd', {}, label('type', c.caseType)),
      h('dt', {}, t('case.slaClass')), h('dd', {}, slaClassLabel(ws, c.slaClass)),
      h('dt', {}, t('case.topic')), h('dd', {}, c.topic || t('case.none')),
      h('dt', {}, t('col.division')), h('dd', {}, divisionLabel(ws, c.division)),
      h('dt', {}, t('case.suggested')), h('dd', {}, divisionLabel(ws, c.suggestedDivision)),
      h('dt', {}, t('case.explanation')), h('dd', {}, h('ul', { id: 'explanation', class: 'explanation' }, explanationParts(ws, c).map((x) => h('li', {}, x))))),
    c.duplicateSuspects.length ? h('div', {}, h('h3', {}, t('case.duplicates')), h('ul', {}, c.duplicateSuspects.map((d) =>
      h('li', {}, h('a', { href: `#/case/${encodeURIComponent(d.ticket)}` }, d.ticket), ` — ${t('case.similarity', { p: Math.round(d.similarity * 100) })}; ${d.reasons.join(', ')}`)))) : null);
}

function deadlines(ws, c) {
  const entries = Object.values(c.deadlines || {});
  const now = Date.now();
  return h('section', { class: 'card', 'aria-labelledby': 'dl-title', id: 'deadlines' },
    h('h2', { id: 'dl-title' }, t('case.deadlines')),
    entries.length === 0 ? h('p', {}, t('sla.NONE')) :
      table([t('deadline.clock'), t('deadline.deadline'), t('deadline.state'), t('deadline.left')], entries.map((d) => {
        const left = d.deadline ? Math.round((new Date(d.deadline).getTime() - now) / 1000) : null;
        const state = ['BREACHED', 'STOPPED_LATE'].includes(d.state) || (d.state === 'RUNNING' && left < 0) ? 'OVERDUE' : d.state;
        return h('tr', {}, h('td', {}, label('clock', d.clock)), h('td', {}, formatDateTime(d.deadline, ws.agency.timeZone)),
          h('td', {}, slaBadge({ state: ['RUNNING', 'WARNING', 'PAUSED', 'OVERDUE', 'MET'].includes(state) ? state : 'NONE', secondsLeft: left })),
          h('td', {}, left === null ? t('case.none') : formatDuration(left)));
      })));
}

/** A label of the agency file ({code, id, en}) in the officer's language. */
const named = (l) => (l ? (lang() === 'en' ? l.en : l.id) || l.code : t('case.none'));
const requirementLabel = (ws, code) => named(ws.requirements.find((r) => r.code === code) || { code });
const divisionLabel = (ws, code) => (code ? named(ws.divisions.find((d) => d.code === code) || { code }) : t('case.none'));
const slaClassLabel = (ws, code) => (code ? named(ws.slaClasses.find((x) => x.code === code) || { code }) : t('case.none'));
const actorLabel = (actor) => label('actor', actor);
const invalidLabel = (code) => label('invalid', code);

/** What the entry's values say, one sentence each; never the stored system sentence. */
function entryDetails(ws, e) {
  const d = e.details || {};
  const out = [];
  if (d.missing?.length) out.push(t(SATISFYING.includes(e.kind) ? 'tl.satisfies' : 'tl.missing', { v: d.missing.map(named).join('; ') }));
  if (d.invalid?.length) out.push(t('tl.invalid', { v: d.invalid.map(invalidLabel).join('; ') }));
  if (d.caseType) out.push(t('tl.classified', { type: label('type', d.caseType), cls: slaClassLabel(ws, d.slaClass) }));
  if (d.division) out.push(t('tl.routed', { d: named(d.division) }));
  if (d.assignee) out.push(t('tl.assigned', { o: d.assignee }));
  if (d.channel) out.push(t('tl.replied', { c: label('channel', d.channel) }));
  if (d.rejectionCode) out.push(t('tl.rejection', { r: label('rejection', d.rejectionCode) }));
  if (d.ticket) {
    const key = { MERGED: 'tl.merged', MERGED_IN: 'tl.mergedIn', MENTIONS: 'tl.mentions', MENTIONED: 'tl.mentioned' }[e.kind] || 'tl.mergedIn';
    out.push(t(key, { t: d.ticket }));
  }
  if (d.ppidFrom) out.push(t('tl.ppid', { from: d.ppidFrom, to: d.ppidTo }));
  if (d.rating) out.push(t('tl.rating', { r: d.rating }));
  if (d.code) out.push(t(`tl.code.${d.code}`));
  if (e.disposition) out.push(...dispositionDetails(ws, e.disposition));
  return out;
}

/**
 * The timeline as a list of entries (newest first), each wrapping inside its card: readable at
 * laptop width and on a phone without sideways scrolling.
 */
function timeline(ws, c) {
  const entries = c.entries || c.timeline.map((e) => ({ ...e, kind: 'OTHER', note: e.reason, details: {} }));
  return h('section', { class: 'card', 'aria-labelledby': 'tl-title', id: 'timeline' },
    h('h2', { id: 'tl-title' }, t('case.timeline')),
    h('ol', { class: 'timeline' }, [...entries].reverse().map((e) =>
      h('li', { class: 'entry', 'data-kind': e.kind },
        h('div', { class: 'meta' },
          h('time', { datetime: e.at }, formatDateTime(e.at, ws.agency.timeZone)), ' · ',
          h('span', { class: 'actor' }, actorLabel(e.actor))),
        h('p', { class: 'what' },
          h('strong', { class: 'action' }, t(`tl.${e.kind}`)),
          e.from && e.from !== e.to ? h('span', { class: 'change' }, ` ${label('status', e.from)} → ${label('status', e.to)}`) : null),
        entryDetails(ws, e).map((x) => h('p', { class: 'detail' }, x)),
        e.note ? h('p', { class: 'note' }, e.note) : null))));
}

export async function caseView(ticket) {
  const ws = app.workspace;
  const c = await api.case(ticket);
  const facts = [
    [t('col.status'), statusBadge(c.status)],
    [t('col.type'), label('type', c.caseType)],
    [t('col.channel'), `${label('channel', c.channel)}${c.channel === 'FRONT_DESK' ? ' (' + label('mode', c.intakeMode) + ')' : ''}`],
    [t('col.received'), formatDateTime(c.receivedAt, ws.agency.timeZone)],
    [t('col.division'), divisionLabel(ws, c.division)],
    [t('case.version'), String(c.version)],
  ];
  if (c.missing.length) facts.push([t('case.missing'), c.missing.map((m) => requirementLabel(ws, m)).join('; ')]);
  if (c.invalid.length) facts.push([t('case.invalid'), c.invalid.map(invalidLabel).join('; ')]);
  if (c.rejectionCode) facts.push([t('case.rejection'), `${label('rejection', c.rejectionCode)}: ${c.rejectionReason || ''}`]);
  if (c.mergedIntoTicket) facts.push([t('case.mergedInto'), h('a', { href: `#/case/${encodeURIComponent(c.mergedIntoTicket)}` }, c.mergedIntoTicket)]);
  if (c.mergedTickets.length) facts.push([t('case.mergedTickets'), c.mergedTickets.join(', ')]);
  if (c.assignee) facts.push([t('field.assignee'), c.assignee]);
  return h('article', { class: 'case', 'data-ticket': c.ticket, 'data-status': c.status },
    h('p', {}, h('a', { href: '#/inbox' }, t('case.back'))),
    h('h1', { id: 'case-title' }, c.ticket, ' ', statusBadge(c.status)),
    h('div', { class: 'grid' },
      h('div', { class: 'col-main' },
        h('section', { class: 'card', 'aria-labelledby': 'sum-title', id: 'summary' },
          h('h2', { id: 'sum-title' }, t('case.summary')),
          h('dl', { class: 'pairs' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
          c.resolution ? h('p', {}, h('a', { href: `#/case/${encodeURIComponent(c.ticket)}/berita-acara`, id: 'print-record', class: 'button' }, t('case.printRecord'))) : null),
        conversation(ws, c),
        timeline(ws, c)),
      h('div', { class: 'col-side' }, actionPanel(ws, c), deskFilesPanel(ws, c), classification(ws, c), deadlines(ws, c), documentLinks(c), statusLinkCard(c))));
}

// --- The case's documents (docs/adr/0048, 0055): the berita acara and case record as PDF and the
// case's archive bundle, downloaded with the officer's credentials. The links show for every role
// that sees the case; the server decides (403/404 is reported on the page).
function documentLinks(c) {
  const ticket = c.ticket;
  const docs = [
    c.resolution ? { id: 'doc-berita-acara', path: 'documents/berita-acara.pdf', name: `${ticket}-berita-acara.pdf`, text: t('docs.beritaAcara') } : null,
    { id: 'doc-case-record', path: 'documents/case-record.pdf', name: `${ticket}-case-record.pdf`, text: t('docs.caseRecord') },
    { id: 'doc-archive', path: 'archive.zip', name: `${ticket}-arsip.zip`, text: t('docs.archive') },
  ].filter(Boolean);
  const items = docs.map((d) => {
    const link = h('a', { href: '#', id: d.id, 'data-document': d.path }, d.text);
    link.addEventListener('click', async (e) => {
      e.preventDefault();
      try {
        const file = await api.caseDocument(ticket, `${d.path}${lang() === 'en' ? '?lang=en' : ''}`);
        const url = URL.createObjectURL(new Blob([file.bytes], { type: 'application/octet-stream' }));
        const save = h('a', { href: url, download: d.name, hidden: '' });
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        link.dataset.downloaded = String(file.bytes.byteLength);
      } catch (err) {
        app.notice(`${t('error')}: ${err.status === 403 || err.status === 404 ? t('docs.notAllowed') : err.message}`, 'error');
      }
    });
    return h('li', {}, link);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'docs-title', id: 'documents' },
    h('h2', { id: 'docs-title' }, t('docs.title')),
    h('ul', { class: 'documents' }, items),
    c.resolution ? null : h('p', { class: 'hint' }, t('docs.noBeritaAcara')));
}

/** The berita acara as a page that prints (and saves as PDF) on its own: the browser's print. */
export async function recordView(ticket) {
  const ws = app.workspace;
  const c = await api.case(ticket);
  const r = c.resolution;
  if (!r) return h('div', { class: 'card' }, h('h1', {}, c.ticket), h('p', {}, t('record.none')));
  const summary = [...c.timeline].reverse().find((e) => e.to === 'RESOLVED')?.reason || '';
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  return h('article', { class: 'record', id: 'berita-acara' },
    h('p', { class: 'no-print' }, h('a', { href: `#/case/${encodeURIComponent(c.ticket)}` }, '← ', c.ticket), ' ',
      h('button', { type: 'button', class: 'primary', id: 'print', onclick: () => window.print() }, t('record.print'))),
    h('header', { class: 'record-head' }, h('p', { class: 'agency' }, ws.agency.name), h('h1', {}, t('record.title')), h('p', {}, `${t('record.ticket')}: ${c.ticket}`)),
    h('dl', { class: 'pairs record-body' },
      row(t('record.received'), formatDateTime(c.receivedAt, ws.agency.timeZone)),
      row(t('record.channel'), label('channel', c.channel)),
      row(t('record.division'), divisionLabel(ws, c.division)),
      row(t('record.summary'), summary),
      row(t('record.whatWasDone'), r.whatWasDone),
      row(t('record.doneBy'), (r.doneBy || []).join(', ')),
      row(t('record.doneAt'), formatDateTime(r.doneAt, ws.agency.timeZone)),
      row(t('record.informed'), label('channel', r.citizenInformedVia)),
      r.proofOfDelivery ? row(t('record.proof'), r.proofOfDelivery) : null),
    h('div', { class: 'signatures' }, (r.doneBy || []).map((name) => h('div', { class: 'signature' }, h('div', { class: 'line' }), h('p', {}, name), h('small', {}, t('record.signature'))))));
}

// ---- The case's files, attaching more, originals shown at the desk (docs/adr/0052) ----

/** Timeline kinds whose requirements are satisfied rather than missing. */
const SATISFYING = ['FILES_ATTACHED', 'PRESENTED_AT_DESK'];

/** Every file of the case, each a link served as what its bytes are. */
function caseFileLinks(c) {
  const files = c.attachments || [];
  if (files.length === 0) return h('p', { class: 'muted' }, t('files.none'));
  return h('ul', { class: 'case-files' }, files.map((f) => {
    const link = h('a', { href: '#', 'data-file': f.fileId }, f.fileName || f.attachmentId);
    link.addEventListener('click', async (e) => {
      e.preventDefault();
      try {
        await openFile(c.ticket, f, link);
      } catch (err) {
        app.notice(`${t('error')}: ${err.message}`, 'error');
      }
    });
    return h('li', {}, link, f.mediaType ? ` (${f.mediaType})` : '');
  }));
}

/** Sends a desk-files form; the page reloads with the case's new state or says what went wrong. */
async function submitDeskForm(c, form, send, done) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await send();
    app.go(`#/case/${encodeURIComponent(c.ticket)}`, { text: t('case.done', { a: done }), kind: 'ok' });
  } catch (err) {
    button.disabled = false;
    if (err instanceof ApiError && (err.status === 412 || err.type.endsWith('/stale-version'))) {
      app.go(`#/case/${encodeURIComponent(c.ticket)}`, { text: t('case.stale'), kind: 'warn' });
    } else {
      const bilingual = err.problem?.[lang() === 'en' ? 'messageEn' : 'messageId'];
      app.notice(`${t('error')}: ${bilingual || err.message}`, 'error');
    }
  }
}

function attachFilesForm(ws, c) {
  const form = h('form', { class: 'action-form', id: 'attach-files-form' },
    h('div', { class: 'desk-files' }, deskFileRow(ws)),
    h('button', { type: 'submit', class: 'primary' }, t('files.attach')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const files = deskFiles(form);
    if (files.length === 0) return app.notice(t('files.chooseOne'), 'error');
    return submitDeskForm(c, form, () => api.attachFiles(c.ticket, c.version, files), t('files.attach'));
  });
  return h('details', { class: 'action', id: 'action-attach-files' }, h('summary', {}, t('files.attach')), form);
}

function presentedForm(ws, c) {
  const form = h('form', { class: 'action-form', id: 'presented-form' },
    h('p', {}, t('files.presented')),
    documentRequirements(ws).map((r) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'presentedAtDesk', value: r.code }), ' ', named(r))),
    h('button', { type: 'submit', class: 'primary' }, t('files.presentedSubmit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const ids = new FormData(form).getAll('presentedAtDesk');
    if (ids.length === 0) return app.notice(t('files.chooseRequirement'), 'error');
    return submitDeskForm(c, form, () => api.presented(c.ticket, c.version, ids), t('files.presentedSubmit'));
  });
  return h('details', { class: 'action', id: 'action-presented' }, h('summary', {}, t('files.presentedSubmit')), form);
}

/** The files card: links to every file, and while the case is live the two desk controls. */
function deskFilesPanel(ws, c) {
  const live = LIVE.includes(c.status);
  return h('section', { class: 'card', 'aria-labelledby': 'files-title', id: 'case-files' },
    h('h2', { id: 'files-title' }, t('files.title')),
    caseFileLinks(c),
    live ? attachFilesForm(ws, c) : null,
    live && documentRequirements(ws).length ? presentedForm(ws, c) : null);
}

// --- The reporter's status link (docs/adr/0053): what the front desk hands or prints for a citizen
// without a two-way channel, who follows the case and answers its survey on the status page with it.
function statusLinkCard(c) {
  const out = h('p', { id: 'status-link' }, t('statusLink.loading'));
  api.statusLink(c.ticket)
    .then((s) => {
      const url = new URL(s.link, location.origin).href;
      out.replaceChildren(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url));
    })
    .catch(() => out.replaceChildren(t('statusLink.unavailable')));
  return h('section', { class: 'card', 'aria-labelledby': 'status-link-title' },
    h('h2', { id: 'status-link-title' }, t('statusLink.title')),
    h('p', { class: 'hint' }, t('statusLink.hint')),
    out);
}
