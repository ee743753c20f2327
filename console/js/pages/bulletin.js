// 月度通报 (通报): per department the month's on-time rates, extensions, supervision orders, satisfaction and repeat
// contacts, the departments below a target first; a chart of the rates against their targets; CSV/XLSX downloads.
import { api } from '../api.js';
import { bulletinChart } from '../chart.js';
import { downloadButton, errorText, fillMonths, h, monthZh } from '../ui.js';

const TARGET_NAMES = {
  responseOnTime: '按时响应率',
  resolutionOnTime: '按时办结率',
  satisfaction: '回访满意率',
  supervisionOnTime: '督办按时办结率',
  signForOnTime: '按时签收率',
};

/** A cell by its column key, as the CSV writes it: a rate nobody was judged on reads —. */
function cellText(row, column) {
  if (column.key === 'department') return row.department.name;
  if (column.key === 'failedTargets') return row.failedTargets.map((t) => TARGET_NAMES[t] ?? t).join('；');
  const [section, figure] = column.key.split('.');
  const v = row.sections[section]?.[figure];
  return v === null || v === undefined ? '—' : String(v);
}

export async function renderBulletin(view) {
  const requested = new URLSearchParams(location.hash.split('?')[1] ?? '').get('month');
  const monthInput = fillMonths(h('select', { id: 'bulletin-month' }), { selected: requested, count: 24 });
  const month = () => monthInput.value;
  const targetsNote = h('p', { class: 'muted', id: 'bulletin-targets' });
  const tableBox = h('div', { id: 'bulletin-table', class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '月度通报表' });
  const chartBox = h('div', { id: 'bulletin-chart-box', class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '各部门达标图' });

  const download = (format) =>
    downloadButton({
      id: `bulletin-download-${format}`,
      format,
      path: () => `/bulletins/${month()}?format=${format}`,
      fileName: () => `月度通报-${month()}.${format}`,
      done: () => `${monthZh(month())} ${format.toUpperCase()} 已下载`,
    });

  const render = (b) => {
    const pct = (share) => `${Math.round(share * 1000) / 10}%`;
    targetsNote.textContent = `目标：${Object.entries(TARGET_NAMES)
      .map(([k, name]) => `${name} ${pct(b.targets[k])}`)
      .join('，')}。未达标的部门列在前面；按时响应与按时办结均以原定时限判定，延期不掩盖超时。`;
    // As wide as the panel allows (a phone's 390 px, a desk's more), within reason.
    const width = Math.max(320, Math.min(720, chartBox.clientWidth || 360));
    chartBox.replaceChildren(h('div', { class: 'muted' }, '绿：达标，红：未达标，黑线：目标'), bulletinChart(b.rows, b.targets, { width }));
    if (!b.rows.length) {
      tableBox.replaceChildren(h('p', { class: 'empty', id: 'bulletin-empty' }, `${monthZh(b.month)}暂无通报数据。`));
      return;
    }
    const cls = (c) => (c.kind === 'text' ? undefined : 'num');
    const figuresOf = (section) => b.columns.filter((c) => c.key.startsWith(`${section}.`));
    tableBox.replaceChildren(
      h(
        'table',
        { id: 'bulletin' },
        h(
          'thead',
          {},
          // The sections over their figures (24小时响应, 办结, 延期, …); 部门 and 未达标项 span both rows.
          h(
            'tr',
            { class: 'sections' },
            h('th', { scope: 'col', rowspan: '2' }, b.columns[0].header),
            b.sections.map((s) => h('th', { scope: 'colgroup', colspan: String(figuresOf(s.key).length) }, s.title)),
            h('th', { scope: 'col', rowspan: '2' }, b.columns.at(-1).header),
          ),
          h(
            'tr',
            { class: 'figures' },
            b.sections.flatMap((s) => figuresOf(s.key)).map((c) => h('th', { class: cls(c), scope: 'col' }, c.header)),
          ),
        ),
        h(
          'tbody',
          {},
          b.rows.map((r) =>
            h(
              'tr',
              { class: r.failedTargets.length ? 'below-target' : undefined, 'data-department': r.department.code },
              b.columns.map((c) =>
                h(
                  c.key === 'department' ? 'th' : 'td',
                  { class: cls(c), 'data-key': c.key, scope: c.key === 'department' ? 'row' : undefined },
                  cellText(r, c),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const load = async () => {
    tableBox.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
    history.replaceState(null, '', `#/bulletin?month=${month()}`);
    try {
      render(await api(`/bulletins/${month()}`));
    } catch (err) {
      tableBox.replaceChildren(h('p', { class: 'error' }, errorText(err)));
    }
  };

  monthInput.addEventListener('change', load);
  view.replaceChildren(
    h('h1', {}, '月度通报'),
    h(
      'div',
      { class: 'panel' },
      h('div', { class: 'actions' }, h('label', { for: 'bulletin-month', class: 'inline-label' }, '月份'), monthInput, download('csv'), download('xlsx')),
      targetsNote,
    ),
    h('div', { class: 'panel' }, h('h2', {}, '各部门达标情况'), chartBox),
    h('div', { class: 'panel' }, h('h2', {}, '通报明细'), tableBox),
  );
  await load();
}
