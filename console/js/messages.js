// The console's one table of what the API's refusals mean in Chinese: every error code, every rule code
// (src/**/*.rule-codes.ts, checked by src/console-messages.spec.ts) and the field names validation reports.
// The API's own English message is for developers and logs; a user never reads it.

/** `code` of an error body (src/common/errors/domain-error.ts). */
export const CODE_MESSAGES = {
  NOT_FOUND: '没有找到，或您无权查看。',
  FORBIDDEN: '您的角色不能做这项操作。',
  INVALID_CREDENTIALS: '用户名或密码错误。',
  LOGIN_THROTTLED: '登录失败次数过多，请稍后再试。',
  THROTTLED: '请求过于频繁，请稍后再试。',
  DUPLICATE: '已经存在，不能重复登记。',
  REQUEST_IN_FLIGHT: '上一次提交还在处理中，请稍候。',
  IDEMPOTENCY_KEY_REUSED: '这次提交与上一次不一致，请刷新页面后重新填写。',
  VERSION_MISMATCH: '工单已被他人更新，请刷新后再操作。',
  INVALID_INPUT: '填写的内容有误，请检查标红的项。',
  RULE_VIOLATED: '不符合制度规定，不能这样办理。',
  TOO_LATE: '期限已过，这一步只能在期限前办理。',
  CONFLICT: '与工单当前的状态冲突，请刷新后再试。',
  DATABASE_UNAVAILABLE: '系统暂时不可用，请稍后再试。',
};

/** HTTP status when the body has no code (transport errors, proxies). */
export const STATUS_MESSAGES = {
  400: '填写的内容有误，请检查。',
  401: '登录已过期，请重新登录。',
  403: '您的角色不能做这项操作。',
  404: '没有找到，或您无权查看。',
  409: '与已有记录冲突，请刷新后再试。',
  413: '文件或内容太大。',
  415: '提交的格式不正确。',
  422: '不符合制度规定，不能这样办理。',
  428: '请刷新页面后再操作。',
  429: '操作太频繁，请稍后再试。',
  503: '系统暂时不可用，请稍后再试。',
};

/** `details.rule` of a refusal: one line per rule code the API declares (the article it enforces in brackets). */
export const RULE_MESSAGES = {
  'attachment.max_bytes': '文件太大，超过了单个材料的大小上限。',
  'attachment.max_files': '这张工单的材料已达上限，不能再上传。',
  'attachment.type_not_allowed': '不支持这种文件类型，请上传图片或 PDF。',
  'attachment.type_mismatch': '文件内容与扩展名不符，请检查文件。',
  'attachment.content_masked': '该材料含业主个人信息，已遮盖，不能下载原件。',
  'checklist.item_not_required': '这张工单不需要这一项（五清楚）。',
  'follow_up.after_resolution': '工单处理完毕后才能回访（第八条）。',
  'follow_up.unreachable_after_attempts': '多次联系未果后才能记为无法联系。',
  'idempotency.same_key_same_request': '这次提交与上一次不一致，请刷新页面后重新填写。',
  'leader_report.has_recipients': '报告至少要有一位公司领导接收。',
  'leader_report.important_matter_named': '请写明需要报告的重要事项。',
  'department.supervisor_must_be_member': '部门主管必须是本部门员工。',
  'problem.closed': '该共性问题已关闭。',
  'overreach.venue_matches_level': '越级投诉的去向与级别不符。',
  'overreach.after_contact': '越级投诉须发生在业主联系公司之后。',
  'overreach.complaints_only': '只有投诉才能登记越级。',
  'overreach.once_per_ticket_level_day': '同一工单同一级别当天已登记过越级。',
  'valid_complaint.complaints_only': '只有投诉才能认定为有效投诉。',
  'valid_complaint.conditions': '不满足有效投诉的认定条件。',
  'valid_complaint.own_department_supervisor': '只能由本部门主管认定有效投诉。',
  'valid_complaint.once_per_ticket_employee': '该员工在这张工单上已认定过有效投诉。',
  'disciplinary.decide_once': '处分已经决定过，不能再改。',
  'scoring.reverse_charges_only': '只能撤销扣分记录。',
  'scoring.reverse_once': '这条扣分已经撤销过。',
  'report.close_after_month_end': '月份结束后才能月末结账。',
  'report.close_once': '该月已经结账，不能重复结账。',
  'sla.pause_not_allowed': '这个时限不能暂停。',
  'sla.pause_before_breach': '已超时的时限不能暂停。',
  'routing.department_has_no_supervisor': '责任部门还没有主管，无法分派，请联系管理员。',
  'routing.department_missing': '这个类别的责任部门还没有建立，请联系管理员。',
  'handoff.responsible_person_in_department': '责任人必须是本部门员工。',
  'handoff.target': '请选择转交给谁。',
  'handoff.target_active': '转交对象已停用，请另选。',
  'handoff.target_has_department': '转交对象没有所属部门。',
  'handoff.to_someone_else': '不能转交给自己。',
  'ticket.closed': '工单已关闭，不能再操作。',
  'ticket.already_closed': '工单已经关闭。',
  'ticket.close_requirements': '还有必办事项未完成，不能关闭。',
  'ticket.promise_open_only': '只有处理中的工单才能承诺回复时间。',
  'ticket.resolve_open_only': '只有处理中的工单才能标记处理完毕。',
  'ticket.escalate_open_only': '只有处理中的工单才能升级为重大投诉。',
  'ticket.already_major': '工单已经是重大投诉。',
  'ticket.reopen_not_open': '只有已解决或已关闭的工单才能重办。',
  'service_language.forbidden_expression': '答复里有服务禁用语，请修改后再发送。',
  'not_reaccepted.earlier_closed': '不予重复受理只适用于已办结的原工单。',
  'intake.match_choice_required': '该来电人有未办结的同类工单，请选择同一事项还是新事项。',
  'intake.matched_matter_closed': '所选的原工单已关闭，请记为新事项或不予重复受理。',
  'intake.related_other_category': '关联的工单类别不同，请选择同一事项或新事项。',
  'appointment.none': '这张工单没有约谈。',
  'appointment.not_pending': '约谈已经结束，不能再改。',
  'extension.before_deadline': '时限已到或已超时，不能再申请延期。',
  'extension.decided_before_deadline': '原时限已过，延期申请不能再审批。',
  'extension.later_due_time': '延期后的时限必须晚于现在的时限。',
  'extension.requested_by_handler': '只有工单的经办人可以申请延期。',
  'extension.decided_by_supervisor': '只有该部门主管（或公司领导）可以审批延期。',
  'extension.decided_once': '这项延期申请已经审批过了。',
  'extension.one_pending': '这项时限已有一个待审批的延期申请。',
  'extension.max_per_ticket': '这张工单的延期次数已达上限。',
  'extension.max_total_minutes': '这张工单的延期总时长已达上限。',
  'extension.live_clock': '只能对工单正在计时的时限申请延期。',
  'supervision.one_target': '督办单须针对一张工单或一个重复问题，二者选一。',
  'supervision.due_in_future': '督办期限必须晚于现在。',
  'supervision.ticket_department': '工单的督办单须下达给该工单的责任部门。',
  'supervision.feedback_by_department': '书面反馈须由责任部门提交。',
  'supervision.decided_by_issuer': '只有下达督办单的领导可以验收或退回反馈。',
  'supervision.feedback_state': '现在没有可提交或可验收的书面反馈。',
  'supervision.closed': '督办单已办结，不能再操作。',
  'supervision.rejection_noted': '退回书面反馈时请写明原因。',
  'joint.co_department_not_lead': '协办部门不能是主办部门本身。',
  'joint.one_open_task_per_department': '该部门在这张工单上已有未完成的协办任务。',
  'joint.lead_gives_tasks': '只有主办部门的经办人、主管或公司领导可以布置协办任务。',
  'joint.supervisor_assigns_own_member': '协办任务须由协办部门主管指派给本部门在岗人员。',
  'joint.handler_signs_off': '只有协办任务的经办人可以签结。',
  'joint.task_signed_off': '协办任务已签结，不能再操作。',
  'joint.open_ticket_only': '只能在未办结的工单上布置协办任务。',
  'joint.tasks_open': '还有协办任务未签结，工单暂不能办结。',
  'joint.lead_replies_only': '答复业主由主办部门统一进行，协办部门不能办理这一步。',
  'dispatch.dispatched_by_desk': '只有工单的经办人、所在部门主管或公司领导可以派单。',
  'dispatch.other_department': '派单须派往工单所在部门以外的部门。',
  'dispatch.one_open': '这张工单已有一张未签收的派单，须先签收或退单。',
  'dispatch.open_ticket': '只能对未办结的工单派单。',
  'dispatch.open': '这张派单已签收或已退回，不能再操作。',
  'dispatch.by_receiving_department': '只有接收派单的部门人员可以签收或退单。',
  'dispatch.handler_in_department': '签收时指定的经办人须是接收部门的在岗人员。',
  'dispatch.return_pending': '这张派单的退单正等待派单人处理。',
  'dispatch.return_within_span': '已超过签收时限，不能再退单，请签收办理。',
  'dispatch.returns_closed': '派单人已不同意退单，本部门须签收办理，不能再次退单。',
  'dispatch.decided_by_dispatcher': '只有派单人、派单部门主管或公司领导可以处理退单。',
  'dispatch.decided_once': '这次退单已经处理过了。',
  'dispatch.with_receiving_department': '工单已派给接收部门，签收前由该部门办理；派单人只处理退单。',
  'place.parent_kind': '上级地点不对：楼栋属于小区，单元属于楼栋，房号属于单元或楼栋。',
  'place.active': '该地点（或其上级）已停用。',
  'place.unique_name': '同一上级下已有同名地点。',
  'resident.consent_required': '请阅读并勾选同意个人信息处理说明后再提交。',
  'resident.consent_version': '个人信息处理说明已更新，请刷新页面后重新阅读并同意。',
  'resident.filing_closed': '网上投诉暂未开放，请致电或到服务中心反映。',
  'resident.photo_limit': '照片数量或大小超过限制。',
  'resident.rating_after_resolution': '处理完成后才能评价。',
  'resident.rated_once': '这次处理结果已经评价过了。',
};

/** Field paths validation names (`details.fields[].field`), by the label the console shows. */
export const FIELD_LABELS = {
  kind: '类型',
  channel: '渠道',
  'complainant.name': '业主姓名',
  'complainant.phone': '联系电话',
  phone: '联系电话',
  'complainant.address': '地址',
  'complainant.address.community': '小区',
  'complainant.address.building': '楼栋',
  'complainant.address.unit': '单元',
  'complainant.address.room': '房号',
  'complainant.address.placeId': '登记地点',
  parentId: '上级地点',
  name: '名称',
  summary: '投诉内容',
  requests: '业主诉求',
  category: '类别',
  severity: '严重程度',
  disposition: '受理方式',
  onTheSpotAnswer: '当场答复内容',
  referral: '责任归属单位',
  'referral.unit': '责任归属单位',
  appointmentAt: '约谈时间',
  match: '同一事项或新事项',
  'match.choice': '同一事项或新事项',
  'match.reference': '原工单号',
  relatedTicketId: '关联工单',
  'notReaccepted.earlierTicketId': '原工单',
  content: '内容',
  via: '方式',
  replyBy: '承诺回复时间',
  verdict: '回访结果',
  note: '备注',
  reason: '原因',
  month: '月份',
  username: '用户名',
  password: '密码',
  handlerId: '处理人',
  departmentId: '部门',
  staffId: '员工',
  employeeId: '员工',
  supervisorId: '主管',
  item: '检查项',
  occurredAt: '发生时间',
  receivedAt: '受理时间',
  contentBase64: '文件',
  fileName: '文件名',
  code: '编号',
  '(body)': '提交的内容',
  description: '问题描述',
  'place.community': '小区',
  consent: '个人信息处理同意',
  'consent.accepted': '个人信息处理同意',
  photos: '照片',
};

const label = (field) => FIELD_LABELS[field] ?? FIELD_LABELS[String(field).split('.').pop()] ?? '有一项内容';

/** The fields an error names (validation's details.fields, or a rule's details.field). */
export function errorFields(error) {
  const d = error?.body?.details;
  const fields = (d?.fields ?? []).map((f) => f.field);
  if (typeof d?.field === 'string') fields.push(d.field);
  return [...new Set(fields)];
}

/** One Chinese sentence for an API error (an ApiError, or anything thrown). Never the API's English. */
export function messageOf(error) {
  const body = error?.body;
  const rule = body?.details?.rule;
  if (rule && RULE_MESSAGES[rule]) return RULE_MESSAGES[rule];
  const fields = errorFields(error);
  if (body?.code === 'INVALID_INPUT' || (!body?.code && error?.status === 400 && fields.length)) {
    if (fields.length) return `请检查：${[...new Set(fields.map(label))].join('、')}。`;
  }
  if (body?.code && CODE_MESSAGES[body.code]) return CODE_MESSAGES[body.code];
  if (error?.status && STATUS_MESSAGES[error.status]) return STATUS_MESSAGES[error.status];
  if (error?.status >= 500) return '系统出错了，请稍后再试或联系管理员。';
  return '操作没有成功，请检查网络后再试。';
}
