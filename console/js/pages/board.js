// The manager's board: per department open / at risk / breached, live over SSE; the risk-ranked list; the month's compliance.
import { api } from '../api.js';
import { departmentChart, dailyChart } from '../chart.js';
import { errorText, fillMonths, fmtMinutes, fmtTime, h, monthOf } from '../ui.js';

const EVENTS = [
  'ticket.received',
  'ticket.handed_off',
  'ticket.escalated',
  'ticket.replied',
  'ticket.promised',
  'ticket.resolved',
  'ticket.closed',
  'ticket.reopened',
  'ticket.repeat_contact',
  'sla.warned',
  'sla.breached',
  'sla.escalated',
  'sla.met',
  'checklist.ticked',
  'follow_up.recorded',
];

function cards(board, risk) {
  const riskByDept = new Map(risk.departments.map((d) => [d.department.id, d]));
  if (!board.departments.length) return h('p', { class: 'muted' }, '目前没有在办工单');
  return h(
    'div',
    { class: 'cards' },
    board.departments.map((d) => {
      const r = riskByDept.get(d.department.id);
      const state = d.breached ? 'red' : d.atRisk ? 'yellow' : 'green';
      return h(
        'div',
        { class: `card ${state}`, 'data-dept': d.department.code, 'data-state': state },
        h('div', { class: 'name' }, d.department.name),
        h(
          'div',
          { class: 'nums' },
          h('div', { class: 'open' }, h('b', {}, d.open), '在办'),
          h('div', { class: 'at-risk' }, h('b', {}, d.atRisk), '预警'),
          h('div', { class: 'breached' }, h('b', {}, d.breached), '超时'),
          h('div', { class: 'risk' }, h('b', {}, r ? r.highest : 0), '最高风险'),
        ),
        d.oldestOverdueMinutes !== null ? h('div', { class: 'muted', style: 'margin-top:4px' }, `最久超时 ${fmtMinutes(d.oldestOverdueMinutes)}`) : '',
      );
    }),
  );
}

function riskTable(risk) {
  if (!risk.items.length) return h('p', { class: 'muted' }, '没有在办工单');
  return h(
    'table',
    { id: 'risk-list' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['风险', '工单号', '部门 · 处理人', '原因'].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      risk.items.map((i) =>
        h(
          'tr',
          { 'data-reference': i.ticket.reference, 'data-score': i.score, 'data-overreached': i.overreached ? 'true' : undefined },
          h(
            'td',
            {},
            h('span', { class: `score ${i.high ? 'high' : i.score >= risk.highAt / 2 ? 'mid' : ''}` }, i.score),
            // 第十条: the resident already went over the company's head; it heads the list whatever its score.
            i.overreached ? h('div', {}, h('span', { class: 'tag red' }, '已越级')) : '',
          ),
          h('td', {}, h('a', { href: `#/tickets/${i.ticket.id}` }, i.ticket.reference), h('div', { class: 'muted' }, i.ticket.category)),
          h('td', {}, i.ticket.department?.name ?? '', h('div', { class: 'muted' }, i.ticket.handler?.name ?? '')),
          h('td', {}, i.reasons.length ? i.reasons.map((r) => h('div', {}, `+${r.points} ${r.text}`)) : h('span', { class: 'muted' }, '—')),
        ),
      ),
    ),
  );
}

export async function renderBoard(view) {
  const status = h('span', { class: 'live off', id: 'live-status', 'data-state': 'connecting' }, '连接中');
  const updated = h('span', { class: 'muted', id: 'board-updated' });
  const cardBox = h('div', { id: 'board-cards' });
  const riskBox = h('div', { class: 'scroll', style: 'max-height:420px' });
  const chartBox = h('div', { id: 'compliance' });
  const monthInput = h('select', { id: 'compliance-month' });
  view.replaceChildren(
    h('h1', {}, '时限看板 ', status, ' ', updated),
    cardBox,
    h(
      'div',
      { class: 'grid-board' },
      h('div', { class: 'panel' }, h('h2', {}, '投诉风险排行（越级投诉可能性）'), riskBox),
      h(
        'div',
        { class: 'panel' },
        h(
          'h2',
          { style: 'display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap' },
          '本月时限达标',
          h('span', {}, h('label', { for: 'compliance-month', class: 'inline-label' }, '统计月份 '), monthInput),
        ),
        chartBox,
      ),
    ),
  );

  let month = null;
  const loadCompliance = async () => {
    const c = await api(`/sla/compliance?month=${month}`);
    chartBox.replaceChildren(
      h(
        'p',
        { class: 'muted', style: 'margin:0 0 6px' },
        `达标率 ${c.total.rate ?? '—'}%　按时 ${c.total.onTime}　超时 ${c.total.breached}　未到期 ${c.total.pending}`,
      ),
      h('div', { class: 'muted' }, '按日（绿：按时，红：超时，灰：未到期；蓝线：达标率）'),
      dailyChart(c.days),
      h('div', { class: 'muted', style: 'margin-top:8px' }, '按部门'),
      departmentChart(c.departments),
    );
  };
  const refresh = async () => {
    try {
      const [board, risk] = await Promise.all([api('/sla/board'), api('/sla/risk?limit=15')]);
      cardBox.replaceChildren(cards(board, risk));
      riskBox.replaceChildren(riskTable(risk));
      updated.textContent = `更新于 ${fmtTime(board.at)}`;
      if (!month) {
        // The board's own month (the server's clock), in Chinese.
        month = monthOf(board.at);
        fillMonths(monthInput, { selected: month, count: 24 });
      }
      await loadCompliance();
    } catch (err) {
      cardBox.replaceChildren(h('p', { class: 'error' }, errorText(err)));
    }
  };
  monthInput.addEventListener('change', () => {
    if (!monthInput.value) return;
    month = monthInput.value;
    loadCompliance().catch((err) => chartBox.replaceChildren(h('p', { class: 'error' }, errorText(err))));
  });
  await refresh();

  // Live: a short-lived stream token (EventSource cannot send headers); re-fetch on any event, debounced.
  let source = null;
  let timer = null;
  let retry = null;
  let closed = false;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  };
  const connect = async () => {
    if (closed) return;
    try {
      const { token } = await api('/events/stream-token', { method: 'POST' });
      source = new EventSource(`/events/stream?token=${encodeURIComponent(token)}`);
      source.addEventListener('ready', () => {
        status.className = 'live on';
        status.dataset.state = 'live';
        status.textContent = '实时';
        soon(); // catch up on anything missed while disconnected
      });
      for (const name of EVENTS) source.addEventListener(name, soon);
      // The server ended the stream. A spent stream token cannot reopen it, so EventSource must not retry it:
      // `replaced` means this person opened more boards elsewhere (do not take one back); otherwise a fresh
      // token is asked for, which fails with 401 (back to sign-in) if the sign-in itself has ended.
      source.addEventListener('end', (event) => {
        source.close();
        source = null;
        status.className = 'live off';
        const { reason } = JSON.parse(event.data);
        if (reason === 'replaced') {
          status.dataset.state = 'replaced';
          status.textContent = '已在其他窗口打开';
        } else {
          status.dataset.state = 'reconnecting';
          status.textContent = '重新连接中';
          retry = setTimeout(connect, 1000);
        }
      });
      source.onerror = () => {
        status.className = 'live off';
        status.dataset.state = 'reconnecting';
        status.textContent = '重新连接中';
        // A closed stream (e.g. the token expired before a reconnect) needs a fresh token.
        if (source.readyState === EventSource.CLOSED) {
          source = null;
          retry = setTimeout(connect, 3000);
        }
      };
    } catch {
      retry = setTimeout(connect, 5000);
    }
  };
  await connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    clearTimeout(retry);
    source?.close();
  };
}
