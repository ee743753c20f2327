// Intake of a phone call or a visit (第一篇 一.3, 二.3; 第五条): standard phrases, routing, read-back, save.
import { api } from '../api.js';
import { $, ZH, errorText, h, toast, zh } from '../ui.js';

// A name that already carries an honorific (张先生, 李女士, 王老师) is read back as given; a bare name gets 先生（女士）.
const HONORIFIC = /(先生|女士|小姐|太太|老师|师傅|阿姨|叔叔|大爷|大妈|奶奶|爷爷|同志)$/;
export const salutation = (raw) => {
  const name = raw.trim() || '××';
  return HONORIFIC.test(name) ? name : `${name}先生（女士）`;
};

const field = (label, input) => h('div', {}, h('label', { for: input.id }, label), input);

export async function renderIntake(view) {
  const [scripts, departments] = await Promise.all([api('/scripts'), api('/departments')]);
  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  const routeOf = (category) => {
    const code = scripts.categories.find((c) => c.name === category)?.department;
    const d = deptByCode.get(code);
    return d ? `${d.name}（${d.code}）${d.supervisor ? ` · 主管 ${d.supervisor.name}` : ''}` : code ? `${code}（部门未建立）` : '—';
  };

  const input = (id, attrs = {}) => h('input', { id, name: id, ...attrs });
  const form = h(
    'form',
    { id: 'intake-form', class: 'panel', autocomplete: 'off' },
    h('h1', {}, '登记投诉（来电 / 来访）'),
    h(
      'div',
      { class: 'row c4' },
      // 第三条: a complaint, a suggestion or an enquiry, each on its own clock.
      field(
        '类型',
        h(
          'select',
          { id: 'kind', name: 'kind' },
          Object.entries(ZH.kind).map(([v, l]) => h('option', { value: v }, l)),
        ),
      ),
      field('渠道', h('select', { id: 'channel', name: 'channel' }, h('option', { value: 'phone' }, '电话'), h('option', { value: 'visit' }, '来访'))),
      field('业主姓名', input('name', { required: true, placeholder: '如 张先生' })),
      field('联系电话', input('phone', { required: true, placeholder: '手机或带区号座机' })),
    ),
    h(
      'div',
      { class: 'row c4' },
      field('小区', input('community', { required: true })),
      field('楼栋', input('building')),
      field('单元', input('unit')),
      field('房号', input('room')),
    ),
    h('div', { class: 'row' }, field('投诉内容（听清楚）', h('textarea', { id: 'summary', name: 'summary', required: true }))),
    h('div', { class: 'row' }, field('业主诉求（问清楚）', h('textarea', { id: 'requests', name: 'requests', required: true }))),
    h(
      'div',
      { class: 'row c3' },
      field(
        '类别',
        h(
          'select',
          { id: 'category', name: 'category' },
          scripts.categories.map((c) => h('option', { value: c.name }, c.name)),
        ),
      ),
      field(
        '严重程度',
        h(
          'select',
          { id: 'severity', name: 'severity' },
          h('option', { value: 'general' }, '一般'),
          h('option', { value: 'major' }, '重大（超出权限，报主管）'),
        ),
      ),
      field(
        '受理方式',
        h(
          'select',
          { id: 'disposition', name: 'disposition' },
          ['accepted', 'on_the_spot', 'referred_out', 'appointment'].map((d) => h('option', { value: d }, zh('disposition', d))),
        ),
      ),
    ),
    h('div', { class: 'row', id: 'extra-on_the_spot', hidden: true }, field('当场答复内容', h('textarea', { id: 'onTheSpotAnswer', name: 'onTheSpotAnswer' }))),
    h(
      'div',
      { class: 'row c2', id: 'extra-referred_out', hidden: true },
      field('责任归属单位', input('referralUnit', { placeholder: '如 市供电公司' })),
      h(
        'div',
        {},
        h('label', {}, '书面答复'),
        h('label', {}, h('input', { type: 'checkbox', id: 'writtenReplyRequested', style: 'width:auto' }), ' 业主要求书面答复'),
      ),
    ),
    h('div', { class: 'row', id: 'extra-appointment', hidden: true }, field('约谈时间', input('appointmentAt', { type: 'datetime-local' }))),
    h('p', {}, h('span', { class: 'muted' }, '派往：'), h('b', { id: 'routing' }, '')),
    h('p', { class: 'error', id: 'intake-error' }),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit', id: 'review' }, '核对信息')),
  );

  const phrases = scripts.standard;
  // {salutation} is the caller in the read-back; {name} a colleague in the transfer and message phrases.
  const fill = (text) =>
    text
      .replace('{salutation}', salutation(form.name.value))
      .replace('{name}', '（同事姓名）')
      .replace('{phone}', form.phone.value || '××××')
      .replace('{time}', '（约定时间）');
  const phraseList = h('ol', { class: 'phrases', id: 'phrases' });
  const renderPhrases = () => {
    const labels = {
      greeting: '接听',
      hold: '转接',
      sorryToWait: '久等',
      transfer: '不在',
      message: '留言',
      callback: '回复',
      confirm: '核对',
      farewell: '结束',
    };
    phraseList.replaceChildren(...Object.entries(phrases).map(([k, v]) => h('li', {}, h('b', {}, labels[k] ?? k), fill(v))));
  };
  const aside = h(
    'aside',
    {},
    h('div', { class: 'panel' }, h('h2', {}, '标准用语'), phraseList),
    h('div', { class: 'panel', id: 'readback-panel', hidden: true }),
    h('div', { class: 'panel', id: 'result-panel', hidden: true }),
  );

  const update = () => {
    $('#routing', form).textContent = routeOf(form.category.value);
    for (const d of ['on_the_spot', 'referred_out', 'appointment']) $(`#extra-${d}`, form).hidden = form.disposition.value !== d;
    renderPhrases();
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);

  const body = () => {
    const b = {
      kind: form.kind.value,
      channel: form.channel.value,
      complainant: {
        name: form.name.value.trim(),
        phone: form.phone.value.trim(),
        address: {
          community: form.community.value.trim(),
          building: form.building.value.trim() || undefined,
          unit: form.unit.value.trim() || undefined,
          room: form.room.value.trim() || undefined,
        },
      },
      summary: form.summary.value.trim(),
      requests: form.requests.value.trim(),
      category: form.category.value,
      severity: form.severity.value,
      disposition: form.disposition.value,
    };
    if (b.disposition === 'on_the_spot') b.onTheSpotAnswer = form.onTheSpotAnswer.value.trim();
    if (b.disposition === 'referred_out') b.referral = { unit: form.referralUnit.value.trim(), writtenReplyRequested: form.writtenReplyRequested.checked };
    if (b.disposition === 'appointment' && form.appointmentAt.value) b.appointmentAt = new Date(form.appointmentAt.value).toISOString();
    return b;
  };

  // Read back the caller's details before saving (part 1: 核对来电人信息).
  // 第九条: the caller's open tickets of this category; the clerk says same matter or new matter before saving.
  const matchesOf = async (b) => {
    try {
      const q = new URLSearchParams({ phone: b.complainant.phone, category: b.category });
      return (await api(`/intake/matches?${q}`)).matches;
    } catch {
      return []; // a phone the API does not accept: the save names the field
    }
  };
  const matchChoice = (matches) =>
    h(
      'fieldset',
      { id: 'match-choice', class: 'match-choice' },
      h('legend', {}, '该来电人有未办结的同类工单：是同一件事，还是新的事项？'),
      ...matches.map((m) =>
        h(
          'label',
          {},
          h('input', { type: 'radio', name: 'match', value: `same:${m.reference}` }),
          ` 同一件事：并入 ${m.reference}（${m.department.name} · ${m.handlerName}${m.summary ? ` · ${m.summary}` : ''}）`,
        ),
      ),
      h('label', {}, h('input', { type: 'radio', name: 'match', value: 'new', id: 'match-new' }), ' 新的事项：另立工单，单独计时'),
    );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const b = body();
    const matches = await matchesOf(b);
    const choice = matches.length ? matchChoice(matches) : null;
    const a = b.complainant.address;
    const panel = $('#readback-panel', aside);
    const key = crypto.randomUUID();
    const save = h('button', { class: 'primary', type: 'button', id: 'confirm-save' }, '确认无误，保存');
    save.addEventListener('click', async () => {
      if (choice) {
        const picked = choice.querySelector('input[name="match"]:checked')?.value;
        if (!picked) {
          $('#intake-error', form).textContent = '请先选择：同一件事还是新的事项';
          return;
        }
        b.match = picked === 'new' ? { choice: 'new' } : { choice: 'same', reference: picked.slice('same:'.length) };
      }
      save.disabled = true;
      try {
        const result = await api('/tickets', { method: 'POST', body: b, headers: { 'Idempotency-Key': key } });
        const t = result.ticket;
        // A repeat call on another department's ticket: only what may be told to the resident.
        const m = result.matter;
        const reference = t ? t.reference : m.reference;
        panel.hidden = true;
        const out = $('#result-panel', aside);
        out.hidden = false;
        out.replaceChildren(
          h('h2', {}, result.outcome === 'created' ? '已登记' : '已并入原工单（重复来电）'),
          h(
            'p',
            {},
            '工单号 ',
            t ? h('a', { href: `#/tickets/${t.id}`, id: 'created-reference' }, reference) : h('span', { id: 'created-reference' }, reference),
          ),
          h('p', {}, `派往 ${t ? t.department.name : m.department.name} · 处理人 ${t ? t.handler.name : m.handlerName}`),
          m?.nextDueAt ? h('p', {}, `答复时限 ${new Date(m.nextDueAt).toLocaleString('zh-CN', { hour12: false })}`) : null,
          h('p', { class: 'muted' }, fill(phrases.farewell)),
        );
        toast(`工单 ${reference} 已保存`);
        form.reset();
        update();
      } catch (err) {
        save.disabled = false;
        $('#intake-error', form).textContent = errorText(err);
      }
    });
    panel.hidden = false;
    panel.replaceChildren(
      h('h2', {}, '核对信息（请向业主复述）'),
      h('p', { class: 'notice' }, fill(phrases.confirm)),
      h(
        'dl',
        { class: 'readback' },
        h('dt', {}, '类型'),
        h('dd', { id: 'readback-kind' }, zh('kind', b.kind)),
        h('dt', {}, '业主'),
        h('dd', {}, `${b.complainant.name}　${b.complainant.phone}`),
        h('dt', {}, '地址'),
        h('dd', {}, [a.community, a.building && `${a.building}栋`, a.unit && `${a.unit}单元`, a.room && `${a.room}室`].filter(Boolean).join(' ')),
        h('dt', {}, '内容'),
        h('dd', {}, b.summary),
        h('dt', {}, '诉求'),
        h('dd', {}, b.requests),
        h('dt', {}, '类别'),
        h('dd', {}, `${b.category}（${zh('severity', b.severity)}）→ ${routeOf(b.category)}`),
        h('dt', {}, '受理方式'),
        h('dd', {}, zh('disposition', b.disposition)),
      ),
      choice,
      h('div', { class: 'actions' }, save, h('button', { type: 'button', onclick: () => (panel.hidden = true) }, '返回修改')),
    );
  });

  view.replaceChildren(h('div', { class: 'grid-intake' }, form, aside));
  update();
}
