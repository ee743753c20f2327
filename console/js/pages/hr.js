// HR: the monthly performance-deduction report (第八条(四)): month picker, table with department subtotals and the
// company total, CSV/XLSX downloads, each employee's handled tickets and the tickets behind their points (paged),
// and month close (月末结账) on its own.
import { api, hasRole } from '../api.js';
import { downloadButton, errorText, fillMonths, h, monthZh, toast } from '../ui.js';

// Each column's value by its key. The columns themselves (order and headings) come with the report
// (`columns`): the one list the CSV and XLSX downloads use too, so the page and the files read alike.
const VALUES = {
  employeeNo: (r) => r.employee?.employeeNo ?? '',
  employee: (r) => r.employee?.name ?? '',
  department: (r) => r.department?.name ?? '—',
  'points.overreach.company': (r) => r.points?.['overreach.company'] ?? 0,
  'points.overreach.county': (r) => r.points?.['overreach.county'] ?? 0,
  'points.overreach.city': (r) => r.points?.['overreach.city'] ?? 0,
  'points.valid_complaint': (r) => r.points?.valid_complaint ?? 0,
  'points.total': (r) => r.points?.total ?? 0,
  economicLoss: (r) => r.economicLoss?.yuan ?? '0.00',
  warnings: (r) => r.warnings ?? 0,
  disciplinaryCases: (r) => r.disciplinaryCases ?? 0,
  validComplaints: (r) => r.validComplaints ?? 0,
  slaBreaches: (r) => r.slaBreaches ?? 0,
  ticketsHandled: (r) => r.ticketsHandled ?? 0,
  'followUps.satisfied': (r) => r.followUps?.satisfied ?? 0,
  'followUps.basicallySatisfied': (r) => r.followUps?.basicallySatisfied ?? 0,
  'followUps.dissatisfied': (r) => r.followUps?.dissatisfied ?? 0,
  'followUps.satisfactionPercent': (r) => r.followUps?.satisfactionPercent ?? '—',
  adjustments: (r) => r.adjustments ?? 0,
  // The report lists no tickets: a row's 扣分工单 opens the paged list behind its points (the files list them all).
  pointTickets: () => '',
};

/** A row HR acts on: points, money, a warning or case, a valid complaint, a breach or an adjustment. */
const hasDeduction = (r) =>
  (r.points?.total ?? 0) > 0 ||
  (r.economicLoss?.fen ?? 0) > 0 ||
  (r.warnings ?? 0) > 0 ||
  (r.disciplinaryCases ?? 0) > 0 ||
  (r.validComplaints ?? 0) > 0 ||
  (r.slaBreaches ?? 0) > 0 ||
  (r.adjustments ?? 0) > 0;

export async function renderHr(view) {
  const requested = new URLSearchParams(location.hash.split('?')[1] ?? '').get('month');
  const monthInput = fillMonths(h('select', { id: 'hr-month' }), { selected: requested });
  const month = () => monthInput.value;

  const state = h('span', { id: 'hr-state', class: 'tag' });
  const tableBox = h('div', { id: 'hr-table', class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '绩效扣分表' });
  const handledBox = h('div', { id: 'hr-handled', class: 'panel', hidden: true });
  const showZero = h('input', { type: 'checkbox', id: 'hr-show-zero' });
  const zeroNote = h('span', { id: 'hr-zero-note', class: 'muted' });
  let report = null;

  const download = (format) =>
    downloadButton({
      id: `download-${format}`,
      format,
      path: () => `/reports/performance?month=${month()}&format=${format}`,
      fileName: () => `绩效扣分-${month()}.${format}`,
      done: () => `${monthZh(month())} ${format.toUpperCase()} 已下载`,
    });

  // 月末结账 stands apart from the downloads: a first click asks, naming the month and saying it cannot be undone.
  const closeButton = h('button', { type: 'button', id: 'close-month', class: 'danger' }, '月末结账…');
  const confirmText = h('p', { id: 'close-confirm-text', class: 'notice bad' });
  const confirmButton = h('button', { type: 'button', id: 'close-confirm', class: 'danger' }, '确认结账');
  const cancelButton = h('button', { type: 'button', id: 'close-cancel' }, '取消');
  const confirmBox = h('div', { id: 'close-confirm-box', hidden: true }, confirmText, h('div', { class: 'actions' }, confirmButton, cancelButton));
  closeButton.addEventListener('click', () => {
    confirmText.textContent = `确定结账 ${monthZh(month())}？结账后不可撤销：本月报表冻结，之后的扣分和撤销计入下一个未结账月份，作为调整。`;
    confirmButton.textContent = `确认结账 ${monthZh(month())}`;
    confirmBox.hidden = false;
    confirmButton.focus();
  });
  cancelButton.addEventListener('click', () => {
    confirmBox.hidden = true;
    closeButton.focus();
  });
  confirmButton.addEventListener('click', async () => {
    confirmButton.disabled = true;
    try {
      await api(`/reports/performance/${month()}/close`, { method: 'POST' });
      confirmBox.hidden = true;
      toast(`${monthZh(month())} 已结账`);
      await load();
    } catch (err) {
      toast(errorText(err));
    } finally {
      confirmButton.disabled = false;
    }
  });

  const showHandled = async (row, cursor = null, append = false) => {
    handledBox.hidden = false;
    if (!append) handledBox.replaceChildren(h('h2', {}, `${row.employee.name} ${monthZh(month())} 经办工单`), h('p', { class: 'muted' }, '加载中…'));
    try {
      const page = await api(
        `/reports/performance/${month()}/employees/${row.employee.id}/tickets-handled?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const list = append ? handledBox.querySelector('ol') : h('ol', { id: 'hr-handled-list' });
      list.append(...page.items.map((t) => h('li', {}, h('a', { href: `#/tickets/${t.id}` }, t.reference))));
      const more = page.nextCursor
        ? h('button', { type: 'button', id: 'hr-handled-more', onclick: () => showHandled(row, page.nextCursor, true) }, '再显示50件')
        : '';
      handledBox.replaceChildren(h('h2', {}, `${row.employee.name} ${monthZh(month())} 经办工单（共 ${page.total} 件）`), list, more);
    } catch (err) {
      handledBox.replaceChildren(h('p', { class: 'error' }, errorText(err)));
    }
  };

  // 扣分工单: the ledger entries behind a row's points, a page at a time (GET {ticketsPath}?figure=points).
  const showPoints = async (row, cursor = null, append = false) => {
    handledBox.hidden = false;
    const title = `${row.employee.name} ${monthZh(month())} 扣分工单`;
    if (!append) handledBox.replaceChildren(h('h2', {}, title), h('p', { class: 'muted' }, '加载中…'));
    try {
      const page = await api(`${row.ticketsPath}?figure=points&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const list = append ? handledBox.querySelector('ol') : h('ol', { id: 'hr-points-list' });
      list.append(...page.items.map((t) => h('li', {}, h('a', { href: `#/tickets/${t.id}` }, t.reference), ` 扣 ${t.points} 分`)));
      const more = page.nextCursor
        ? h('button', { type: 'button', id: 'hr-points-more', onclick: () => showPoints(row, page.nextCursor, true) }, '再显示50条')
        : '';
      handledBox.replaceChildren(h('h2', {}, `${title}（共 ${page.total} 条）`), list, more);
    } catch (err) {
      handledBox.replaceChildren(h('p', { class: 'error' }, errorText(err)));
    }
  };

  const render = () => {
    if (!report) return;
    const rows = report.rows ?? [];
    // Every employee has a row; a month in which none has a figure has no data, whatever the row count.
    const hasData = rows.some((r) => hasDeduction(r) || (r.ticketsHandled ?? 0) > 0 || (r.followUps?.satisfied ?? 0) + (r.followUps?.dissatisfied ?? 0) > 0);
    if (!hasData && !showZero.checked) {
      zeroNote.textContent = '';
      tableBox.replaceChildren(
        h(
          'div',
          { class: 'empty', id: 'hr-empty' },
          h('p', {}, `${monthZh(month())}没有任何员工的绩效数据。`),
          h('p', { class: 'muted' }, '本月尚无扣分、处分、有效投诉或超时记录，也没有员工经办工单。'),
        ),
      );
      return;
    }
    const columns = report.columns ?? [];
    const cls = (c) => (c.kind === 'text' ? undefined : 'num');
    const cell = (tag, c, r, extra = {}) => h(tag, { class: cls(c), 'data-key': c.key, ...extra }, String((VALUES[c.key] ?? (() => ''))(r)));
    const employeeCell = (c, r) => {
      if (c.key === 'pointTickets' && r.ticketsPath && (r.points?.total ?? 0) !== 0) {
        const link = h('button', { type: 'button', class: 'link', 'data-points': r.employee.id, onclick: () => showPoints(r) }, '查看');
        // The accessible name holds the visible text (WCAG 2.5.3: a voice user says what they see).
        link.setAttribute('aria-label', `查看${r.employee.name}的扣分工单`);
        return h('td', { 'data-key': c.key }, link);
      }
      if (c.key !== 'ticketsHandled' || !(r.ticketsHandled > 0)) return cell('td', c, r);
      const link = h('button', { type: 'button', class: 'link', 'data-employee': r.employee.id, onclick: () => showHandled(r) }, String(r.ticketsHandled));
      link.setAttribute('aria-label', `${r.employee.name}的经办工单 ${r.ticketsHandled} 件`);
      return h('td', { class: 'num', 'data-key': c.key }, link);
    };
    const hidden = rows.filter((r) => !hasDeduction(r)).length;
    zeroNote.textContent = hidden ? (showZero.checked ? `其中 ${hidden} 名员工本月无扣分` : `另有 ${hidden} 名员工本月无扣分，已隐藏`) : '';
    const bySubtotal = new Map((report.subtotals ?? []).map((s) => [s.department?.id ?? null, s]));
    const body = [];
    let current; // undefined before the first row; a department id, or null for staff without one
    const flush = () => {
      const s = bySubtotal.get(current);
      if (s)
        body.push(
          h(
            'tr',
            { class: 'subtotal', 'data-department': s.department?.code ?? '' },
            columns.map((c) => cell('th', c, { ...s.figures, employee: { name: '小计' }, department: s.department ?? { name: '无部门' } })),
          ),
        );
    };
    for (const r of rows) {
      const dept = r.department?.id ?? null;
      if (current !== undefined && dept !== current) flush();
      current = dept;
      if (!showZero.checked && !hasDeduction(r)) continue;
      body.push(
        h(
          'tr',
          { class: hasDeduction(r) ? 'deducted' : undefined, 'data-employee': r.employee.id },
          columns.map((c) => employeeCell(c, r)),
        ),
      );
    }
    flush();
    const total = { ...report.totals, employee: { name: '合计' }, department: { name: '全公司' } };
    tableBox.replaceChildren(
      h(
        'table',
        { id: 'performance' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            columns.map((c) => h('th', { class: cls(c), scope: 'col' }, c.header)),
          ),
        ),
        h('tbody', {}, body),
        h(
          'tfoot',
          {},
          h(
            'tr',
            { id: 'performance-total' },
            columns.map((c) => cell('th', c, total)),
          ),
        ),
      ),
    );
  };

  const load = async () => {
    tableBox.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
    handledBox.hidden = true;
    history.replaceState(null, '', `#/hr?month=${month()}`);
    try {
      report = await api(`/reports/performance?month=${month()}`);
      const closed = report.closed === true || !!report.closedAt;
      state.textContent = closed ? '已结账' : '未结账';
      state.className = `tag ${closed ? 'ok' : 'warn'}`;
      closeButton.disabled = closed || !hasRole('hr');
      confirmBox.hidden = true;
      render();
    } catch (err) {
      report = null;
      state.textContent = '';
      tableBox.replaceChildren(h('p', { class: 'error' }, errorText(err)));
    }
  };

  monthInput.addEventListener('change', load);
  showZero.addEventListener('change', render);
  view.replaceChildren(
    h('h1', {}, '月度绩效扣分报表'),
    h(
      'div',
      { class: 'panel' },
      h(
        'div',
        { class: 'actions hr-toolbar' },
        h('label', { for: 'hr-month', class: 'inline-label' }, '月份'),
        monthInput,
        state,
        download('csv'),
        download('xlsx'),
      ),
      h(
        'p',
        { class: 'muted' },
        '按员工列出越级投诉扣分、经济损失、处分、有效投诉和作为处理人的超时次数（不含业主信息）；每个部门后为小计，末行为全公司合计。',
      ),
      h('p', {}, h('label', { for: 'hr-show-zero', class: 'inline-label' }, showZero, ' 显示无扣分的员工'), ' ', zeroNote),
    ),
    h('div', { class: 'panel' }, tableBox),
    handledBox,
    h(
      'div',
      { class: 'panel', id: 'hr-close-panel' },
      h('h2', {}, '月末结账'),
      h('p', { class: 'muted' }, '结账冻结本月报表，之后登记的扣分和撤销计入下一个未结账月份。仅人事可结账，且不可撤销。'),
      h('div', { class: 'actions' }, closeButton),
      confirmBox,
    ),
  );
  await load();
}
