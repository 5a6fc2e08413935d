// The citizens' status page (/status): a ticket number in, its status and dates out, from the
// public lookup (GET /api/v1/public/status/{ticket}), which carries no personal data. Bahasa
// Indonesia first, English by the toggle. Text only ever goes in as text, never as markup.
// Opened from a case's status link (?ticket=...&key=..., docs/adr/0053), a resolved case whose
// survey is open shows the satisfaction survey: one answer, POST /api/v1/public/status/{ticket}/survey.

const TEXT = {
  id: {
    title: 'Cek status pengaduan',
    ticket: 'Nomor tiket',
    submit: 'Cek',
    toggle: 'English',
    status: 'Status',
    receivedAt: 'Diterima',
    lastUpdatedAt: 'Terakhir diperbarui',
    closedAt: 'Selesai',
    deadline: 'Batas waktu',
    notFound: 'Nomor tiket tidak ditemukan. Periksa kembali nomor tiket Anda.',
    tooMany: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
    error: 'Status tidak dapat diambil saat ini. Coba lagi nanti.',
    survey: 'Bagaimana penilaian Anda atas penanganan pengaduan ini?',
    ratings: ['1 (sangat tidak puas)', '2', '3', '4', '5 (sangat puas)'],
    comment: 'Komentar (tidak wajib)',
    send: 'Kirim penilaian',
    thanks: 'Terima kasih atas penilaian Anda.',
    surveyClosed: 'Penilaian untuk pengaduan ini sudah diterima atau tidak dapat diberikan lagi.',
    clocks: { completion: 'penyelesaian', 'start-of-handling': 'mulai penanganan', 'walk-in-reception': 'diterima petugas', 'lapor-follow-up': 'tindak lanjut LAPOR!', 'lapor-close': 'penutupan LAPOR!' },
    statuses: {},
  },
  en: {
    title: 'Check a complaint',
    ticket: 'Ticket number',
    submit: 'Check',
    toggle: 'Bahasa Indonesia',
    status: 'Status',
    receivedAt: 'Received',
    lastUpdatedAt: 'Last updated',
    closedAt: 'Closed',
    deadline: 'Deadline',
    notFound: 'No complaint has this ticket number. Please check it.',
    tooMany: 'Too many requests. Please try again in a moment.',
    error: 'The status cannot be read right now. Please try again later.',
    survey: 'How would you rate the handling of this complaint?',
    ratings: ['1 (very dissatisfied)', '2', '3', '4', '5 (very satisfied)'],
    comment: 'Comment (optional)',
    send: 'Send rating',
    thanks: 'Thank you for your rating.',
    surveyClosed: 'This complaint has been rated already or can no longer be rated.',
    clocks: { completion: 'completion', 'start-of-handling': 'start of handling', 'walk-in-reception': 'reception', 'lapor-follow-up': 'LAPOR! follow-up', 'lapor-close': 'LAPOR! closing' },
    statuses: {
      RECEIVED: 'Received', INCOMPLETE: 'Waiting for information from you', VERIFIED: 'Verified',
      ROUTED: 'Passed to the responsible division', IN_PROGRESS: 'Being handled', ANSWERED: 'Answered',
      RESOLVED: 'Resolved', ARCHIVED: 'Resolved and archived', REJECTED: 'Cannot be handled',
      MERGED: 'Merged with another complaint',
    },
  },
};

let lang = localStorage.getItem('aduan.lang') === 'en' ? 'en' : 'id';
let last = null;
let surveyed = null;
const linkKey = new URLSearchParams(location.search).get('key');

const $ = (id) => document.getElementById(id);

function when(iso) {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeStyle: 'short' });
}

function row(list, label, value) {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

function show() {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  $('title').textContent = t.title;
  $('ticket-label').textContent = t.ticket;
  $('submit').textContent = t.submit;
  $('lang-toggle').textContent = t.toggle;
  const result = $('result');
  result.replaceChildren();
  if (!last) return;
  if (last.error) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = t[last.error];
    result.append(p);
    return;
  }
  const s = last.status;
  const list = document.createElement('dl');
  list.id = 'status-details';
  row(list, t.status, (lang === 'en' && t.statuses[s.status]) || s.statusText);
  row(list, t.receivedAt, when(s.receivedAt));
  if (s.lastUpdatedAt) row(list, t.lastUpdatedAt, when(s.lastUpdatedAt));
  if (s.closedAt) row(list, t.closedAt, when(s.closedAt));
  else {
    Object.entries(s.deadlines || {}).forEach(([clock, at]) =>
      row(list, `${t.deadline} (${t.clocks[clock] || clock})`, when(at)));
  }
  const h = document.createElement('h2');
  h.textContent = s.ticket;
  result.append(h, list);
  if (surveyed) {
    const p = document.createElement('p');
    p.id = 'survey-outcome';
    p.textContent = t[surveyed];
    result.append(p);
  } else if (s.surveyOpen && linkKey) {
    result.append(surveyForm(s.ticket, t));
  }
  const beritaAcara = beritaAcaraLink(s);
  if (beritaAcara) result.append(beritaAcara);
}

function surveyForm(ticket, t) {
  const form = document.createElement('form');
  form.id = 'survey';
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = t.survey;
  fieldset.append(legend);
  t.ratings.forEach((label, i) => {
    const id = `rating-${i + 1}`;
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'rating', id, value: String(i + 1), required: true });
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = label;
    fieldset.append(input, l);
  });
  const commentLabel = document.createElement('label');
  commentLabel.htmlFor = 'survey-comment';
  commentLabel.textContent = t.comment;
  const comment = document.createElement('textarea');
  Object.assign(comment, { id: 'survey-comment', maxLength: 1000, rows: 3 });
  const send = document.createElement('button');
  Object.assign(send, { type: 'submit', className: 'primary', id: 'survey-send' });
  send.textContent = t.send;
  form.append(fieldset, commentLabel, comment, send);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const rating = Number(form.querySelector('input[name=rating]:checked')?.value);
    const response = await fetch(`/api/v1/public/status/${encodeURIComponent(ticket)}/survey`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ key: linkKey, rating, comment: comment.value || null }),
    });
    surveyed = response.ok ? 'thanks' : response.status === 429 ? 'tooMany' : 'surveyClosed';
    show();
  });
  return form;
}

// --- The berita acara's download link (docs/adr/0055): the one the resolution message carried,
// shown for a resolved case of an agency that sends it (the API leaves it out otherwise).
const BERITA_ACARA_TEXT = {
  id: { link: 'Unduh berita acara penyelesaian (PDF)', until: 'berlaku sampai' },
  en: { link: 'Download the record of resolution, berita acara (PDF)', until: 'valid until' },
};

function beritaAcaraLink(s) {
  if (!s.beritaAcara || !s.beritaAcara.url) return null;
  const t = BERITA_ACARA_TEXT[lang];
  const p = document.createElement('p');
  p.id = 'berita-acara';
  const a = document.createElement('a');
  a.href = s.beritaAcara.url + (lang === 'en' ? '?lang=en' : '');
  a.rel = 'noopener noreferrer';
  a.textContent = t.link;
  const until = document.createElement('small');
  until.textContent = ` (${t.until} ${new Date(s.beritaAcara.expiresAt).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long' })})`;
  p.append(a, until);
  return p;
}

async function lookup(ticket) {
  const response = await fetch(`/api/v1/public/status/${encodeURIComponent(ticket.trim().toUpperCase())}`,
    { headers: { Accept: 'application/json' } });
  if (response.ok) last = { status: await response.json() };
  else if (response.status === 404 || response.status === 400) last = { error: 'notFound' };
  else if (response.status === 429) last = { error: 'tooMany' };
  else last = { error: 'error' };
  show();
}

$('lookup').addEventListener('submit', (e) => {
  e.preventDefault();
  lookup($('ticket').value);
});
$('lang-toggle').addEventListener('click', () => {
  lang = lang === 'id' ? 'en' : 'id';
  localStorage.setItem('aduan.lang', lang);
  show();
});

const fromLink = new URLSearchParams(location.search).get('ticket');
show();
if (fromLink) {
  $('ticket').value = fromLink;
  lookup(fromLink);
}
