// 通知: the signed-in person's warning, breach and escalation notices (GET /notifications), newest first; each links
// to its ticket, and opening it or 标为已读 marks it read.
import { api } from '../api.js';
import { errorText, fmtTime, h } from '../ui.js';

export async function renderNotifications(view) {
  let unreadOnly = false;
  let cursor = null;
  const list = h('ul', { class: 'notices', id: 'notices' });
  const more = h('button', { type: 'button', id: 'notices-more', hidden: true }, '加载更多');
  const status = h('p', { class: 'muted', id: 'notices-status', 'aria-live': 'polite' });
  const tabs = h(
    'div',
    { class: 'tabs', role: 'group', 'aria-label': '筛选' },
    [
      ['all', '全部'],
      ['unread', '未读'],
    ].map(([key, label]) =>
      h(
        'button',
        {
          type: 'button',
          'data-notices': key,
          'aria-pressed': String(key === 'all'),
          onclick: () => {
            unreadOnly = key === 'unread';
            for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.notices === key));
            void load(true);
          },
        },
        label,
      ),
    ),
  );

  const markRead = async (n, item) => {
    if (n.readAt) return;
    await api(`/notifications/${n.id}/read`, { method: 'POST' });
    n.readAt = new Date().toISOString();
    item.classList.remove('unread');
    item.querySelector('.mark-read')?.remove();
    item.querySelector('.unread-tag')?.remove();
  };

  const itemOf = (n) => {
    const item = h('li', { class: n.readAt ? 'notice-item' : 'notice-item unread', 'data-notice': n.id });
    item.append(
      h('p', { class: 'notice-title' }, n.readAt ? '' : h('span', { class: 'tag unread-tag' }, '未读'), h('b', {}, n.title)),
      n.body ? h('p', { class: 'notice-body' }, n.body) : '',
      h(
        'p',
        { class: 'notice-meta' },
        h('span', { class: 'muted' }, fmtTime(n.createdAt)),
        n.ticketId
          ? h(
              'a',
              {
                href: `#/tickets/${n.ticketId}`,
                class: 'notice-ticket',
                // Opening the ticket is reading the notice; the link goes on whether or not the mark succeeds.
                onclick: () => void markRead(n, item).catch(() => undefined),
              },
              '查看工单',
            )
          : '',
        n.readAt
          ? ''
          : h(
              'button',
              {
                type: 'button',
                class: 'mark-read',
                onclick: async () => {
                  try {
                    await markRead(n, item);
                    status.textContent = '已标为已读';
                  } catch (err) {
                    status.textContent = errorText(err);
                  }
                },
              },
              '标为已读',
            ),
      ),
    );
    return item;
  };

  let seq = 0;
  const load = async (fresh) => {
    const mine = ++seq;
    if (fresh) cursor = null;
    const q = new URLSearchParams({ limit: '20', ...(unreadOnly ? { unread: 'true' } : {}), ...(cursor ? { cursor } : {}) });
    let page;
    try {
      page = await api(`/notifications?${q}`);
    } catch (err) {
      status.textContent = errorText(err);
      return;
    }
    if (mine !== seq) return;
    if (fresh) list.replaceChildren();
    list.append(...page.items.map(itemOf));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    status.textContent = list.children.length ? '' : unreadOnly ? '没有未读通知' : '暂无通知';
  };
  more.addEventListener('click', () => void load(false));

  view.replaceChildren(h('section', { class: 'panel', id: 'notifications' }, h('h1', {}, '通知'), tabs, status, list, more));
  await load(true);
}
