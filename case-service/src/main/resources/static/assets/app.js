// The officer application: a hash router over a few views. No build step, no framework: the
// browser loads these ES modules as they are (docs/adr/0022-officer-ui-plain-modules.md).
import { api, signIn, signOut, signedIn } from './api.js';
import { t, lang, setLang } from './i18n.js';
import { h, announce, field } from './ui.js';
import { inboxView } from './inbox.js';
import { caseView, recordView } from './case.js';
import { intakeView } from './intake.js';
import { dashboardView } from './dashboard.js';
import { signInSettings, oidcMode, redirectToProvider, completeSignIn } from './oidc.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const notice = document.getElementById('notice');
let workspace = null;
let pendingNotice = null;

export const app = {
  get workspace() {
    return workspace;
  },
  notice: (text, kind) => announce(notice, text, kind),
  clearNotice: () => {
    notice.textContent = '';
    notice.className = '';
  },
  /** Shows the view at hash; a notice given here appears once that view is rendered. */
  go: (hash, notice = null) => {
    pendingNotice = notice;
    if (location.hash === hash) route();
    else location.hash = hash;
  },
};

function renderChrome() {
  document.title = t('app.title');
  document.documentElement.lang = lang();
  document.getElementById('skip-link').textContent = t('skip');
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('lang.switch');
  toggle.setAttribute('lang', lang() === 'id' ? 'en' : 'id');
  nav.replaceChildren();
  if (!workspace) return;
  const current = location.hash.split('?')[0] || '#/inbox';
  const link = (href, key) =>
    h('a', { href, id: `nav-${key.split('.')[1]}`, 'aria-current': current.startsWith(href) ? 'page' : null }, t(key));
  nav.append(
    link('#/inbox', 'nav.inbox'),
    link('#/intake', 'nav.intake'),
    link('#/dashboard', 'nav.dashboard'),
    h('span', { class: 'who', id: 'who' }, `${workspace.displayName} · ${workspace.agency.code}${workspace.division ? ' · ' + workspace.division : ''}`),
    h('button', { type: 'button', class: 'link-button', id: 'signout', onclick: () => { signOut(); workspace = null; app.go('#/login'); } }, t('nav.signout')),
  );
}

function loginView() {
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const form = h('form', { class: 'card narrow', id: 'login-form', novalidate: true },
    h('h1', { tabindex: '-1' }, t('login.title')),
    field(t('login.username'), 'username', { required: true, attrs: { autocomplete: 'username', autocapitalize: 'none' } }),
    field(t('login.password'), 'password', { type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('login.submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    try {
      workspace = await signIn(String(data.get('username')).trim(), String(data.get('password')));
      app.go('#/inbox');
    } catch (err) {
      error.textContent = err.status === 401 ? t('login.failed') : `${t('error')}: ${err.message}`;
    }
  });
  return form;
}

/** In oidc mode: one button that sends the officer to the agency's identity provider. */
function providerLoginView(problem) {
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' }, problem || '');
  const button = h('button', { type: 'button', class: 'primary', id: 'login-provider' }, t('login.provider'));
  button.addEventListener('click', async () => {
    error.textContent = '';
    try {
      await redirectToProvider();
    } catch (err) {
      error.textContent = `${t('error')}: ${err.message}`;
    }
  });
  return h('div', { class: 'card narrow', id: 'login-form' }, h('h1', { tabindex: '-1' }, t('login.title')), error, button);
}

let signInProblem = null;
// Each route() call takes a number; a view is shown only if no later navigation began while it
// loaded, so a slow earlier view (a case still loading when the officer switches language and
// then opens the inbox) never replaces the one the officer asked for last.
let navigation = 0;

async function route() {
  const current = ++navigation;
  const [path, query] = (location.hash || '#/inbox').slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean);
  if (!signedIn() && parts[0] !== 'login') {
    app.go('#/login');
    return;
  }
  if (signedIn() && !workspace) {
    try {
      workspace = await api.workspace();
    } catch (e) {
      if (e.status === 401) return app.go('#/login');
      throw e;
    }
  }
  renderChrome();
  let view;
  try {
    main.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    switch (parts[0]) {
      case 'login':
        view = oidcMode() ? providerLoginView(signInProblem) : loginView();
        break;
      case 'case':
        view = parts[2] === 'berita-acara' ? await recordView(decodeURIComponent(parts[1])) : await caseView(decodeURIComponent(parts[1]));
        break;
      case 'intake':
        view = intakeView();
        break;
      case 'dashboard':
        view = await dashboardView(params);
        break;
      default:
        view = await inboxView(params);
    }
  } catch (e) {
    view = h('div', { class: 'card' }, h('h1', { tabindex: '-1' }, t('error')), h('p', { class: 'error' }, e.message));
  }
  if (current !== navigation) return;
  main.replaceChildren(view);
  const heading = main.querySelector('h1');
  if (heading && document.activeElement !== document.body) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  if (parts[0] === 'login') main.querySelector('input')?.focus();
  if (pendingNotice) {
    app.notice(pendingNotice.text, pendingNotice.kind);
    pendingNotice = null;
  }
}

document.getElementById('lang-toggle').addEventListener('click', () => {
  setLang(lang() === 'id' ? 'en' : 'id');
  route();
});
window.addEventListener('hashchange', () => {
  app.clearNotice();
  route();
});
window.addEventListener('aduan:signed-out', () => {
  workspace = null;
  app.go('#/login');
});
setLang(lang());
// In oidc mode a page the provider sent back completes the sign-in before the first view.
signInSettings()
  .then(() => (oidcMode() ? completeSignIn() : false))
  .then((signedInNow) => {
    if (signedInNow && (!location.hash || location.hash.startsWith('#/login'))) {
      history.replaceState(null, '', `${location.pathname}#/inbox`);
    }
  })
  .catch((e) => {
    signInProblem = `${t('error')}: ${e.message}`;
  })
  .finally(route);
