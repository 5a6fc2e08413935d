// Every call the officer UI makes to the case service, in one place, so an endpoint that moves
// changes here only. Credentials (HTTP Basic, the local default) live in sessionStorage: they go
// when the tab closes. "X-Requested-With" makes Spring Security answer 401 without the
// WWW-Authenticate header, so the browser never shows its own login dialog over the page.

import { bearerToken, forgetToken } from './oidc.js';

const KEY = 'aduan.credentials';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  get type() {
    return this.problem.type || '';
  }
}

export function signedIn() {
  return bearerToken() !== null || sessionStorage.getItem(KEY) !== null;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  forgetToken();
}

/** The Authorization header: the provider's token in oidc mode (oidc.js), else HTTP Basic. */
function authorizationHeader(credentials) {
  const token = bearerToken();
  if (token && !credentials) return `Bearer ${token}`;
  const basic = credentials || sessionStorage.getItem(KEY);
  return basic ? `Basic ${basic}` : null;
}

function encode(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}

async function call(method, path, body, credentials) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  const authorization = authorizationHeader(credentials);
  if (authorization) headers.Authorization = authorization;
  // A FormData body (files, docs/adr/0052) goes as multipart/form-data with the browser's boundary.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  let response;
  try {
    const payload = body === undefined ? undefined : multipart ? body : JSON.stringify(body);
    response = await fetch(path, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, { title: 'network', detail: String(e.message || e) });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text.slice(0, 300) };
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !credentials) {
      signOut();
      window.dispatchEvent(new CustomEvent('aduan:signed-out'));
    }
    throw new ApiError(response.status, data);
  }
  return data;
}

// A file of a case: its bytes, the type the server found in them (never the type the sender
// declared) and whether the server allows showing it inline (docs/adr/0028).
async function file(path) {
  const response = await fetch(path, {
    headers: { Authorization: authorizationHeader(), 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new ApiError(response.status, null);
  return {
    bytes: await response.arrayBuffer(),
    type: (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase(),
    inline: (response.headers.get('Content-Disposition') || '').toLowerCase().startsWith('inline'),
  };
}

const enc = encodeURIComponent;

/** Checks the credentials against the service and keeps them for this tab. */
export async function signIn(username, password) {
  const credentials = encode(username, password);
  const workspace = await call('GET', '/api/v1/workspace', undefined, credentials);
  sessionStorage.setItem(KEY, credentials);
  return workspace;
}

export const api = {
  workspace: () => call('GET', '/api/v1/workspace'),

  /** filters: status, division, channel, sla, q */
  inbox: (filters = {}) => {
    const params = new URLSearchParams();
    Object.entries(filters).forEach(([k, v]) => v && params.set(k, v));
    return call('GET', `/api/v1/inbox?${params}`);
  },

  search: (q) => call('GET', `/api/v1/cases?q=${enc(q)}`),
  case: (ticket) => call('GET', `/api/v1/cases/${enc(ticket)}`),
  /** The officer list as CSV (GET /api/v1/cases/export, the list's own parameters). */
  exportCsv: (query) => file(`/api/v1/cases/export?${query}`),
  citizen: (ticket) => call('GET', `/api/v1/cases/${enc(ticket)}/citizen`),
  /** A file to preview: inline only when the server sniffed a passive image in its bytes. */
  attachment: (ticket, id) => file(`/api/v1/cases/${enc(ticket)}/attachments/${enc(id)}?disposition=inline`),
  /** A document of the case: documents/berita-acara.pdf, documents/case-record.pdf, archive.zip. */
  statusLink: (ticket) => call('GET', `/api/v1/cases/${enc(ticket)}/status-link`),
  caseDocument: (ticket, path) => file(`/api/v1/cases/${enc(ticket)}/${path}`),

  /**
   * A lifecycle action: POST /api/v1/cases/{ticket}/{action} with the version the officer saw.
   * Actions: verify, mark-complete, classify, route, assign, request-information, start-progress,
   * note, reply, answer, resolve, reject, merge, reopen, archive, extend-deadline, ppid/advance,
   * ppid/grant, ppid/refuse; assign ({officer}), notes ({text}), reply ({text}). An action the
   * server does not offer answers 404/405, and the page says so.
   */
  act: (ticket, action, version, body = {}) =>
    call('POST', `/api/v1/cases/${enc(ticket)}/${action}`, { ...body, version }),

  intake: (form) => call('POST', '/api/v1/intake', form),

  /**
   * Files kept by the case service (docs/adr/0052). files: [{file, requirement}] (requirement: an
   * id of the agency's document requirements, or '').
   */
  intakeWithFiles: (form, files) => call('POST', '/api/v1/intake', filesForm(files, 'intake', form)),
  attachFiles: (ticket, version, files) => {
    const data = filesForm(files);
    data.append('version', String(version));
    return call('POST', `/api/v1/cases/${enc(ticket)}/files`, data);
  },
  presented: (ticket, version, requirements) =>
    call('POST', `/api/v1/cases/${enc(ticket)}/presented`, { version, requirements }),

  operations: (days = 14) => call('GET', `/api/v1/operations/summary?days=${enc(days)}`),
};

/** A multipart body: the JSON part (if any), each file and the requirement it satisfies. */
function filesForm(files, jsonName, json) {
  const data = new FormData();
  if (jsonName) data.append(jsonName, new Blob([JSON.stringify(json)], { type: 'application/json' }));
  for (const { file, requirement } of files) {
    data.append('files', file, file.name);
    data.append('requirements', requirement || '');
  }
  return data;
}
