// The ticket page: details, clocks with their explanation, five clears, history, and every handling action.
import { api, hasRole, session } from '../api.js';
import { addressText, clearErrors, errorText, fmtTime, h, lightWithCountdown, showError, toast, zh } from '../ui.js';
import { CATEGORY_ZH, forbiddenIn, mediumOf } from '../service-language.js';
import { attachmentsPanel } from './attachments.js';

const ITEM_HINT = {
  listen: '听清楚：完整听取投诉内容',
  ask: '问清楚：核实事实与诉求',
  follow: '跟清楚：跟进到底',
  reply: '复清楚：向业主说明过程和结果',
  record: '记清楚：记录存档',
  report: '报告：重大投诉立即上报',
};

function clockPanel(clocks = []) {
  if (!clocks.length) return h('p', { class: 'muted' }, '没有计时');
  return h(
    'div',
    {},
    clocks.map((c) =>
      h(
        'div',
        { class: 'clock', 'data-purpose': c.purpose, 'data-light': c.light },
        h(
          'div',
          {},
          lightWithCountdown(c),
          '　',
          h('span', { class: 'muted' }, `${zh('clockStatus', c.status)} · 截止 ${fmtTime(c.dueAt)}`),
          c.originalDueAt ? h('span', { class: 'muted original-due' }, `（已延期，原截止 ${fmtTime(c.originalDueAt)}）`) : '',
          c.breached ? h('span', { class: 'tag red' }, '已超时记录') : '',
          c.escalationLevel ? h('span', { class: 'tag warn' }, `已升级${c.escalationLevel}级`) : '',
        ),
        h(
          'div',
          { class: 'explain' },
          c.explanation?.text ?? '',
          c.explanation?.skippedHolidays?.length ? `（跳过节假日：${c.explanation.skippedHolidays.join('、')}）` : '',
        ),
      ),
    ),
  );
}

// Ticking an item takes its evidence inline: a note field and a button beside the item, no native dialog.
function tickForm(ticket, item, reload) {
  const note = h('input', { name: 'note', required: true, maxlength: '2000', id: `tick-note-${item.item}`, placeholder: '填写依据' });
  const error = h('span', { class: 'error', id: `tick-error-${item.item}` });
  const form = h(
    'form',
    { class: 'tick-form', 'data-item': item.item },
    h('label', { for: note.id, class: 'inline-label' }, `${item.name}的依据 `),
    note,
    h('button', { type: 'submit' }, '勾选'),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await api(`/tickets/${ticket.id}/checklist/${item.item}`, { method: 'POST', body: { note: note.value } });
      toast(`已勾选 ${item.name}`);
      reload();
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  return form;
}

const MATTER_ZH = { many_reports: '反映较多', wide_impact: '影响较大', vital_interests: '涉及群众切身利益' };

// 第七条(六), 第一篇 一.8: the written reports to company leaders, with who received them.
function leaderReportPanel(reports = []) {
  if (!reports.length) return h('p', { class: 'muted' }, '尚未向公司领导报告');
  return h(
    'ul',
    { class: 'history', id: 'leader-reports' },
    reports.map((r) =>
      h(
        'li',
        {},
        h('span', { class: 'at' }, fmtTime(r.reportedAt)),
        h('b', {}, r.reason === 'major' ? '重大投诉报告' : `重要事项报告（${r.matters.map((m) => MATTER_ZH[m] ?? m).join('、')}）`),
        ` 报告人 ${r.reporter?.name ?? '系统'} → ${r.recipients.map((p) => p.name).join('、')}：${r.content}`,
      ),
    ),
  );
}

const EXTENSION_STATUS_ZH = { requested: '待审批', approved: '已同意', refused: '不同意' };

// 延期: each request with the deadline it was asked against and the one asked for. The handler asks inline for a live
// clock; the supervisor of the clock's department (or a manager) decides inline. The original deadline stays shown.
function extensionPanel(ticket, extensions = [], clocks = [], departments, inlineForm, reload) {
  const me = session.get()?.user ?? {};
  const supervises = (deptId) => departments.some((d) => d.id === deptId && d.supervisor?.id === me.id);
  const act = async (path, body, message) => {
    await api(`/tickets/${ticket.id}/extensions${path}`, { method: 'POST', body });
    toast(message);
    reload();
  };
  const extendable = clocks.filter((c) => c.status === 'running' && c.purpose !== 'activity');
  const asking =
    ticket.status === 'open' && me.id === ticket.handler.id && extendable.length
      ? inlineForm(
          'extension-form',
          '申请延期',
          [
            h(
              'div',
              { class: 'row c2' },
              cellWith(
                '时限',
                h(
                  'select',
                  { name: 'clockId' },
                  extendable.map((c) => h('option', { value: c.id }, `${zh('purpose', c.purpose)}（截止 ${fmtTime(c.dueAt)}）`)),
                ),
              ),
              cellWith('延至（北京时间）', h('input', { name: 'newDueAt', type: 'datetime-local', required: true })),
            ),
            lbl('延期理由', h('input', { name: 'reason', required: true })),
          ],
          '提交申请',
          (f) => act('', { clockId: f.clockId.value, newDueAt: `${f.newDueAt.value.slice(0, 16)}:00+08:00`, reason: f.reason.value }, '已申请延期'),
        )
      : '';
  const list = extensions.length
    ? h(
        'ul',
        { class: 'history', id: 'extensions' },
        extensions.map((x) =>
          h(
            'li',
            { 'data-extension': x.id },
            h('span', { class: 'at' }, fmtTime(x.requestedAt)),
            h('b', {}, `${zh('purpose', x.purpose)}延期`),
            ' ',
            h(
              'span',
              { class: `tag ${x.status === 'requested' ? 'warn' : x.status === 'approved' ? 'ok' : 'red'}` },
              EXTENSION_STATUS_ZH[x.status] ?? x.status,
            ),
            ` 申请人 ${x.requester.name}：原截止 ${fmtTime(x.originalDueAt)}，申请延至 ${fmtTime(x.requestedDueAt)}；理由：${x.reason}`,
            x.decidedBy ? `；${x.decidedBy.name} ${fmtTime(x.decidedAt)} 审批${x.decisionNote ? `：${x.decisionNote}` : ''}` : '',
            x.status === 'requested' && (supervises(x.departmentId) || hasRole('manager'))
              ? inlineForm(
                  `extension-decide-${x.id}`,
                  '审批延期',
                  [
                    lbl(
                      '审批意见',
                      h('select', { name: 'verdict' }, h('option', { value: 'approve' }, '同意延期'), h('option', { value: 'refuse' }, '不同意延期')),
                    ),
                    lbl('说明', h('input', { name: 'note' })),
                  ],
                  '确定',
                  (f) => act(`/${x.id}/${f.verdict.value}`, f.note.value ? { note: f.note.value } : {}, '延期已审批'),
                )
              : '',
          ),
        ),
      )
    : h('p', { class: 'muted', id: 'extensions-none' }, '没有延期申请');
  return h('div', {}, list, asking);
}

// 派单/签收/退单: each dispatch with its sign-for deadline and returns; the receiving department signs or returns
// inline, the dispatcher (or the dispatching department's supervisor, or a leader) accepts or rejects a return.
function dispatchPanel(ticket, dispatches = [], departments, inlineForm, reload) {
  const me = session.get()?.user ?? {};
  const supervises = (deptId) => departments.some((d) => d.id === deptId && d.supervisor?.id === me.id);
  const act = async (path, body, message) => {
    await api(`/tickets/${ticket.id}/dispatches/${path}`, { method: 'POST', body });
    toast(message);
    reload();
  };
  if (!dispatches.length) return h('p', { class: 'muted', id: 'dispatches-none' }, '没有派单');
  return h(
    'ul',
    { class: 'history', id: 'dispatches' },
    dispatches.map((d) => {
      const pending = d.returns.find((r) => !r.verdict);
      const receiving = d.status === 'open' && me.departmentId === d.toDepartment.id;
      const deciding = pending && (me.id === d.dispatcher.id || supervises(d.fromDepartment.id) || hasRole('manager'));
      const handlerSelect = h('select', { name: 'staffId' }, h('option', { value: '' }, '（本人）'));
      if (receiving && !pending)
        api(`/staff?departmentId=${d.toDepartment.id}`)
          .then((staff) => handlerSelect.append(...staff.filter((s) => s.active !== false && s.id !== me.id).map((s) => h('option', { value: s.id }, s.name))))
          .catch(() => undefined);
      return h(
        'li',
        { 'data-dispatch': d.id },
        h('span', { class: 'at' }, fmtTime(d.dispatchedAt)),
        h('b', {}, `${d.fromDepartment.name} → ${d.toDepartment.name}`),
        ' ',
        h('span', { class: `tag ${d.status === 'open' ? 'warn' : 'ok'}` }, zh('dispatchStatus', d.status)),
        d.breached ? h('span', { class: 'tag bad' }, '超时未签收') : '',
        ` 派单人 ${d.dispatcher.name}，签收时限 ${fmtTime(d.signDueAt)}`,
        d.handler ? `，由 ${d.handler.name} 办理` : '',
        `：${d.note}`,
        d.returns.length
          ? h(
              'ul',
              {},
              d.returns.map((r) =>
                h(
                  'li',
                  {},
                  `退单（${r.reasonLabel}）${r.returnedBy.name} ${fmtTime(r.returnedAt)}：${r.note} — `,
                  r.verdict ? zh('returnVerdict', r.verdict) + (r.decisionNote ? `：${r.decisionNote}` : '') : h('span', { class: 'tag warn' }, '待派单人处理'),
                ),
              ),
            )
          : '',
        receiving && !pending
          ? inlineForm(
              `dispatch-sign-${d.id}`,
              '签收',
              [h('div', { class: 'row c2' }, cellWith('经办人', handlerSelect), cellWith('说明', h('input', { name: 'note' })))],
              '签收',
              (f) =>
                act(`${d.id}/sign`, { ...(f.staffId.value ? { staffId: f.staffId.value } : {}), ...(f.note.value ? { note: f.note.value } : {}) }, '已签收'),
            )
          : '',
        receiving && !pending && d.returnReasons.length
          ? inlineForm(
              `dispatch-return-${d.id}`,
              '退单',
              [
                lbl(
                  '退单原因',
                  h(
                    'select',
                    { name: 'reasonCode' },
                    d.returnReasons.map((r) => h('option', { value: r.code }, r.label)),
                  ),
                ),
                lbl('说明', h('input', { name: 'note', required: true })),
              ],
              '退单',
              (f) => act(`${d.id}/return`, { reasonCode: f.reasonCode.value, note: f.note.value }, '已退单'),
            )
          : '',
        deciding
          ? inlineForm(
              `dispatch-decide-${d.id}`,
              '处理退单',
              [
                lbl(
                  '处理意见',
                  h(
                    'select',
                    { name: 'verdict' },
                    h('option', { value: 'accept' }, '同意退单（退回重新派单）'),
                    h('option', { value: 'reject' }, '不同意（须签收）'),
                  ),
                ),
                lbl('说明', h('input', { name: 'note' })),
              ],
              '确定',
              (f) => act(`${d.id}/returns/${pending.id}/${f.verdict.value}`, f.note.value ? { note: f.note.value } : {}, '退单已处理'),
            )
          : '',
      );
    }),
  );
}

function checklistPanel(ticket, checklist, reload) {
  if (!checklist) return h('p', { class: 'muted' }, '此工单没有五清楚清单');
  const open = ticket.status !== 'closed';
  return h(
    'div',
    { id: 'checklist' },
    h(
      'ul',
      { style: 'list-style:none;padding:0;margin:0' },
      checklist.items.map((i) =>
        h(
          'li',
          { style: 'margin-bottom:6px', 'data-item': i.item },
          i.ticked ? h('span', { class: 'tag ok' }, '✓') : h('span', { class: 'tag warn' }, '待办'),
          h('b', {}, i.name),
          '　',
          i.ticked
            ? h('span', { class: 'muted' }, `${i.ticked.by?.name ?? '系统'} ${fmtTime(i.ticked.at)}：${i.ticked.note}`)
            : h('span', { class: 'muted' }, ITEM_HINT[i.item] ?? ''),
          !i.ticked && open ? tickForm(ticket, i, reload) : '',
        ),
      ),
    ),
    checklist.missing?.length
      ? h('p', { class: 'muted' }, '关闭前还缺：', checklist.missing.map((m) => zh('missing', m)).join('、'))
      : h('p', { class: 'muted' }, '关闭条件已齐备'),
  );
}

/**
 * 首问负责制 under resident.firstResponder.mode first_claim: an online complaint the duty clerk recorded, which staff of
 * the department in charge claim inside its window to become its first responder.
 */
function claimNote(ticket, post) {
  const c = ticket.sections?.claim;
  if (!c) return '';
  if (c.claimedBy) return h('div', { class: 'muted', id: 'claim' }, `（${c.dutyClerk.name}网上受理，${fmtTime(c.claimedAt)}认领）`);
  if (!c.claimable) return h('div', { class: 'muted', id: 'claim' }, `认领时限已过，由网上值班员负责到底`);
  const me = session.get()?.user ?? {};
  const mine = me.departmentId === ticket.department.id && hasRole('staff', 'supervisor');
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'button', class: 'primary', id: 'claim-button' }, '认领，由我负责到底');
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      await post('claim', {}, '已认领，您是此工单的首问负责人');
    } catch (err) {
      error.textContent = errorText(err);
      button.disabled = false;
    }
  });
  return h(
    'div',
    { id: 'claim' },
    h('span', { class: 'tag warn' }, '待认领'),
    ` ${fmtTime(c.claimableUntil)}前本部门员工可认领为首问负责人`,
    ...(mine ? [h('div', { class: 'actions' }, button), error] : []),
  );
}

function actionForm(id, title, fields, submitLabel, onSubmit, { danger = false } = {}) {
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { id },
    ...fields,
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel)),
  );
  // The field an API refusal names (content, replyBy, …) is this form's input of that name.
  const inputOf = (field) => {
    const el = form.elements.namedItem(String(field).split('.').pop());
    return el instanceof Element ? el : null;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, error);
    try {
      await onSubmit(form);
    } catch (err) {
      const missing = err.body?.details?.missing;
      if (missing?.length) error.replaceChildren(h('span', { id: 'close-missing' }, `不能关闭，还缺：${missing.map((m) => zh('missing', m)).join('、')}`));
      else showError(form, error, err, inputOf);
    }
  });
  return h('details', { class: 'action', id: `${id}-panel` }, h('summary', {}, title), form);
}

// Every control has a label tied to it (for=id), so screen readers and axe-core find its name.
let controlIds = 0;
const labelFor = (text, el) => {
  el.id ||= `ticket-field-${++controlIds}`;
  return h('label', { for: el.id }, text);
};
const lbl = (text, el) => h('div', { class: 'row' }, h('div', {}, labelFor(text, el), el));
const cellWith = (text, el) => h('div', {}, labelFor(text, el), el);

export async function renderTicket(view, id) {
  const load = async () => {
    let t;
    try {
      t = await api(`/tickets/${id}`);
    } catch (err) {
      view.replaceChildren(h('p', { class: 'error' }, errorText(err)));
      return;
    }
    const [scripts, departments] = await Promise.all([api('/scripts'), api('/departments')]);
    const reload = () => load();
    const post = async (path, body, message) => {
      await api(`/tickets/${id}/${path}`, { method: 'POST', body });
      toast(message);
      await load();
    };
    const a = t.complainant.address;
    const actor = hasRole('staff', 'supervisor', 'manager', 'admin');

    const staffSelect = h('select', { name: 'staffId' }, h('option', { value: '' }, '（部门主管）'));
    const deptSelect = h(
      'select',
      { name: 'departmentId' },
      departments.map((d) => h('option', { value: d.id, selected: d.id === t.department.id }, `${d.name}（${d.code}）`)),
    );
    const loadStaff = async () => {
      const staff = await api(`/staff?departmentId=${deptSelect.value}`);
      staffSelect.replaceChildren(
        h('option', { value: '' }, '（部门主管）'),
        ...staff.filter((s) => s.active !== false).map((s) => h('option', { value: s.id }, s.name)),
      );
    };
    deptSelect.addEventListener('change', loadStaff);

    const warn = h('p', { class: 'notice bad', hidden: true, id: 'forbidden-warning' });
    const replyText = h('textarea', { name: 'content', required: true, id: 'reply-content' });
    const viaSelect = h(
      'select',
      { name: 'via' },
      Object.entries({ phone: '电话', visit: '上门', sms: '短信', online: '网络', written: '书面' }).map(([v, l]) => h('option', { value: v }, l)),
    );
    const checkLanguage = () => {
      const found = forbiddenIn(replyText.value, scripts.forbidden.expressions);
      const action = scripts.forbidden[mediumOf(viaSelect.value)];
      warn.hidden = !found.length;
      warn.textContent = found.length
        ? `含有禁用语：${found.map((x) => `${x.phrase}（${CATEGORY_ZH[x.category] ?? x.category}）`).join('、')}（${action === 'refuse' ? '将被拒绝，不会发出' : '将被记录并标记给主管'}）`
        : '';
    };
    replyText.addEventListener('input', checkLanguage);
    viaSelect.addEventListener('change', checkLanguage);

    const actions = [];
    if (actor && t.status === 'open') {
      actions.push(
        actionForm(
          'reply-form',
          '答复业主',
          [
            lbl('答复内容（避免「四个不讲」）', replyText),
            warn,
            h(
              'div',
              { class: 'row c2' },
              cellWith('方式', viaSelect),
              h(
                'div',
                {},
                h('label', {}, '最终答复'),
                h('label', {}, h('input', { type: 'checkbox', name: 'final', style: 'width:auto' }), ' 已告知处理过程和结果（复清楚）'),
              ),
            ),
          ],
          '记录答复',
          (f) => post('replies', { content: f.content.value, via: f.via.value, final: f.final.checked }, '答复已记录'),
        ),
        actionForm(
          'handoff-form',
          '转交',
          [
            h('div', { class: 'row c2' }, cellWith('部门', deptSelect), cellWith('责任人', staffSelect)),
            lbl('原因', h('input', { name: 'reason', required: true })),
          ],
          '转交',
          (f) =>
            post('handoff', { departmentId: f.departmentId.value, ...(f.staffId.value ? { staffId: f.staffId.value } : {}), reason: f.reason.value }, '已转交'),
        ),
        ...(!(t.sections?.dispatches ?? []).some((d) => d.status === 'open')
          ? [
              actionForm(
                'dispatch-form',
                '派单',
                [
                  lbl(
                    '接收部门（须在时限内签收）',
                    h(
                      'select',
                      { name: 'departmentId' },
                      departments.filter((d) => d.id !== t.department.id).map((d) => h('option', { value: d.id }, `${d.name}（${d.code}）`)),
                    ),
                  ),
                  lbl('派单说明', h('input', { name: 'note', required: true })),
                ],
                '派单',
                (f) => post('dispatches', { departmentId: f.departmentId.value, note: f.note.value }, '已派单'),
              ),
            ]
          : []),
        actionForm(
          'promise-form',
          '承诺回复时间',
          [
            lbl('回复时间', h('input', { type: 'datetime-local', name: 'replyBy', required: true })),
            lbl('向业主说明的内容', h('input', { name: 'note', required: true })),
          ],
          '确定回复时间',
          (f) => post('promise', { replyBy: new Date(f.replyBy.value).toISOString(), note: f.note.value }, '已承诺回复时间'),
        ),
        ...(t.severity !== 'major'
          ? [
              actionForm(
                'escalate-form',
                '升级为重大投诉',
                [lbl('原因（超出本人权限）', h('input', { name: 'reason', required: true }))],
                '升级并报主管',
                (f) => post('escalate', { reason: f.reason.value }, '已升级为重大投诉'),
              ),
            ]
          : []),
        // 第一篇 二.4(5) 约谈: what became of the agreed meeting.
        ...(t.disposition === 'appointment' && t.appointmentState !== 'held'
          ? [
              actionForm(
                'appointment-form',
                '约谈结果',
                [
                  lbl(
                    '结果',
                    h(
                      'select',
                      { name: 'outcome' },
                      ...(t.appointmentState === 'booked' ? [h('option', { value: 'held' }, '已约谈'), h('option', { value: 'no_show' }, '业主未到')] : []),
                      h('option', { value: 'rescheduled' }, '改期'),
                    ),
                  ),
                  lbl('改期至（改期时填写，须为将来时间）', h('input', { type: 'datetime-local', name: 'appointmentAt' })),
                  lbl('约谈情况 / 改期原因', h('input', { name: 'note', required: true })),
                ],
                '记录',
                (f) =>
                  post(
                    'appointment',
                    {
                      outcome: f.outcome.value,
                      note: f.note.value,
                      ...(f.outcome.value === 'rescheduled' && f.appointmentAt.value ? { appointmentAt: new Date(f.appointmentAt.value).toISOString() } : {}),
                    },
                    '约谈结果已记录',
                  ),
              ),
            ]
          : []),
        actionForm('resolve-form', '办结', [lbl('处理过程及结果', h('textarea', { name: 'summary', required: true }))], '标记已解决', (f) =>
          post('resolve', { summary: f.summary.value }, '已办结'),
        ),
      );
    }
    if (actor && t.status === 'resolved') {
      actions.push(
        actionForm(
          'follow-up-form',
          '回访',
          [
            h(
              'div',
              { class: 'row c2' },
              cellWith(
                '方式',
                h(
                  'select',
                  { name: 'contact' },
                  Object.entries({ phone: '电话', visit: '上门', sms: '短信', online: '网络' }).map(([v, l]) => h('option', { value: v }, l)),
                ),
              ),
              cellWith(
                '业主评价',
                h(
                  'select',
                  { name: 'verdict' },
                  ['satisfied', 'basically_satisfied', 'dissatisfied', 'no_answer', 'unreachable'].map((v) => h('option', { value: v }, zh('verdict', v))),
                ),
              ),
            ),
            lbl('业主的话', h('input', { name: 'note', required: true })),
          ],
          '记录回访',
          (f) => post('follow-ups', { contact: f.contact.value, verdict: f.verdict.value, note: f.note.value }, '回访已记录'),
        ),
      );
    }
    if (actor && t.status !== 'closed') {
      actions.push(
        actionForm(
          'close-form',
          '关闭工单',
          [
            lbl('关闭说明', h('input', { name: 'note' })),
            ...(hasRole('admin') ? [lbl('强制关闭原因（仅管理员，留痕）', h('input', { name: 'overrideReason' }))] : []),
          ],
          '关闭',
          (f) =>
            post(
              'close',
              { ...(f.note.value ? { note: f.note.value } : {}), ...(f.overrideReason?.value ? { overrideReason: f.overrideReason.value } : {}) },
              '工单已关闭',
            ),
          { danger: true },
        ),
      );
    }
    if (actor && t.status !== 'open') {
      actions.push(
        actionForm('reopen-form', '重办', [lbl('原因', h('input', { name: 'reason', required: true }))], '重新打开', (f) =>
          post('reopen', { reason: f.reason.value }, '已重新打开'),
        ),
      );
    }

    view.replaceChildren(
      h(
        'h1',
        {},
        `工单 ${t.reference} `,
        h('span', { class: 'tag', id: 'ticket-status' }, zh('status', t.status)),
        t.severity === 'major' ? h('span', { class: 'tag major' }, '重大投诉') : '',
        h('span', { class: 'tag', id: 'ticket-kind' }, zh('kind', t.kind)),
        h('span', { class: 'tag' }, t.category),
        h('span', { class: 'tag' }, zh('channel', t.channel)),
      ),
      h(
        'div',
        { class: 'grid-ticket' },
        h(
          'div',
          {},
          h(
            'div',
            { class: 'panel' },
            h('h2', {}, '投诉详情'),
            h(
              'dl',
              { class: 'readback' },
              h('dt', {}, '业主'),
              h('dd', {}, `${t.complainant.name}　${t.complainant.phone}`),
              h('dt', {}, '地址'),
              // 第九条: a registered place is what recurring problems are grouped by; a typed address is free text.
              h('dd', { id: 'ticket-address' }, `${addressText(a)}${a.placeId ? '（登记地点）' : ''}`),
              h('dt', {}, '内容'),
              h('dd', {}, t.summary),
              h('dt', {}, '诉求'),
              h('dd', {}, t.requests),
              h('dt', {}, '首问负责人'),
              h('dd', { id: 'first-responder' }, t.firstResponder.name, claimNote(t, post)),
              h('dt', {}, '处理人'),
              h('dd', {}, `${t.handler.name}（${t.department.name}）`),
              h('dt', {}, '受理时间'),
              h('dd', {}, fmtTime(t.receivedAt), t.repeatCount ? `　重复来电 ${t.repeatCount} 次` : '', t.reopenCount ? `　重办 ${t.reopenCount} 次` : ''),
              ...(t.appointmentAt
                ? [h('dt', {}, '约谈'), h('dd', { id: 'appointment' }, `${fmtTime(t.appointmentAt)}　${zh('appointmentState', t.appointmentState)}`)]
                : []),
            ),
          ),
          h('div', { class: 'panel' }, h('h2', {}, '时限'), clockPanel(t.sections?.clocks)),
          h('div', { class: 'panel' }, h('h2', {}, '五清楚一报告'), checklistPanel(t, t.sections?.checklist, reload)),
          h('div', { class: 'panel' }, h('h2', {}, '向公司领导报告'), leaderReportPanel(t.sections?.leaderReports)),
          h('div', { class: 'panel' }, h('h2', {}, '派单与签收'), dispatchPanel(t, t.sections?.dispatches, departments, actionForm, reload)),
          h('div', { class: 'panel' }, h('h2', {}, '延期'), extensionPanel(t, t.sections?.extensions, t.sections?.clocks, departments, actionForm, reload)),
          attachmentsPanel(t, reload),
        ),
        h(
          'div',
          {},
          h('div', { class: 'panel', id: 'actions' }, h('h2', {}, '处理'), actions.length ? actions : h('p', { class: 'muted' }, '此工单已关闭')),
          h(
            'div',
            { class: 'panel' },
            h('h2', {}, '答复记录'),
            t.replies.length
              ? h(
                  'ul',
                  { class: 'history' },
                  t.replies.map((r) =>
                    h(
                      'li',
                      {},
                      h('span', { class: 'at' }, fmtTime(r.at)),
                      `${r.author.name}（${zh('via', r.via)}${r.final ? '，最终答复' : ''}）：${r.content}`,
                      r.languageFlags?.length
                        ? h(
                            'span',
                            { class: 'tag major language-flag' },
                            `含禁用语：${r.languageFlags.map((f) => `${f.expression}${f.category ? `（${CATEGORY_ZH[f.category] ?? f.category}）` : ''}`).join('、')}`,
                          )
                        : '',
                    ),
                  ),
                )
              : h('p', { class: 'muted' }, '尚未答复'),
          ),
          h(
            'div',
            { class: 'panel' },
            h('h2', {}, '处理记录'),
            h(
              'ul',
              { class: 'history scroll', id: 'history' },
              t.history.map((x) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'at' }, fmtTime(x.at)),
                  // Routing by the policy is the system's act, taken on the clerk's intake, not the clerk's own choice.
                  ...(x.action === 'assigned' && x.after?.assignedBy === 'routing'
                    ? [h('b', {}, '系统自动分派'), ` （${x.actor?.name ?? '系统'}登记）`]
                    : [h('b', {}, zh('action', x.action)), ' ', x.actor?.name ?? '系统']),
                  x.note ? `：${x.note}` : '',
                ),
              ),
            ),
          ),
        ),
      ),
    );
    view.querySelector('#actions details.action')?.setAttribute('open', '');
    if (t.status === 'open' && actor) loadStaff().catch(() => undefined);
  };
  await load();
}
