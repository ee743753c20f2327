// My tickets: those I received as first responder (跟清楚 until closed) and those I handle, with the clock light.
import { api } from '../api.js';
import { ZH, errorText, h, lightWithCountdown, urgentClock, zh } from '../ui.js';

async function withClocks(items) {
  // The list has no clocks; the ticket page does. Open tickets only, a page at a time.
  return Promise.all(
    items.map(async (t) => {
      if (t.status === 'closed') return { t, clock: null };
      const detail = await api(`/tickets/${t.id}`);
      return { t, clock: urgentClock(detail.sections?.clocks) };
    }),
  );
}

function table(rows) {
  if (!rows.length) return h('p', { class: 'muted' }, '暂无工单');
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['时限', '工单号', '类别', '内容', '状态', '处理人', '部门', '受理时间'].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(({ t, clock }) =>
        h(
          'tr',
          { 'data-ticket': t.id, 'data-reference': t.reference },
          h('td', {}, lightWithCountdown(clock)),
          h('td', {}, h('a', { href: `#/tickets/${t.id}` }, t.reference)),
          h(
            'td',
            {},
            t.category,
            t.kind && t.kind !== 'complaint' ? h('span', { class: 'tag' }, zh('kind', t.kind)) : '',
            t.severity === 'major' ? h('span', { class: 'tag major' }, '重大') : '',
          ),
          h('td', {}, t.summary.length > 28 ? `${t.summary.slice(0, 28)}…` : t.summary),
          h('td', {}, zh('status', t.status)),
          h('td', {}, t.handler.name),
          h('td', {}, t.department.name),
          h('td', {}, new Date(t.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })),
        ),
      ),
    ),
  );
}

export async function renderMine(view) {
  const box = h('div', { class: 'panel', id: 'mine' });
  const tabs = h('div', { class: 'tabs' });
  // 第三条: complaints, suggestions and enquiries, or all of them.
  const kind = h(
    'select',
    { id: 'kind-filter', 'aria-label': '按类型筛选' },
    h('option', { value: '' }, '全部类型'),
    Object.entries(ZH.kind).map(([v, l]) => h('option', { value: v }, l)),
  );
  let current = 'handling';
  const load = async (mine) => {
    current = mine;
    tabs.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.mine === mine));
    box.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
    try {
      const page = await api(`/tickets?mine=${mine}&limit=30${kind.value ? `&kind=${kind.value}` : ''}`);
      box.replaceChildren(table(await withClocks(page.items)));
    } catch (err) {
      box.replaceChildren(h('p', { class: 'error' }, errorText(err)));
    }
  };
  tabs.append(
    h('button', { type: 'button', 'data-mine': 'received', onclick: () => load('received') }, '我受理的（首问跟进）'),
    h('button', { type: 'button', 'data-mine': 'handling', onclick: () => load('handling') }, '我处理的'),
    kind,
  );
  kind.addEventListener('change', () => load(current));
  view.replaceChildren(
    h('h1', {}, '我的工单'),
    h('p', { class: 'muted' }, '绿灯正常，黄灯已过预警点，红灯已超时。首问负责人对受理的投诉跟进到关闭为止。'),
    tabs,
    box,
  );
  await load('handling');
}
