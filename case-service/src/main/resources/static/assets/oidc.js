// Signing in with the agency's identity provider when the service runs in oidc mode
// (aduan.cases.security.mode=oidc, docs/adr/0033): the authorization code flow with PKCE (S256)
// for a public client, as OAuth 2.0 for browser-based apps recommends. The provider is found from
// its issuer's discovery document. The access token lives in this module's memory only: never in
// storage a script could read later; a reload asks the provider again (its own session makes that
// a redirect without a form). Only the PKCE verifier and the state wait in sessionStorage while the
// browser is at the provider.

const PENDING = 'aduan.oidc.pending';
let settings = null;
let accessToken = null;
let discovery = null;

/** How this service signs officers in: { mode: 'basic' | 'oidc', issuer, clientId, scope }. */
export async function signInSettings() {
  if (!settings) {
    const response = await fetch('/api/v1/public/sign-in', { headers: { Accept: 'application/json' } });
    settings = response.ok ? await response.json() : { mode: 'basic' };
  }
  return settings;
}

export function oidcMode() {
  return settings !== null && settings.mode === 'oidc';
}

/** The bearer token of this tab, or null. */
export function bearerToken() {
  return accessToken;
}

export function forgetToken() {
  accessToken = null;
}

function base64url(bytes) {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

async function provider() {
  if (!discovery) {
    if (!settings.issuer) throw new Error('no identity provider is configured (aduan.cases.security.oidc.issuer)');
    const response = await fetch(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`identity provider discovery: HTTP ${response.status}`);
    discovery = await response.json();
  }
  return discovery;
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

/** Sends the browser to the provider's sign-in page; it comes back with ?code=…&state=…. */
export async function redirectToProvider() {
  const endpoints = await provider();
  const verifier = randomString(48);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * Completes a sign-in the provider sent back: checks the state, exchanges the code with the
 * verifier for the tokens, and removes code and state from the address bar. False when the page
 * was not opened by the provider; throws when the provider refused or the answer does not match.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${(pending && pending.hash) || ''}`);
  if (params.has('error')) throw new Error(`identity provider: ${params.get('error')}`);
  if (!pending || params.get('state') !== pending.state) throw new Error('sign-in answer does not match this tab');
  const endpoints = await provider();
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error(`identity provider token exchange: HTTP ${response.status}`);
  const tokens = await response.json();
  if (!tokens.access_token) throw new Error('identity provider gave no access token');
  accessToken = tokens.access_token;
  return true;
}
