// HR: the monthly performance-deduction report (第八条(四)): month picker, table, CSV/XLSX downloads, month close.
import { api, hasRole } from '../api.js';
import { errorText, h, toast } from '../ui.js';

const LABELS = {
  employee: '员工', department: '部门', total: '合计扣分', totalPoints: '合计扣分', points: '扣分', overreachPoints: '越级投诉扣分',
  validComplaints: '有效投诉', validComplaintPoints: '有效投诉扣分', slaBreaches: '超时（处理人）', breaches: '超时', economicLoss: '经济损失（元）',
  economicLossFen: '经济损失（分）', sanctions: '处分', adjustments: '调整', reversals: '撤销', entries: '明细条数', role: '岗位',
};

const nameOf = (v) => (v && typeof v === 'object' ? v.name ?? v.code ?? JSON.stringify(v) : v);
const cell = (v) => (Array.isArray(v) ? v.map(nameOf).join('、') : v && typeof v === 'object' ? (v.total ?? v.points ?? nameOf(v)) : v ?? '');

function flatten(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'id' || k === 'tickets' || k === 'ticketIds') continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && !('name' in v) && !('code' in v)) {
      for (const [k2, v2] of Object.entries(v)) if (typeof v2 !== 'object' || v2 === null) out[`${k}.${k2}`] = v2;
    } else out[k] = cell(v);
  }
  return out;
}

const label = (key) => key.split('.').map((k) => LABELS[k] ?? k).join(' · ');
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
      const rows = (report.rows ?? []).map(flatten);
      if (!rows.length) {
        tableBox.replaceChildren(h('p', { class: 'muted' }, '本月没有扣分记录'));
        return;
      }
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      tableBox.replaceChildren(h('table', { id: 'performance' },
        h('thead', {}, h('tr', {}, keys.map((k) => h('th', { class: typeof rows[0][k] === 'number' ? 'num' : undefined }, label(k))))),
        h('tbody', {}, rows.map((r) => h('tr', {}, keys.map((k) => h('td', { class: typeof r[k] === 'number' ? 'num' : undefined, 'data-key': k }, r[k] ?? ''))))),
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
