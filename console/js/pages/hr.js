// HR: the monthly performance-deduction report (第八条(四)): month picker, table, CSV/XLSX downloads, month close.
import { api, hasRole } from '../api.js';
import { errorText, h, toast } from '../ui.js';

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
  pointTickets: (r) => [...new Set((r.tickets?.points ?? []).map((t) => t.reference))].join('；'),
};

const monthOfNow = (iso) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);

export async function renderHr(view) {
  const monthInput = h('input', { type: 'month', id: 'hr-month', style: 'width:160px' });
  const state = h('span', { id: 'hr-state', class: 'tag' });
  const tableBox = h('div', { id: 'hr-table', class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '绩效扣分表' });
  const download = (format) =>
    h(
      'button',
      {
        type: 'button',
        id: `download-${format}`,
        onclick: async () => {
          try {
            const res = await api(`/reports/performance?month=${monthInput.value}&format=${format}`, { raw: true });
            const url = URL.createObjectURL(await res.blob());
            const a = h('a', { href: url, download: `绩效扣分-${monthInput.value}.${format}` });
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (err) {
            toast(errorText(err));
          }
        },
      },
      `下载 ${format.toUpperCase()}`,
    );
  const closeButton = h(
    'button',
    {
      type: 'button',
      id: 'close-month',
      class: 'danger',
      onclick: async () => {
        if (!confirm(`确定结账 ${monthInput.value}？结账后本月数据冻结，之后的决定计入下月调整。`)) return;
        try {
          await api(`/reports/performance/${monthInput.value}/close`, { method: 'POST' });
          toast(`${monthInput.value} 已结账`);
          await load();
        } catch (err) {
          toast(errorText(err));
        }
      },
    },
    '月末结账',
  );

  const load = async () => {
    tableBox.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
    try {
      const report = await api(`/reports/performance?month=${monthInput.value}`);
      const closed = report.closed === true || !!report.closedAt;
      state.textContent = closed ? '已结账' : '未结账';
      state.className = `tag ${closed ? 'ok' : 'warn'}`;
      closeButton.disabled = closed || !hasRole('hr');
      const rows = report.rows ?? [];
      if (!rows.length) {
        tableBox.replaceChildren(h('p', { class: 'muted' }, '本月没有扣分记录'));
        return;
      }
      const columns = report.columns ?? [];
      const cls = (c) => (c.kind === 'text' ? undefined : 'num');
      const cell = (tag, c, r, style = 'white-space:nowrap') => h(tag, { class: cls(c), style, 'data-key': c.key }, String((VALUES[c.key] ?? (() => ''))(r)));
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
              columns.map((c) => h('th', { class: cls(c), style: 'white-space:nowrap' }, c.header)),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                {},
                columns.map((c) => cell('td', c, r)),
              ),
            ),
          ),
          h(
            'tfoot',
            {},
            h(
              'tr',
              { id: 'performance-total' },
              columns.map((c) => cell('th', c, total, 'white-space:nowrap;font-weight:600;color:inherit')),
            ),
          ),
        ),
      );
    } catch (err) {
      state.textContent = '';
      tableBox.replaceChildren(h('p', { class: 'error' }, err.status === 404 ? '绩效报表接口尚未上线。' : errorText(err)));
    }
  };

  monthInput.addEventListener('change', load);
  view.replaceChildren(
    h('h1', {}, '月度绩效扣分报表'),
    h(
      'div',
      { class: 'panel' },
      h(
        'div',
        { class: 'actions', style: 'align-items:center;margin:0' },
        h('label', { for: 'hr-month', style: 'margin:0' }, '月份'),
        monthInput,
        state,
        download('csv'),
        download('xlsx'),
        closeButton,
      ),
      h('p', { class: 'muted' }, '按员工列出越级投诉扣分、经济损失、处分、有效投诉和作为处理人的超时次数（不含业主信息）。'),
    ),
    h('div', { class: 'panel' }, tableBox),
  );
  monthInput.value = new URLSearchParams(location.hash.split('?')[1] ?? '').get('month') ?? monthOfNow(new Date().toISOString());
  await load();
}
