// The public web complaint form (/lapor/{agency}, docs/adr/0054). It asks the case service what
// the agency's form offers (GET /api/v1/public/{agency}/form), solves a proof-of-work challenge in
// the background while the citizen writes, and submits (POST /api/v1/public/{agency}/complaints):
// the answer is the ticket and the status link. Bahasa Indonesia first, English by the toggle.
// Text only ever goes in as text, never as markup.
import { solve } from './sha256.js';

const TEXT = {
  id: {
    pageTitle: 'Formulir pengaduan',
    title: 'Formulir pengaduan',
    skip: 'Langsung ke formulir',
    toggle: 'English',
    requirements: 'Persyaratan',
    requirementsNone: 'Tidak ada persyaratan khusus. Uraikan pengaduan Anda dengan jelas.',
    forCaseTypes: { INFORMATION_REQUEST: 'untuk permohonan informasi', COMPLAINT: 'untuk pengaduan', ASPIRATION: 'untuk aspirasi' },
    description: 'Isi pengaduan',
    descriptionHint: 'Uraikan apa yang terjadi, di mana dan kapan.',
    name: 'Nama (boleh dikosongkan)',
    contact: 'Kontak untuk balasan',
    contactHint: 'Boleh dikosongkan: Anda tetap dapat memantau pengaduan dengan nomor tiket. Jika keduanya diisi, balasan dikirim melalui WhatsApp.',
    whatsapp: 'Nomor WhatsApp',
    email: 'Alamat email',
    nik: 'NIK (nomor induk kependudukan)',
    nikHint: 'Persyaratan instansi ini: NIK yang valid (16 angka). Boleh juga dikirim kemudian.',
    anonymous: 'Tanpa identitas (anonim)',
    anonymousHint: 'Nama Anda tidak disimpan. Balasan tetap dikirim ke kontak di atas, jika diisi.',
    confidential: 'Rahasiakan pengaduan saya',
    confidentialHint: 'Identitas Anda hanya dapat dilihat petugas yang berwenang, dan pengaduan tidak dipublikasikan.',
    files: 'Berkas pendukung (boleh dikosongkan)',
    filesHint: (n, mb) => `PDF, JPEG, PNG, GIF atau WebP; paling banyak ${n} berkas, masing-masing paling besar ${mb} MB. Berkas juga dapat dikirim kemudian melalui WhatsApp atau email dari kontak yang Anda isi.`,
    otherFile: 'Berkas lain (misalnya foto)',
    submit: 'Kirim pengaduan',
    working: 'Menyiapkan pemeriksaan keamanan…',
    sending: 'Mengirim…',
    resultTitle: 'Pengaduan terkirim',
    ticket: 'Nomor tiket Anda',
    ticketHint: 'Simpan nomor tiket ini untuk memantau pengaduan Anda.',
    statusLink: 'Cek status pengaduan',
    missingIntro: 'Agar dapat diproses, instansi masih memerlukan:',
    loadError: 'Formulir tidak dapat dimuat. Periksa alamat halaman atau coba lagi nanti.',
    noForm: 'Formulir pengaduan daring tidak tersedia untuk instansi ini.',
    tooLarge: 'Isian atau berkas terlalu besar. Persingkat isi pengaduan atau kirim berkas yang lebih kecil.',
    error: 'Pengaduan tidak dapat dikirim saat ini. Coba lagi nanti.',
    fieldErrors: 'Periksa kembali isian yang ditandai.',
    descriptionRequired: 'Tuliskan isi pengaduan Anda.',
  },
  en: {
    pageTitle: 'Complaint form',
    title: 'Complaint form',
    skip: 'Skip to the form',
    toggle: 'Bahasa Indonesia',
    requirements: 'Requirements',
    requirementsNone: 'No particular requirements. Please describe your complaint clearly.',
    forCaseTypes: { INFORMATION_REQUEST: 'for information requests', COMPLAINT: 'for complaints', ASPIRATION: 'for suggestions' },
    description: 'Your complaint',
    descriptionHint: 'Describe what happened, where and when.',
    name: 'Name (optional)',
    contact: 'Contact for replies',
    contactHint: 'Optional: you can always follow your complaint by its ticket number. If you give both, replies go to WhatsApp.',
    whatsapp: 'WhatsApp number',
    email: 'Email address',
    nik: 'NIK (national identity number)',
    nikHint: 'This agency requires a valid NIK (16 digits). You may also send it later.',
    anonymous: 'Without my identity (anonymous)',
    anonymousHint: 'Your name is not kept. Replies still go to the contact above, if given.',
    confidential: 'Keep my complaint confidential',
    confidentialHint: 'Only authorised officers can see who you are, and the complaint is never published.',
    files: 'Supporting files (optional)',
    filesHint: (n, mb) => `PDF, JPEG, PNG, GIF or WebP; at most ${n} files of at most ${mb} MB each. Files can also be sent later on WhatsApp or by email from the contact you give.`,
    otherFile: 'Another file (a photo, say)',
    submit: 'Send complaint',
    working: 'Preparing the security check…',
    sending: 'Sending…',
    resultTitle: 'Complaint sent',
    ticket: 'Your ticket number',
    ticketHint: 'Keep this ticket number to follow your complaint.',
    statusLink: 'Check the complaint\'s status',
    missingIntro: 'To handle it, the agency still needs:',
    loadError: 'The form could not be loaded. Check the address or try again later.',
    noForm: 'This agency has no online complaint form.',
    tooLarge: 'Too much text or too large files. Please shorten your complaint or send smaller files.',
    error: 'The complaint cannot be sent right now. Please try again later.',
    fieldErrors: 'Please check the marked fields.',
    descriptionRequired: 'Please describe your complaint.',
  },
};

const FIELDS = ['description', 'name', 'whatsapp', 'email', 'nik', 'anonymous', 'confidential', 'files'];
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/gif,image/webp';
const PROOF_RETRY = new Set(['proof-missing', 'proof-invalid', 'proof-expired']);

const $ = (id) => document.getElementById(id);
const agency = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');

let lang = localStorage.getItem('aduan.lang') === 'en' ? 'en' : 'id';
let form = null;
let proof = null; // a promise of {challenge, nonce}
let problem = null; // the last refusal: {summary: {id, en} | key, fields: {field: {id, en}}}
let result = null;
let loadError = null;
let busy = null;

function api(path) {
  return `/api/v1/public/${encodeURIComponent(agency)}${path}`;
}

function text(node, value) {
  node.textContent = value;
}

/** A value in the current language: a key of TEXT, or {id, en} from the server. */
function say(value) {
  return typeof value === 'string' ? TEXT[lang][value] : (lang === 'en' ? value.en : value.id);
}

function requirementLine(r) {
  const types = (r.caseTypes || []).map((c) => TEXT[lang].forCaseTypes[c]).filter(Boolean);
  return types.length ? `${say(r.label)} (${types.join(', ')})` : say(r.label);
}

function list(node, items) {
  node.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.textContent = item;
    return li;
  }));
}

function show() {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  document.title = form ? `${t.pageTitle}: ${form.name}` : t.pageTitle;
  text($('title'), t.title);
  text($('skip'), t.skip);
  const toggle = $('lang-toggle');
  text(toggle, t.toggle);
  toggle.lang = lang === 'id' ? 'en' : 'id';
  const failed = $('load-error');
  failed.hidden = !loadError;
  if (loadError) text(failed, t[loadError]);
  if (!form) return;
  text($('agency-name'), form.name);

  $('requirements').hidden = false;
  text($('requirements-title'), t.requirements);
  list($('requirements-list'), form.requirements.map(requirementLine));
  $('requirements-none').hidden = form.requirements.length > 0;
  text($('requirements-none'), t.requirementsNone);

  $('complaint').hidden = !!result;
  text($('description-label'), t.description);
  text($('description-hint'), t.descriptionHint);
  $('description').maxLength = form.maxDescription;
  text($('name-label'), t.name);
  $('name').maxLength = form.maxName;
  text($('contact-legend'), t.contact);
  text($('contact-hint'), t.contactHint);
  $('contact').hidden = !form.whatsapp && !form.email;
  $('whatsapp-field').hidden = !form.whatsapp;
  text($('whatsapp-label'), t.whatsapp);
  $('email-field').hidden = !form.email;
  text($('email-label'), t.email);
  $('nik-field').hidden = !form.nik;
  text($('nik-label'), t.nik);
  text($('nik-hint'), t.nikHint);
  for (const option of ['anonymous', 'confidential']) {
    $(`${option}-field`).hidden = !form[option];
    $(`${option}-hint`).hidden = !form[option];
    text($(`${option}-label`), t[option]);
    text($(`${option}-hint`), t[`${option}Hint`]);
  }
  $('files-fieldset').hidden = false;
  text($('files-legend'), t.files);
  text($('files-hint'), t.filesHint(form.maxFiles, Math.floor(form.maxFileBytes / 1048576)));
  for (const input of fileInputs()) {
    const r = form.requirements.find((x) => `file-${x.id}` === input.id);
    text(document.querySelector(`label[for="${input.id}"]`), r ? say(r.label) : t.otherFile);
  }
  text($('submit'), t.submit);
  text($('form-status'), busy ? t[busy] : '');

  const summary = $('form-error');
  summary.hidden = !problem;
  text(summary, problem ? say(problem.summary) : '');
  for (const field of FIELDS) {
    const error = $(`${field}-error`);
    const message = problem && problem.fields[field];
    error.hidden = !message;
    text(error, message ? say(message) : '');
    for (const control of field === 'files' ? fileInputs() : [$(field)]) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  $('result').hidden = !result;
  if (result) {
    text($('result-title'), t.resultTitle);
    text($('ticket-label'), t.ticket);
    text($('ticket'), result.ticket);
    text($('ticket-hint'), t.ticketHint);
    const link = $('status-link');
    link.href = result.statusUrl;
    text(link, `${t.statusLink}: ${result.ticket}`);
    $('missing').hidden = result.missing.length === 0;
    text($('missing-intro'), t.missingIntro);
    list($('missing-list'), result.missing.map(requirementLine));
  }
}

async function newProof() {
  const response = await fetch(api('/form/challenge'), { headers: { Accept: 'application/json' } });
  if (!response.ok) throw Object.assign(new Error('challenge'), { response });
  const c = await response.json();
  return { challenge: c.challenge, nonce: await solve(c.challenge, c.bits) };
}

function startProof() {
  proof = newProof();
  proof.catch(() => {}); // reported when the form is sent
}

function fileInputs() {
  return [...document.querySelectorAll('#file-inputs input[type=file]')];
}

/** One file input per document the agency's standard asks for, and one for anything else. */
function buildFileInputs() {
  const wanted = form.requirements.filter((r) => r.kind === 'document' || r.kind === 'nik');
  const inputs = [...wanted.map((r) => [`file-${r.id}`, r.id]), ['file-other', '']];
  $('file-inputs').replaceChildren(...inputs.map(([id, requirement]) => {
    const input = document.createElement('input');
    Object.assign(input, { type: 'file', id, name: 'files', accept: ACCEPT });
    input.dataset.requirement = requirement;
    input.setAttribute('aria-describedby', 'files-hint files-error');
    const label = document.createElement('label');
    label.htmlFor = id;
    const wrap = document.createElement('div');
    wrap.className = 'field';
    wrap.append(label, input);
    return wrap;
  }));
}

function body(solved) {
  const value = (id) => $(id).value;
  return {
    description: value('description'),
    name: value('name'),
    whatsapp: form.whatsapp ? value('whatsapp') : '',
    email: form.email ? value('email') : '',
    nik: form.nik ? value('nik') : '',
    anonymous: form.anonymous && $('anonymous').checked,
    confidential: form.confidential && $('confidential').checked,
    website: value('website'),
    challenge: solved.challenge,
    nonce: solved.nonce,
  };
}

async function refusal(response) {
  if (response.status === 413) return { summary: 'tooLarge', fields: {} };
  let p = null;
  try {
    p = await response.json();
  } catch {
    // not a problem document
  }
  if (!p || !p.reason) return { summary: 'error', fields: {} };
  const fields = {};
  for (const e of p.errors || []) fields[e.field] = { id: e.id, en: e.en };
  return { summary: { id: p.detail, en: p.detailEn }, fields, reason: p.reason };
}

async function send() {
  let solved;
  try {
    solved = await proof;
  } catch (e) {
    return e.response ? refusal(e.response) : { summary: 'error', fields: {} };
  }
  busy = 'sending';
  show();
  const data = new FormData();
  data.append('complaint', new Blob([JSON.stringify(body(solved))], { type: 'application/json' }));
  for (const input of fileInputs()) {
    for (const file of input.files) {
      data.append('files', file, file.name);
      data.append('requirements', input.dataset.requirement);
    }
  }
  const response = await fetch(api('/complaints'), {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: data,
  });
  if (response.ok) {
    result = await response.json();
    return null;
  }
  return refusal(response);
}

async function submit(event) {
  event.preventDefault();
  if (busy) return;
  problem = null;
  if (!$('description').value.trim()) {
    problem = { summary: 'fieldErrors', fields: { description: 'descriptionRequired' } };
  } else {
    busy = 'working';
    show();
    try {
      problem = await send();
      // A challenge that expired or was refused: one more, solved, and sent once more.
      if (problem && PROOF_RETRY.has(problem.reason)) {
        startProof();
        busy = 'working';
        show();
        problem = await send();
      }
    } catch {
      problem = { summary: 'error', fields: {} };
    }
    busy = null;
    if (problem && problem.reason !== 'invalid-fields') startProof();
  }
  show();
  if (result) {
    $('result').focus();
  } else if (problem) {
    const first = FIELDS.find((f) => problem.fields[f]);
    const control = first === 'files' ? fileInputs()[0] : first && $(first);
    (control || $('form-error')).focus();
  }
}

async function load() {
  try {
    const response = await fetch(api('/form'), { headers: { Accept: 'application/json' } });
    if (response.ok) {
      form = await response.json();
      buildFileInputs();
      startProof();
    } else {
      loadError = response.status === 404 ? 'noForm' : 'loadError';
    }
  } catch {
    loadError = 'loadError';
  }
  show();
}

$('complaint').addEventListener('submit', submit);
$('lang-toggle').addEventListener('click', () => {
  lang = lang === 'id' ? 'en' : 'id';
  localStorage.setItem('aduan.lang', lang);
  show();
});
show();
load();
