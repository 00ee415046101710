// The dashboard's shell: sign-in, the header (pages for the user's role, store picker), and a
// hash router that renders one page at a time and cleans up after it (live streams, charts).
import { api, storePath, whenSignedOut } from './api.js';
import { announce, field, h } from './dom.js';

const ANALYSTS = ['admin', 'merchandiser'];
const PAGES = [
  {
    id: 'store',
    title: 'Store overview',
    roles: ['admin', 'merchandiser', 'store-manager'],
    load: () => import('./views/store.js'),
  },
  {
    id: 'recommendations',
    title: 'Recommendations',
    roles: ANALYSTS,
    load: () => import('./views/recommendations.js'),
  },
  { id: 'rules', title: 'Basket rules', roles: ANALYSTS, load: () => import('./views/rules.js') },
  { id: 'planner', title: 'Layout planner', roles: ANALYSTS, load: () => import('./views/planner.js') },
  { id: 'experiments', title: 'Experiments', roles: ANALYSTS, load: () => import('./views/experiments.js') },
  { id: 'flows', title: 'Zone flows', roles: ANALYSTS, load: () => import('./views/flows.js') },
  { id: 'fleet', title: 'Fleet', roles: ['admin'], load: () => import('./views/fleet.js') },
  {
    id: 'provisioning',
    title: 'Provisioning',
    roles: ['admin'],
    load: () => import('./views/provisioning.js'),
  },
];
const HOME = { 'store-manager': 'store', merchandiser: 'store', admin: 'fleet' };

const main = document.getElementById('main');
const header = document.querySelector('header.top');
const state = { session: undefined, stores: [], storeId: undefined, layouts: new Map(), cleanups: [] };

function cleanup() {
  for (const fn of state.cleanups.splice(0)) {
    try {
      fn();
    } catch {
      // a page's cleanup failing must not keep the next page from rendering
    }
  }
}

function showLogin(message) {
  cleanup();
  header.hidden = true;
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { className: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { className: 'login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    field('User name', username),
    field('Password', password),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await api('/api/v1/auth/login', {
        method: 'POST',
        body: { username: username.value, password: password.value },
      });
      await start();
    } catch (err) {
      error.textContent = err.status === 401 ? 'Wrong user name or password.' : err.message;
    }
  });
  main.replaceChildren(form);
  username.focus();
}

async function start() {
  const session = await api('/api/v1/session');
  if (!session.user) return showLogin();
  state.session = session;
  state.stores = (await api('/api/v1/stores')).stores;
  state.storeId = state.stores.some((s) => s.storeId === state.storeId)
    ? state.storeId
    : state.stores[0]?.storeId;
  const { user } = session;
  document.getElementById('who').textContent = `${user.username} · ${user.role}`;
  const select = document.getElementById('store-select');
  select.replaceChildren(...state.stores.map((s) => h('option', { value: s.storeId }, s.name)));
  if (state.storeId) select.value = state.storeId;
  select.onchange = () => {
    state.storeId = select.value;
    render();
  };
  const nav = document.getElementById('nav');
  nav.replaceChildren(
    ...PAGES.filter((p) => p.roles.includes(user.role)).map((p) =>
      h('li', {}, h('a', { href: `#/${p.id}`, dataset: { page: p.id } }, p.title)),
    ),
  );
  header.hidden = false;
  await render();
}

async function layoutOf(storeId) {
  if (!state.layouts.has(storeId)) state.layouts.set(storeId, api(storePath(storeId, '/layout')));
  return state.layouts.get(storeId);
}

async function render() {
  cleanup();
  const role = state.session.user.role;
  const wanted = location.hash.replace(/^#\//, '');
  const page =
    PAGES.find((p) => p.id === wanted && p.roles.includes(role)) ?? PAGES.find((p) => p.id === HOME[role]);
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === page.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const store = state.stores.find((s) => s.storeId === state.storeId);
  const body = h('div', { className: `page page-${page.id}` });
  main.replaceChildren(
    h('h1', {}, page.title, store ? h('span', { className: 'sub' }, ` · ${store.name}`) : ''),
    body,
  );
  document.title = `${page.title} · Store analytics`;
  if (!store && page.id !== 'fleet') {
    body.append(
      h(
        'p',
        { className: 'notice' },
        'No store is visible to you yet: a store appears once its layout is imported.',
      ),
    );
    return;
  }
  const ctx = {
    user: state.session.user,
    services: state.session.services,
    stores: state.stores,
    store,
    layout: () => layoutOf(store.storeId),
    onCleanup: (fn) => state.cleanups.push(fn),
  };
  try {
    const view = await page.load();
    await view.render(body, ctx);
  } catch (err) {
    if (err.status === 401) return;
    body.append(h('p', { className: 'error', role: 'alert' }, `Could not load this page: ${err.message}`));
  }
}

whenSignedOut(() => showLogin('Your session has ended; please sign in again.'));
window.addEventListener('hashchange', () => state.session && render());
document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
  state.session = undefined;
  state.layouts.clear();
  announce('Signed out.');
  showLogin();
});

start().catch((err) => showLogin(`The hub could not be reached: ${err.message}`));
