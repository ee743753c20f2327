// Hash router: #/login, #/intake, #/mine, #/tickets/<id>, #/board, #/hr, #/bulletin, #/notifications, #/places.
import { hasRole, session } from './api.js';
import { $, h } from './ui.js';
import { renderLogin } from './pages/login.js';

// Each page's module loads when the page is first opened, so the login page does not fetch the board and its charts.
const PAGES = [
  { path: 'intake', label: '登记投诉', roles: ['staff', 'supervisor', 'manager', 'admin'], load: async () => (await import('./pages/intake.js')).renderIntake },
  { path: 'mine', label: '我的工单', roles: ['staff', 'supervisor', 'manager', 'admin'], load: async () => (await import('./pages/mine.js')).renderMine },
  { path: 'board', label: '时限看板', roles: ['supervisor', 'manager', 'admin'], load: async () => (await import('./pages/board.js')).renderBoard },
  { path: 'hr', label: '绩效报表', roles: ['hr', 'manager', 'admin'], load: async () => (await import('./pages/hr.js')).renderHr },
  { path: 'bulletin', label: '月度通报', roles: ['manager', 'hr', 'admin'], load: async () => (await import('./pages/bulletin.js')).renderBulletin },
  {
    path: 'notifications',
    label: '通知',
    roles: ['staff', 'supervisor', 'manager', 'hr', 'admin'],
    load: async () => (await import('./pages/notifications.js')).renderNotifications,
  },
  { path: 'places', label: '地点管理', roles: ['admin'], load: async () => (await import('./pages/places.js')).renderPlaces },
];
const loadTicketPage = async () => (await import('./pages/ticket.js')).renderTicket;

export function home() {
  if (hasRole('manager', 'supervisor', 'admin')) return '#/board';
  if (hasRole('hr')) return '#/hr';
  return '#/mine';
}

let cleanup = null;
let navigation = 0;

/**
 * Each navigation renders into a slot of its own: a page still loading when the person moves on (the board after
 * sign-in) writes into its detached slot, not over the page opened since, and its cleanup runs at once.
 */
async function show(mine, view, render, ...args) {
  if (mine !== navigation) return; // moved on while the page's module loaded
  const slot = h('div', { class: 'page-slot' });
  view.replaceChildren(slot);
  const done = await render(slot, ...args);
  if (mine === navigation) cleanup = done;
  else done?.();
}

async function route() {
  cleanup?.();
  cleanup = null;
  const mine = ++navigation;
  const view = $('#view');
  const [, page, arg] = location.hash.split('?')[0].split('/');
  const s = session.get();
  renderChrome(s, page);
  if (!s) {
    if (page !== 'login') location.hash = '#/login';
    else renderLogin(view);
    return;
  }
  if (!page || page === 'login') {
    location.hash = home();
    return;
  }
  view.replaceChildren();
  if (page === 'tickets' && arg) {
    const renderTicket = await loadTicketPage();
    await show(mine, view, renderTicket, arg);
    return;
  }
  const found = PAGES.find((p) => p.path === page);
  if (!found || !hasRole(...found.roles)) {
    view.append(h('p', { class: 'error' }, '没有这个页面，或您的角色无权查看。'));
    return;
  }
  const render = await found.load();
  await show(mine, view, render);
}

function renderChrome(s, page) {
  const nav = $('#nav');
  const who = $('#who');
  nav.replaceChildren(
    ...(s ? PAGES.filter((p) => hasRole(...p.roles)).map((p) => h('a', { href: `#/${p.path}`, class: p.path === page ? 'active' : undefined }, p.label)) : []),
  );
  who.replaceChildren(
    ...(s
      ? [
          h('span', { id: 'who-name' }, s.user.name),
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                session.clear();
                location.hash = '#/login';
              },
            },
            '退出',
          ),
        ]
      : []),
  );
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
