// HR: the monthly performance-deduction report (第八条(四)): month picker, table, CSV/XLSX downloads, month close.
import { api, hasRole } from '../api.js';
import { errorText, h, toast } from '../ui.js';

// The report's columns, in the order HR reads them (the CSV and XLSX downloads use the same figures).
const COLUMNS = [
  ['employee', '员工', (r) => r.employee?.name ?? ''],
  ['department', '部门', (r) => r.department?.name ?? '—'],
  ['points.overreach.company', '越级至公司领导', (r) => r.points?.['overreach.company'] ?? 0],
  ['points.overreach.county', '越级至县级', (r) => r.points?.['overreach.county'] ?? 0],
  ['points.overreach.city', '越级至市级及以上', (r) => r.points?.['overreach.city'] ?? 0],
  ['points.valid_complaint', '有效投诉扣分', (r) => r.points?.valid_complaint ?? 0],
  ['points.total', '合计扣分', (r) => r.points?.total ?? 0],
  ['economicLoss', '经济损失（元）', (r) => r.economicLoss?.yuan ?? '0.00'],
  ['warnings', '告诫', (r) => r.warnings ?? 0],
  ['disciplinaryCases', '行政处分案', (r) => r.disciplinaryCases ?? 0],
  ['validComplaints', '有效投诉', (r) => r.validComplaints ?? 0],
  ['slaBreaches', '超时（处理人）', (r) => r.slaBreaches ?? 0],
  ['ticketsHandled', '经办工单', (r) => r.ticketsHandled ?? 0],
  ['satisfaction', '回访满意率', (r) => (r.followUps?.satisfactionPercent == null ? '—' : `${r.followUps.satisfactionPercent}%`)],
  ['adjustments', '调整', (r) => r.adjustments ?? 0],
];

const monthOfNow = (iso) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);

export async function renderHr(view) {
  const monthInput = h('input', { type: 'month', id: 'hr-month', style: 'width:160px' });
  const state = h('span', { id: 'hr-state', class: 'tag' });
  const tableBox = h('div', { id: 'hr-table' });
  const download = (format) => h('button', { type: 'button', id: `download-${format}`, onclick: async () => {
    try {
      const res = await api(`/reports/performance?month=${monthInput.value}&format=${format}`, { raw: true });
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: `绩效扣分-${monthInput.value}.${format}` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) { toast(errorText(err)); }
  } }, `下载 ${format.toUpperCase()}`);
  const closeButton = h('button', { type: 'button', id: 'close-month', class: 'danger', onclick: async () => {
    if (!confirm(`确定结账 ${monthInput.value}？结账后本月数据冻结，之后的决定计入下月调整。`)) return;
    try {
      await api(`/reports/performance/${monthInput.value}/close`, { method: 'POST' });
      toast(`${monthInput.value} 已结账`);
      await load();
    } catch (err) { toast(errorText(err)); }
  } }, '月末结账');

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
      const numeric = (k) => k !== 'employee' && k !== 'department';
      tableBox.replaceChildren(h('table', { id: 'performance' },
        h('thead', {}, h('tr', {}, COLUMNS.map(([k, title]) => h('th', { class: numeric(k) ? 'num' : undefined, style: 'white-space:nowrap' }, title)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, COLUMNS.map(([k, , value]) => h('td', { class: numeric(k) ? 'num' : undefined, style: 'white-space:nowrap', 'data-key': k }, String(value(r))))))),
      ));
    } catch (err) {
      state.textContent = '';
      tableBox.replaceChildren(h('p', { class: 'error' }, err.status === 404 ? '绩效报表接口尚未上线。' : errorText(err)));
    }
  };

  monthInput.addEventListener('change', load);
  view.replaceChildren(
    h('h1', {}, '月度绩效扣分报表'),
    h('div', { class: 'panel' },
      h('div', { class: 'actions', style: 'align-items:center;margin:0' }, h('label', { for: 'hr-month', style: 'margin:0' }, '月份'), monthInput, state, download('csv'), download('xlsx'), closeButton),
      h('p', { class: 'muted' }, '按员工列出越级投诉扣分、经济损失、处分、有效投诉和作为处理人的超时次数（不含业主信息）。'),
    ),
    h('div', { class: 'panel' }, tableBox),
  );
  monthInput.value = new URLSearchParams(location.hash.split('?')[1] ?? '').get('month') ?? monthOfNow(new Date().toISOString());
  await load();
}
