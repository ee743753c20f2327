// SVG charts for the month's SLA compliance (no library).
const NS = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}, text) => {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
};

/** Stacked bars per day: on time (green) and breached (red), with the compliance rate as a line. */
export function dailyChart(days, { width = 560, height = 170 } = {}) {
  const pad = { l: 28, r: 30, t: 10, b: 22 };
  const w = width - pad.l - pad.r,
    hgt = height - pad.t - pad.b;
  const max = Math.max(1, ...days.map((d) => d.onTime + d.breached + d.pending));
  const bw = w / days.length;
  const svg = s('svg', { class: 'chart', id: 'chart-days', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': '每日时限达标情况' });
  svg.append(s('line', { x1: pad.l, y1: pad.t + hgt, x2: pad.l + w, y2: pad.t + hgt, stroke: '#9ca3af' }));
  svg.append(s('text', { x: 2, y: pad.t + 8 }, String(max)), s('text', { x: 2, y: pad.t + hgt }, '0'));
  svg.append(s('text', { x: pad.l + w + 4, y: pad.t + 8 }, '100%'), s('text', { x: pad.l + w + 4, y: pad.t + hgt }, '0%'));
  const points = [];
  days.forEach((d, i) => {
    const x = pad.l + i * bw + 1;
    let y = pad.t + hgt;
    for (const [value, color, label] of [
      [d.onTime, '#16a34a', '按时'],
      [d.breached, '#dc2626', '超时'],
      [d.pending, '#cbd5e1', '未到期'],
    ]) {
      if (!value) continue;
      const bh = (value / max) * hgt;
      y -= bh;
      const rect = s('rect', { x, y, width: Math.max(bw - 2, 1), height: bh, fill: color });
      rect.append(s('title', {}, `${d.date} ${label} ${value}`));
      svg.append(rect);
    }
    if (d.rate !== null) points.push(`${x + bw / 2 - 1},${pad.t + hgt - (d.rate / 100) * hgt}`);
    const day = Number(d.date.slice(8));
    if (day === 1 || day % 5 === 0) svg.append(s('text', { x: x + bw / 2 - 4, y: height - 6 }, String(day)));
  });
  if (points.length > 1) svg.append(s('polyline', { points: points.join(' '), fill: 'none', stroke: '#1d4ed8', 'stroke-width': 1.5 }));
  return svg;
}

/** One horizontal bar per department: its compliance rate. */
export function departmentChart(departments, { width = 560 } = {}) {
  const row = 22,
    left = 90,
    right = 110;
  const height = Math.max(1, departments.length) * row + 10;
  const svg = s('svg', {
    class: 'chart',
    id: 'chart-departments',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': '各部门时限达标率',
  });
  const w = width - left - right;
  departments.forEach((d, i) => {
    const y = 5 + i * row;
    svg.append(s('text', { x: 0, y: y + 14 }, d.department.name));
    svg.append(s('rect', { x: left, y: y + 3, width: w, height: row - 8, fill: '#f1f5f9' }));
    const rate = d.rate ?? 0;
    const color = d.rate === null ? '#cbd5e1' : rate >= 95 ? '#16a34a' : rate >= 80 ? '#d97706' : '#dc2626';
    svg.append(s('rect', { x: left, y: y + 3, width: (rate / 100) * w, height: row - 8, fill: color }));
    svg.append(s('text', { x: left + w + 6, y: y + 14 }, d.rate === null ? '—' : `${d.rate}%（${d.onTime}/${d.onTime + d.breached}）`));
  });
  if (!departments.length) svg.append(s('text', { x: 0, y: 14 }, '本月暂无到期时限'));
  return svg;
}

/** 通报: per department, its four rates as bars against their targets (a dark tick); a bar below its target is red. */
export function bulletinChart(rows, targets, { width = 560 } = {}) {
  const rates = [
    ['response', '响应', 'responseOnTime'],
    ['resolution', '办结', 'resolutionOnTime'],
    ['satisfaction', '满意', 'satisfaction'],
    ['supervision', '督办', 'supervisionOnTime'],
  ];
  const bar = 12,
    gap = 4,
    left = 120,
    right = 60,
    top = 4;
  const block = rates.length * (bar + gap) + 12;
  const height = Math.max(1, rows.length) * block + top;
  const svg = s('svg', { class: 'chart', id: 'bulletin-chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': '各部门达标情况' });
  const w = width - left - right;
  rows.forEach((r, i) => {
    const y0 = top + i * block;
    svg.append(s('text', { x: 0, y: y0 + 14 }, r.department.name));
    rates.forEach(([key, label, target], j) => {
      const y = y0 + j * (bar + gap);
      const rate = r.sections[key]?.rate ?? null;
      const goal = targets[target] * 100;
      svg.append(s('text', { x: left - 30, y: y + bar - 2 }, label));
      svg.append(s('rect', { x: left, y, width: w, height: bar, fill: '#f1f5f9' }));
      if (rate !== null) {
        const rect = s('rect', { x: left, y, width: (rate / 100) * w, height: bar, fill: rate < goal ? '#dc2626' : '#16a34a' });
        rect.append(s('title', {}, `${r.department.name} ${label} ${rate}%，目标 ${goal}%`));
        svg.append(rect);
      }
      svg.append(s('line', { x1: left + (goal / 100) * w, y1: y - 1, x2: left + (goal / 100) * w, y2: y + bar + 1, stroke: '#0f172a', 'stroke-width': 2 }));
      svg.append(s('text', { x: left + w + 6, y: y + bar - 2 }, rate === null ? '—' : `${rate}%`));
    });
  });
  if (!rows.length) svg.append(s('text', { x: 0, y: 14 }, '本月暂无数据'));
  return svg;
}
