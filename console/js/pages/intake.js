// Intake of a phone call or a visit (第一篇 一.3, 二.3; 第五条): standard phrases, routing, read-back, save.
import { api } from '../api.js';
import { $, addressText, clearErrors, fmtTime, h, put, showError, toast, ZH, zh } from '../ui.js';
import { placePicker } from '../place-picker.js';

// A name that already carries an honorific (张先生, 李女士, 王老师) is read back as given; a bare name gets 先生（女士）.
const HONORIFIC = /(先生|女士|小姐|太太|老师|师傅|阿姨|叔叔|大爷|大妈|奶奶|爷爷|同志)$/;
export const salutation = (raw) => {
  const name = raw.trim() || '××';
  return HONORIFIC.test(name) ? name : `${name}先生（女士）`;
};

const field = (label, input) => h('div', {}, h('label', { for: input.id }, label), input);
/** The address fields, coarse to fine: a place's kind names its level. */
const ADDRESS_LEVELS = ['community', 'building', 'unit', 'room'];

// The API's field paths (details.fields[].field, details.field) by the form's input ids, to mark what was refused.
const INPUT_OF_FIELD = {
  'complainant.name': 'name',
  'complainant.phone': 'phone',
  'complainant.address.community': 'community',
  'complainant.address.building': 'building',
  'complainant.address.unit': 'unit',
  'complainant.address.room': 'room',
  'complainant.address.placeId': 'place',
  'referral.unit': 'referralUnit',
  'referral.writtenReplyRequested': 'writtenReplyRequested',
};
// What the clerk must fill in before the read-back; the category has no preset (a preset 报修 misroutes a rushed clerk).
const REQUIRED = [
  ['phone', '联系电话'],
  ['name', '业主姓名'],
  ['community', '小区'],
  ['summary', '投诉内容'],
  ['requests', '业主诉求'],
  ['category', '类别'],
];
// A number worth looking up while it is typed: a mainland mobile, or a landline with its area code.
const LOOKS_COMPLETE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export async function renderIntake(view) {
  const [scripts, departments] = await Promise.all([api('/scripts'), api('/departments')]);
  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  const routeOf = (category) => {
    const code = scripts.categories.find((c) => c.name === category)?.department;
    const d = deptByCode.get(code);
    return d ? `${d.name}（${d.code}）${d.supervisor ? ` · 主管 ${d.supervisor.name}` : ''}` : code ? `${code}（部门未建立）` : '—';
  };

  const input = (id, attrs = {}) => h('input', { id, name: id, ...attrs });
  // The place register (第九条): a pick fills the four address fields and names the place (see ADDRESS_LEVELS below).
  const picker = placePicker({
    onPick: (place) => {
      const names = place.path.split(' ');
      // A room straight under its building (no units) has a three-part path.
      const [community, building, unit, room] = place.kind === 'room' && names.length === 3 ? [names[0], names[1], '', names[2]] : names;
      form.community.value = community ?? '';
      form.building.value = building ?? '';
      form.unit.value = unit ?? '';
      form.room.value = room ?? '';
      for (const id of ['community', 'building', 'unit', 'room']) form[id].removeAttribute('aria-invalid');
      update();
      form.summary.focus();
    },
  });
  const form = h(
    'form',
    { id: 'intake-form', class: 'panel', autocomplete: 'off', novalidate: true },
    h('h1', {}, '登记投诉（来电 / 来访）'),
    h(
      'div',
      { class: 'row c2' },
      // The phone first: the caller's earlier matters show while it is typed.
      field('联系电话', input('phone', { required: true, placeholder: '手机或带区号座机', inputmode: 'tel' })),
      field('业主姓名', input('name', { required: true, placeholder: '如 张先生' })),
    ),
    h('div', { class: 'row' }, picker.element),
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
          { id: 'category', name: 'category', required: true },
          h('option', { value: '' }, '请选择类别'),
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
    // Kind and channel default to 投诉 and 电话, the typical call: after the category, so Ctrl+Enter passes them.
    h(
      'div',
      { class: 'row c2' },
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
    h('p', { class: 'error', id: 'intake-error', role: 'alert' }),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'primary', type: 'submit', id: 'review' }, '核对信息'),
      h('span', { class: 'muted' }, '回车：下一项 · Ctrl+回车：核对信息'),
    ),
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
  const lookup = h('div', { class: 'panel caller-lookup', id: 'caller-lookup', hidden: true, 'aria-live': 'polite' });
  const aside = h(
    'aside',
    {},
    lookup,
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
  const errorBox = $('#intake-error', form);
  const inputOf = (f) => form.querySelector(`#${CSS.escape(INPUT_OF_FIELD[f] ?? f)}`);
  // A field the clerk corrects loses its mark.
  form.addEventListener('input', (e) => e.target.removeAttribute?.('aria-invalid'));
  // An address field typed by hand is free text: it no longer names the registered place.
  // Typing over a level the picked place gives makes the address free text again; a finer level it lacks (a room not
  // registered yet in the picked building) is added to it as text.
  ADDRESS_LEVELS.forEach((id, level) =>
    form[id].addEventListener('input', () => {
      const place = picker.picked();
      if (place && level <= ADDRESS_LEVELS.indexOf(place.kind)) picker.forget();
    }),
  );

  // Caller lookup (第六条, 第九条): while the phone is typed, the caller's open matters in every category, with status
  // and due time; a repeat call is flagged before the clerk asks anything else.
  let lookedUp = '';
  let lookupSeq = 0;
  const lookUp = async () => {
    const phone = form.phone.value.trim();
    if (phone === lookedUp) return;
    lookedUp = phone;
    const seq = ++lookupSeq;
    if (!LOOKS_COMPLETE.test(phone)) {
      lookup.hidden = true;
      return;
    }
    const found = await Promise.all(
      scripts.categories.map(async (c) => {
        try {
          const q = new URLSearchParams({ phone, category: c.name });
          const answer = await api(`/intake/matches?${q}`);
          return {
            open: answer.matches.map((m) => ({ ...m, category: c.name })),
            earlier: (answer.earlier ?? []).map((m) => ({ ...m, category: c.name })),
          };
        } catch {
          return { open: [], earlier: [] };
        }
      }),
    );
    if (seq !== lookupSeq) return; // the clerk typed on
    const open = found.flatMap((f) => f.open).sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
    // Their closed tickets, apart: history to read, never a "same matter" to pick.
    const earlier = found.flatMap((f) => f.earlier).sort((a, b) => Date.parse(b.closedAt ?? b.receivedAt) - Date.parse(a.closedAt ?? a.receivedAt));
    lookup.hidden = false;
    put(
      lookup,
      h('h2', {}, '来电人记录'),
      open.length
        ? h('p', { class: 'notice', id: 'repeat-warning' }, `重复来电：该号码有 ${open.length} 件未办结的工单，请问是否为同一事项`)
        : h('p', { class: 'muted', id: 'no-earlier' }, earlier.length ? '该号码没有未办结的工单' : '该号码没有工单记录'),
      open.length
        ? h(
            'ul',
            { id: 'caller-matters' },
            open.map((m) =>
              h(
                'li',
                {},
                h('b', {}, m.reference),
                ` ${m.category} · ${zh('status', m.status)} · ${m.department.name} ${m.handlerName}`,
                ` · 受理 ${fmtTime(m.receivedAt)} · 答复时限 ${m.nextDueAt ? fmtTime(m.nextDueAt) : '—'}`,
              ),
            ),
          )
        : null,
      earlier.length ? h('h3', {}, `此前的工单（已办结 ${earlier.length} 件）`) : null,
      earlier.length
        ? h(
            'ul',
            { id: 'caller-earlier' },
            earlier.map((m) =>
              h(
                'li',
                {},
                h('b', {}, m.reference),
                ` ${m.category} · ${zh('status', m.status)} · ${m.department.name} ${m.handlerName}`,
                ` · 受理 ${fmtTime(m.receivedAt)}${m.closedAt ? ` · 办结 ${fmtTime(m.closedAt)}` : ''}`,
                m.summary ? ` · ${m.summary}` : '',
              ),
            ),
          )
        : null,
    );
  };
  form.phone.addEventListener('input', () => void lookUp());

  // Keyboard flow: Enter moves to the next field (Shift+Enter is a new line in the text boxes); Ctrl+Enter reads back.
  const fields = () =>
    [...form.querySelectorAll('input, select, textarea, button[type=submit]')].filter(
      (el) => !el.disabled && !el.closest('[hidden]') && el.type !== 'checkbox',
    );
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing || e.defaultPrevented) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      form.requestSubmit();
      return;
    }
    const el = e.target;
    if (el.tagName === 'BUTTON' || (el.tagName === 'TEXTAREA' && e.shiftKey)) return;
    e.preventDefault();
    const list = fields();
    list[list.indexOf(el) + 1]?.focus();
  });

  // The levels below the picked place, as typed (empty ones left out).
  const finerThan = (kind) =>
    Object.fromEntries(
      ADDRESS_LEVELS.slice(ADDRESS_LEVELS.indexOf(kind) + 1)
        .map((id) => [id, form[id].value.trim()])
        .filter(([, v]) => v),
    );
  const body = () => {
    const b = {
      kind: form.kind.value,
      channel: form.channel.value,
      complainant: {
        name: form.name.value.trim(),
        phone: form.phone.value.trim(),
        address: picker.picked()
          ? { placeId: picker.picked().id, ...finerThan(picker.picked().kind) }
          : {
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
      h('legend', {}, '该来电人有未办结的同类工单：是同一事项，还是新事项？（按数字键选择）'),
      ...matches.map((m, i) =>
        h(
          'label',
          {},
          h('input', { type: 'radio', name: 'match', value: `same:${m.reference}`, 'data-key': String(i + 1) }),
          ' ',
          h('span', { class: 'key' }, String(i + 1)),
          ` 同一事项：并入 ${m.reference}（${zh('status', m.status)} · ${m.department.name} · ${m.handlerName}`,
          `${m.nextDueAt ? ` · 答复时限 ${fmtTime(m.nextDueAt)}` : ''}${m.summary ? ` · ${m.summary}` : ''}）`,
        ),
      ),
      h(
        'label',
        {},
        h('input', { type: 'radio', name: 'match', value: 'new', id: 'match-new', 'data-key': '0' }),
        ' ',
        h('span', { class: 'key' }, '0'),
        ' 新事项：另立工单，单独计时',
      ),
    );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, errorBox);
    const missing = REQUIRED.filter(([id]) => !form[id].value.trim());
    if (missing.length) {
      for (const [id] of missing) form[id].setAttribute('aria-invalid', 'true');
      errorBox.textContent = `请填写或选择：${missing.map(([, l]) => l).join('、')}`;
      form[missing[0][0]].focus();
      return;
    }
    const b = body();
    const matches = await matchesOf(b);
    const choice = matches.length ? matchChoice(matches) : null;
    const a = b.complainant.address;
    const registered = picker.picked();
    const panel = $('#readback-panel', aside);
    const key = crypto.randomUUID();
    const save = h('button', { class: 'primary', type: 'button', id: 'confirm-save' }, '确认无误，保存');
    // 第七条 听清楚/问清楚: confirmed here, while reading back, with the intake record as the evidence (T 听, W 问).
    const clears =
      b.disposition === 'accepted' || b.disposition === 'appointment'
        ? h(
            'fieldset',
            { id: 'intake-clears', class: 'match-choice' },
            h('legend', {}, '五清楚：受理时确认（按字母键勾选）'),
            ...[
              ['listen', 'T', '听清楚：已完整听取业主的投诉内容'],
              ['ask', 'W', '问清楚：已向业主复述并核实事实与诉求'],
            ].map(([item, k, label]) =>
              h(
                'label',
                {},
                h('input', { type: 'checkbox', name: 'clear', value: item, id: `clear-${item}`, 'data-key': k }),
                ' ',
                h('span', { class: 'key' }, k),
                ` ${label}`,
              ),
            ),
          )
        : null;
    save.addEventListener('click', async () => {
      if (choice) {
        const picked = choice.querySelector('input[name="match"]:checked')?.value;
        if (!picked) {
          choice.setAttribute('aria-invalid', 'true');
          errorBox.textContent = '请先选择：同一事项还是新事项（按数字键）';
          return;
        }
        b.match = picked === 'new' ? { choice: 'new' } : { choice: 'same', reference: picked.slice('same:'.length) };
      }
      if (clears) b.confirmedClears = [...clears.querySelectorAll('input[name="clear"]:checked')].map((c) => c.value);
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
        put(
          out,
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
        clearErrors(form, errorBox);
        form.reset();
        picker.clear();
        lookedUp = '';
        lookup.hidden = true;
        update();
        form.phone.focus();
      } catch (err) {
        save.disabled = false;
        panel.hidden = true;
        showError(form, errorBox, err, inputOf);
      }
    });
    // One keystroke for the choice: 1…n same matter (that ticket), 0 new matter; T and W tick 听清楚 and 问清楚; Enter then saves.
    panel.onkeydown = (ev) => {
      const clear = ev.key.length === 1 ? clears?.querySelector(`input[data-key="${CSS.escape(ev.key.toUpperCase())}"]`) : null;
      if (clear && !ev.ctrlKey && !ev.altKey && !ev.metaKey) {
        ev.preventDefault();
        clear.checked = !clear.checked;
        return;
      }
      const radio = choice?.querySelector(`input[data-key="${CSS.escape(ev.key)}"]`);
      if (!radio) return;
      ev.preventDefault();
      radio.checked = true;
      choice.removeAttribute('aria-invalid');
      errorBox.textContent = '';
      save.focus();
    };
    panel.hidden = false;
    put(
      panel,
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
        h('dd', { id: 'readback-address' }, registered ? `${registered.path}（登记地点）` : addressText(a)),
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
      clears,
      h(
        'div',
        { class: 'actions' },
        save,
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              panel.hidden = true;
              form.phone.focus();
            },
          },
          '返回修改',
        ),
      ),
    );
    save.focus();
  });

  view.replaceChildren(h('div', { class: 'grid-intake' }, form, aside));
  update();
  form.phone.focus();
}
