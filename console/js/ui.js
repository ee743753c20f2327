// Small DOM and formatting helpers shared by the pages (no framework).
import { api } from './api.js';
import { errorFields, messageOf } from './messages.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    // Through the CSSOM: the Content-Security-Policy refuses style attributes (style-src 'self', no 'unsafe-inline').
    else if (k === 'style') el.style.cssText = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** Replaces an element's children, skipping the null, undefined and false a conditional child gives (replaceChildren would print them). */
export function put(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

export const $ = (sel, root = document) => root.querySelector(sel);

export const ZH = {
  kind: { complaint: '投诉', suggestion: '建议', enquiry: '咨询' },
  channel: { phone: '电话', visit: '来访', written: '书面', online: '网络', referral: '上级转办' },
  disposition: { accepted: '受理', on_the_spot: '当场答复', referred_out: '告知归属单位', not_reaccepted: '不予重复受理', appointment: '约谈' },
  severity: { general: '一般', major: '重大' },
  appointmentState: { booked: '已预约', held: '已约谈', no_show: '业主未到' },
  status: { open: '处理中', resolved: '已解决', closed: '已关闭' },
  purpose: {
    response: '24小时答复',
    promised_reply: '承诺回复',
    written_reply: '书面答复',
    follow_up: '回访',
    report: '重大投诉报告',
    activity: '处理进展',
    appointment: '约谈',
  },
  dispatchStatus: { open: '待签收', signed: '已签收', returned: '已退回', closed: '已结束' },
  returnVerdict: { accepted: '同意退单', rejected: '不同意退单', withdrawn: '已撤回（派单已结束）' },
  clockStatus: { running: '计时中', paused: '已暂停', met: '已完成', cancelled: '已取消' },
  light: { green: '正常', yellow: '预警', red: '超时', none: '—' },
  verdict: { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', no_answer: '未接通', unreachable: '无法联系' },
  via: { phone: '电话', visit: '上门', sms: '短信', online: '网络', written: '书面' },
  missing: {
    'checklist.listen': '听清楚',
    'checklist.ask': '问清楚',
    'checklist.follow': '跟清楚',
    'checklist.reply': '复清楚',
    'checklist.record': '记清楚',
    'checklist.report': '报告',
    promised_reply_time: '承诺回复时间',
    written_answer: '书面答复',
    follow_up: '回访',
  },
  action: {
    attachment_added: '上传材料',
    attachment_downloaded: '下载材料',
    resident_notified: '短信告知业主',
    resident_consent: '业主在线提交并同意个人信息处理',
    claim_opened: '线上投诉待认领',
    first_responder_claimed: '认领为首问负责人',
    tracking_revoked: '作废业主查询链接',
    received: '受理登记',
    assigned: '分派',
    handed_off: '转交',
    replied: '答复业主',
    promised: '承诺回复时间',
    escalated: '升级为重大投诉',
    resolved: '处理完毕',
    closed: '关闭',
    reopened: '重办',
    redo: '回访不满意重办',
    written_reply: '书面答复',
    repeat_contact: '重复来电',
    new_matter: '另立新事项',
    appointment_booked: '预约约谈',
    appointment_held: '约谈完成',
    appointment_no_show: '业主未到约谈',
    appointment_rescheduled: '约谈改期',
    checklist_ticked: '勾选五清楚',
    reported_to_leaders: '向公司领导报告',
    follow_up: '回访',
    close_override: '强制关闭',
    sla_breached: '超时',
    sla_warned: '预警',
    sla_escalated: '超时升级',
    language_flagged: '答复含禁用语',
    dispatched: '派单',
    dispatch_signed: '签收',
    dispatch_warned: '签收预警',
    dispatch_breached: '超时未签收',
    dispatch_escalated: '未签收上报主管',
    dispatch_returned: '退单',
    dispatch_return_accepted: '同意退单',
    dispatch_return_rejected: '不同意退单',
    dispatch_returns_to_leaders: '多次退单报公司领导',
    dispatch_closed: '派单结束',
    escalated_major: '升级为重大投诉',
    backdated: '补录（按实际受理时间）',
    clock_paused: '暂停计时',
    clock_resumed: '恢复计时',
    extension_requested: '申请延期',
    extension_approved: '同意延期',
    extension_refused: '不同意延期',
    supervision_issued: '督办',
    supervision_reminded: '督办催办',
    supervision_feedback: '督办书面反馈',
    supervision_feedback_rejected: '督办反馈退回',
    supervision_closed: '督办办结',
    supervision_breached: '督办超时',
    joint_task_created: '联合办理任务',
    joint_task_assigned: '联合办理分派',
    joint_task_signed_off: '联合办理签结',
    joint_task_warned: '联合办理任务预警',
    joint_task_breached: '联合办理任务超时',
    joint_task_escalated: '联合办理任务超时升级',
    overreach_registered: '登记越级投诉',
    scoring_reversed: '撤销扣分',
    valid_complaint_decided: '认定有效投诉',
    disciplinary_decided: '处分决定',
  },
};

export const zh = (group, key) => ZH[group]?.[key] ?? key;

// An address as staff read it: 3 → 3栋, but 3栋 and 1号楼 stay as typed (no 3栋栋).
const suffixed = (value, suffix, has) => value && (has.test(value) ? value : `${value}${suffix}`);
export const addressText = (a) =>
  [a.community, suffixed(a.building, '栋', /[栋楼座幢]$/), suffixed(a.unit, '单元', /单元$/), suffixed(a.room, '室', /[室号]$/)].filter(Boolean).join(' ');

/** The month (YYYY-MM) of an instant in Beijing time; this month without one. */
export const monthOf = (at = new Date()) => new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
/** 2026-11 → 2026年11月. */
export const monthZh = (month) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/**
 * Fills a month picker (a select, in Chinese: the browser's own month input follows the phone's locale, not the
 * page's) with `now`'s month and the `count - 1` before it, newest first, plus `selected` when it is outside them,
 * and selects `selected` (a YYYY-MM) or the newest.
 */
export function fillMonths(select, { now = monthOf(), selected = null, count = 36 } = {}) {
  const [y, m] = now.split('-').map(Number);
  const months = Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  const wanted = selected && /^\d{4}-\d{2}$/.test(selected) ? selected : null;
  if (wanted && !months.includes(wanted)) months.push(wanted);
  select.replaceChildren(...months.map((month) => h('option', { value: month }, monthZh(month))));
  select.value = wanted ?? months[0];
  return select;
}

export function fmtTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export function fmtMinutes(total) {
  const m = Math.abs(Math.round(total));
  const d = Math.floor(m / 1440),
    hh = Math.floor((m % 1440) / 60),
    mm = m % 60;
  return d ? `${d}天${hh}小时` : hh ? `${hh}小时${mm}分` : `${mm}分`;
}

/** The most urgent live clock of a ticket (red before yellow before green, then the nearest due). */
export function urgentClock(clocks = []) {
  const live = clocks.filter((c) => c.status === 'running' || c.status === 'paused');
  const pick = live.filter((c) => c.purpose !== 'activity').length ? live.filter((c) => c.purpose !== 'activity') : live;
  const rank = { red: 0, yellow: 1, green: 2, none: 3 };
  return pick.sort((a, b) => rank[a.light] - rank[b.light] || Date.parse(a.dueAt) - Date.parse(b.dueAt))[0] ?? null;
}

/** A light and a countdown that ticks locally from the server's remaining/overdue minutes. */
export function lightWithCountdown(clock) {
  if (!clock) return h('span', { class: 'muted' }, '—');
  const fetchedAt = Date.now();
  const text = h('span', { class: 'countdown' });
  const render = () => {
    const elapsed = (Date.now() - fetchedAt) / 60000;
    if (clock.status === 'paused') text.textContent = `已暂停（剩余 ${fmtMinutes(clock.paused?.remainingMinutes ?? 0)}）`;
    else if (clock.overdueMinutes !== null && clock.overdueMinutes !== undefined) text.textContent = `已超时 ${fmtMinutes(clock.overdueMinutes + elapsed)}`;
    else if (clock.remainingMinutes !== null && clock.remainingMinutes !== undefined) {
      const left = clock.remainingMinutes - elapsed;
      text.textContent = left > 0 ? `剩余 ${fmtMinutes(left)}` : `已超时 ${fmtMinutes(-left)}`;
    } else text.textContent = zh('clockStatus', clock.status);
  };
  render();
  const timer = setInterval(() => (text.isConnected ? render() : clearInterval(timer)), 30000);
  return h(
    'span',
    { class: 'light-cell', 'data-light': clock.light },
    h('span', { class: `light ${clock.light}`, title: zh('light', clock.light) }),
    `${zh('purpose', clock.purpose)} · `,
    text,
  );
}

export function toast(message, ms = 3500) {
  const el = $('#toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), ms);
}

/** The Chinese sentence for an API error (console/js/messages.js): never the API's English. */
export const errorText = (error) => messageOf(error);

/**
 * Shows an error once in `box` and marks the inputs it names (aria-invalid, styled in app.css); `inputOf` maps an
 * API field path to the form's input. Any earlier marks are cleared first.
 */
export function showError(form, box, error, inputOf = () => null) {
  clearErrors(form, box);
  box.textContent = typeof error === 'string' ? error : errorText(error);
  const marked = (typeof error === 'string' ? [] : errorFields(error)).map(inputOf).filter(Boolean);
  for (const el of marked) el.setAttribute('aria-invalid', 'true');
  marked[0]?.focus();
  return marked;
}

export function clearErrors(form, box) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  if (box) box.textContent = '';
}

/** Fetches `path` as the signed-in user and saves it as `fileName` (an object URL the browser downloads). */
export async function saveFile(path, fileName) {
  const res = await api(path, { raw: true });
  const url = URL.createObjectURL(await res.blob());
  const link = h('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A month file's download button (CSV or XLSX): disabled, aria-busy and 正在生成 … while the file is made, then saved
 * with a toast; a refusal is a toast in Chinese. `path`, `fileName` and `done` are read at the click (the month changes).
 */
export function downloadButton({ id, format, path, fileName, done }) {
  const label = `下载 ${format.toUpperCase()}`;
  const button = h('button', { type: 'button', id }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = `正在生成 ${format.toUpperCase()}…`;
    button.setAttribute('aria-busy', 'true');
    try {
      await saveFile(path(), fileName());
      toast(done());
    } catch (err) {
      toast(errorText(err));
    } finally {
      button.disabled = false;
      button.textContent = label;
      button.removeAttribute('aria-busy');
    }
  });
  return button;
}
