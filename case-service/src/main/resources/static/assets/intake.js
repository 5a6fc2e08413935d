// The front-desk intake: walk-ins, letters, complaint-box slips and phone calls, with the moment
// the complaint was received (deadlines count from it, not from when it was typed in).
import { api } from './api.js';
import { app } from './app.js';
import { t, label, lang } from './i18n.js';
import { h, field, localInputToInstant, nowForInput } from './ui.js';

const optional = (v) => (v === null || String(v).trim() === '' ? null : String(v).trim());

export function intakeView() {
  const ws = app.workspace;
  const modes = ws.frontDesk.length ? ws.frontDesk : ['walk-in', 'letter', 'complaint-box', 'phone'];
  const form = h('form', { class: 'card', id: 'intake-form' },
    h('p', {}, t('intake.lead')),
    h('div', { class: 'two' },
      field(t('intake.mode'), 'mode', { type: 'select', required: true, options: modes.map((m) => [m, label('mode', m)]) }),
      field(t('intake.receivedAt'), 'receivedAt', { type: 'datetime-local', required: true, value: nowForInput(), attrs: { max: nowForInput() } }),
      field(t('intake.reference'), 'reference', { required: true, attrs: { maxlength: 100 } }),
      field(t('field.caseType'), 'caseType', { type: 'select', options: [['', t('case.none')], ...ws.caseTypes.map((x) => [x, label('type', x)])] })),
    h('fieldset', {}, h('legend', {}, t('intake.name')),
      h('div', { class: 'two' },
        field(t('intake.name'), 'name', { attrs: { autocomplete: 'off', maxlength: 200 } }),
        field(t('intake.nik'), 'nik', { attrs: { inputmode: 'numeric', autocomplete: 'off', maxlength: 30 } }),
        field(t('intake.phone'), 'phone', { type: 'tel', attrs: { autocomplete: 'off' } }),
        field(t('intake.email'), 'email', { type: 'email', attrs: { autocomplete: 'off' } })),
      field(t('intake.address'), 'address', { type: 'textarea', attrs: { maxlength: 500 } })),
    field(t('intake.description'), 'description', { type: 'textarea', required: true, attrs: { rows: 5, maxlength: 8000 } }),
    field(t('intake.loss'), 'loss', { type: 'textarea' }),
    field(t('intake.remedy'), 'remedy', { type: 'textarea' }),
    field(t('intake.placeAndTime'), 'placeAndTime'),
    field(t('intake.signed'), 'signed', { type: 'checkbox' }),
    deskFilesFieldset(ws),
    h('button', { type: 'submit', class: 'primary' }, t('intake.submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const f = new FormData(form);
    const body = {
      reference: f.get('reference').trim(),
      mode: f.get('mode'),
      receivedAt: localInputToInstant(f.get('receivedAt')),
      caseType: optional(f.get('caseType')),
      name: optional(f.get('name')),
      address: optional(f.get('address')),
      phone: optional(f.get('phone')),
      email: optional(f.get('email')),
      nik: optional(f.get('nik')),
      description: f.get('description'),
      loss: optional(f.get('loss')),
      remedy: optional(f.get('remedy')),
      placeAndTime: optional(f.get('placeAndTime')),
      signed: f.get('signed') !== null,
      presented: presentedAtDesk(form),
    };
    const files = deskFiles(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const created = files.length ? await api.intakeWithFiles(body, files) : await api.intake(body);
      app.go(`#/case/${encodeURIComponent(created.ticket)}`, { text: t('intake.created', { t: created.ticket }), kind: 'ok' });
    } catch (err) {
      button.disabled = false;
      app.notice(`${t('error')}: ${err.message}`, 'error');
    }
  });
  return h('section', { 'aria-labelledby': 'intake-title' }, h('h1', { id: 'intake-title' }, t('intake.title')), form);
}

// ---- Files the citizen brought, and originals shown at the desk (docs/adr/0052) ----

/** Document requirements of the agency a file or an original at the desk can satisfy. */
export function documentRequirements(ws) {
  return ws.documentRequirements || [];
}

/** One file input with the requirement it satisfies; another row appears once it is chosen. */
export function deskFileRow(ws) {
  const options = [['', t('files.noRequirement')], ...documentRequirements(ws).map((r) => [r.code, requirementName(r)])];
  const select = h('select', { name: 'fileRequirement', 'aria-label': t('files.requirement') },
    ...options.map(([v, text]) => h('option', { value: v }, text)));
  const input = h('input', { type: 'file', name: 'deskFile', accept: 'application/pdf,image/jpeg,image/png,image/gif,image/webp', 'aria-label': t('files.file') });
  const row = h('div', { class: 'desk-file two' }, input, select);
  input.addEventListener('change', () => {
    const list = row.parentElement;
    if (input.files.length && list && list.lastElementChild === row) list.append(deskFileRow(ws));
  });
  return row;
}

/** The fieldset of files and presented originals on the front-desk form. */
function deskFilesFieldset(ws) {
  const presented = documentRequirements(ws).map((r) =>
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'presentedAtDesk', value: r.code }),
      ' ', requirementName(r)));
  return h('fieldset', { id: 'intake-files' }, h('legend', {}, t('files.title')),
    h('p', { class: 'hint' }, t('files.hint')),
    h('div', { class: 'desk-files' }, deskFileRow(ws)),
    presented.length ? h('div', { class: 'presented' }, h('p', {}, t('files.presented')), ...presented) : null);
}

/** The chosen files of a form, each with its requirement. */
export function deskFiles(form) {
  return [...form.querySelectorAll('.desk-file')]
    .map((row) => ({ file: row.querySelector('input[type=file]').files[0], requirement: row.querySelector('select').value }))
    .filter((x) => x.file);
}

/** The requirements whose originals were ticked as presented. */
export function presentedAtDesk(form) {
  return [...form.querySelectorAll('input[name=presentedAtDesk]:checked')].map((c) => c.value);
}

const requirementName = (r) => (lang() === 'en' ? r.en : r.id);
