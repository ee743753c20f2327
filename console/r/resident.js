// 业主网上投诉 (/r/): file a complaint, track it by the private link (#t=<token>), rate the result (回访).
// Plain ES module, no HTML strings (the console's Trusted Types policy): every node is built with el().
import { messageOf } from '/js/messages.js';

const view = document.getElementById('view');

const STATUS = { open: '处理中', resolved: '已处理，待您评价', closed: '已办结' };
const VIA = { phone: '电话', visit: '当面', sms: '短信', online: '网上', written: '书面' };
const VERDICTS = [
  ['satisfied', '满意', 'ok'],
  ['basically_satisfied', '基本满意', ''],
  ['dissatisfied', '不满意', 'bad'],
];

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status, body: data });
  return data;
}

const time = (iso) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : '—';

const tokenOfHash = () => new URLSearchParams(location.hash.slice(1)).get('t');

function show(...nodes) {
  view.replaceChildren(...nodes);
}

function status(id) {
  return el('p', { id, role: 'status', 'aria-live': 'polite' });
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function renderForm() {
  const form = await api('/public/resident-form');
  if (!form.open) {
    show(el('section', { class: 'card' }, el('h2', {}, '网上投诉暂未开放'), el('p', {}, '请致电或到物业服务中心反映。')));
    return;
  }
  const field = (id, text, input) => [el('label', { for: id }, text), input];
  const note = status('file-status');
  const photos = el('input', { id: 'photos', type: 'file', accept: form.photoTypes.join(','), multiple: true, 'aria-describedby': 'photos-hint' });
  const consent = el('input', { id: 'consent', type: 'checkbox', required: true, 'aria-describedby': 'consent-text' });
  const submit = el('button', { type: 'submit' }, '提交投诉');
  const formEl = el(
    'form',
    { id: 'file-form', novalidate: true },
    field(
      'category',
      '问题类别',
      el(
        'select',
        { id: 'category', required: true },
        form.categories.map((c) => el('option', { value: c }, c)),
      ),
    ),
    field('community', '小区', el('input', { id: 'community', type: 'text', required: true, maxlength: 60, autocomplete: 'off', list: 'community-options' })),
    el('datalist', { id: 'community-options' }),
    el('datalist', { id: 'building-options' }),
    el(
      'div',
      { class: 'row' },
      el('div', {}, field('building', '楼栋', el('input', { id: 'building', type: 'text', maxlength: 30, autocomplete: 'off', list: 'building-options' }))),
      el('div', {}, field('unit', '单元', el('input', { id: 'unit', type: 'text', maxlength: 30 }))),
      el('div', {}, field('room', '房号', el('input', { id: 'room', type: 'text', maxlength: 30 }))),
    ),
    field('description', '问题描述', el('textarea', { id: 'description', required: true, maxlength: 4000 })),
    field('requests', '您的诉求（可不填）', el('textarea', { id: 'requests', maxlength: 2000 })),
    field('photos', `照片（最多 ${form.maxPhotos} 张，每张不超过 ${Math.floor(form.maxPhotoBytes / 1024 / 1024)} MB）`, photos),
    el('p', { id: 'photos-hint', class: 'muted' }, '支持 JPG、PNG、WebP 格式。'),
    field('name', '您的称呼', el('input', { id: 'name', type: 'text', required: true, maxlength: 60, autocomplete: 'name' })),
    field('phone', '联系电话', el('input', { id: 'phone', type: 'tel', required: true, maxlength: 30, autocomplete: 'tel', inputmode: 'tel' })),
    el('label', { class: 'consent', for: 'consent' }, consent, el('span', { id: 'consent-text', class: 'consent-text' }, form.consentText)),
    submit,
    note,
  );
  offerPlaces(formEl);
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim();
    if (!consent.checked) {
      note.className = 'error';
      note.textContent = '请阅读并勾选同意个人信息处理说明后再提交。';
      return;
    }
    const files = [...photos.files];
    if (files.length > form.maxPhotos) {
      note.className = 'error';
      note.textContent = `最多上传 ${form.maxPhotos} 张照片。`;
      return;
    }
    submit.disabled = true;
    note.className = 'muted';
    note.textContent = '正在提交…';
    try {
      const body = {
        category: value('category'),
        place: Object.fromEntries(['community', 'building', 'unit', 'room'].map((k) => [k, value(k)]).filter(([, v]) => v)),
        description: value('description'),
        ...(value('requests') ? { requests: value('requests') } : {}),
        photos: await Promise.all(files.map(async (f) => ({ fileName: f.name, contentType: f.type, contentBase64: await readFile(f) }))),
        name: value('name'),
        phone: value('phone'),
        consent: { accepted: true, version: form.consentVersion },
      };
      const filed = await api('/public/complaints', body);
      renderFiled(filed);
    } catch (error) {
      note.className = 'error';
      note.textContent = messageOf(error);
      submit.disabled = false;
    }
  });
  show(el('section', { class: 'card' }, el('h2', {}, '反映问题'), formEl));
}

/** The register's communities and buildings as the resident types the community (a datalist: the text stays free). */
function offerPlaces(formEl) {
  const community = formEl.querySelector('#community');
  const communities = formEl.querySelector('#community-options');
  const buildings = formEl.querySelector('#building-options');
  let timer;
  community.addEventListener('input', () => {
    clearTimeout(timer);
    const q = community.value.trim();
    if (!q) return;
    timer = setTimeout(async () => {
      try {
        const places = await api(`/public/places?q=${encodeURIComponent(q)}`);
        communities.replaceChildren(...[...new Set(places.map((p) => p.community))].map((name) => el('option', { value: name })));
        const here = places.filter((p) => p.building && p.community === community.value.trim());
        buildings.replaceChildren(...here.map((p) => el('option', { value: p.building })));
      } catch {
        // The type-ahead is a help only: typing on works without it.
      }
    }, 250);
  });
}

function renderFiled(filed) {
  if (!filed.trackingPath) {
    show(
      el(
        'section',
        { class: 'card', id: 'filed' },
        el('h2', {}, '已收到'),
        el('p', {}, '您刚才已提交过相同的问题，我们已合并处理。受理编号：', el('b', { id: 'reference' }, filed.reference)),
      ),
    );
    return;
  }
  const href = new URL(filed.trackingPath, location.origin).href;
  show(
    el(
      'section',
      { class: 'card', id: 'filed' },
      el('h2', {}, '提交成功'),
      el('p', {}, '受理编号：', el('b', { id: 'reference' }, filed.reference)),
      el('p', {}, '请保存下面的查询链接，凭它查看处理进度和答复（链接仅限您本人使用，请勿转发）：'),
      el('p', { class: 'link' }, el('a', { id: 'tracking-link', href }, href)),
    ),
  );
}

async function renderTracking(token) {
  let ticket;
  try {
    ticket = await api('/public/tracking', { token });
  } catch (error) {
    const text = error.status === 404 ? '链接无效或已过期。如需帮助，请致电物业服务中心。' : messageOf(error);
    show(el('section', { class: 'card' }, el('h2', {}, '无法查询'), el('p', { class: 'error' }, text)));
    return;
  }
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, '受理编号'),
    el('dd', { id: 'track-reference' }, ticket.reference),
    el('dt', {}, '问题类别'),
    el('dd', {}, ticket.category),
    el('dt', {}, '处理状态'),
    el('dd', { id: 'track-status' }, STATUS[ticket.status] ?? ticket.status),
    el('dt', {}, '负责部门'),
    el('dd', { id: 'track-department' }, ticket.department),
    ticket.handler ? [el('dt', {}, '经办人'), el('dd', {}, ticket.handler)] : null,
    ticket.replyBy ? [el('dt', {}, '承诺答复时间'), el('dd', { id: 'track-reply-by' }, time(ticket.replyBy))] : null,
    el('dt', {}, '受理时间'),
    el('dd', {}, time(ticket.receivedAt)),
  );
  const answers = ticket.answers.length
    ? el(
        'ol',
        { class: 'answers', id: 'answers' },
        ticket.answers.map((a) => el('li', {}, el('time', { datetime: a.at }, `${time(a.at)} · ${VIA[a.via] ?? a.via}答复`), a.content)),
      )
    : el('p', { class: 'muted', id: 'answers' }, '暂未答复，我们会尽快处理。');
  show(
    el('section', { class: 'card' }, el('h2', {}, '处理进度'), facts),
    el('section', { class: 'card' }, el('h2', {}, '给您的答复'), answers),
    ticket.canRate ? ratingCard(token) : null,
    ticket.rated
      ? el('section', { class: 'card' }, el('p', { id: 'rated' }, `您的评价：${VERDICTS.find(([v]) => v === ticket.rated)?.[1] ?? ''}，谢谢！`))
      : null,
  );
}

function ratingCard(token) {
  const note = status('rate-status');
  const comment = el('textarea', { id: 'rate-comment', maxlength: 1000 });
  const buttons = VERDICTS.map(([verdict, text, tone]) =>
    el(
      'button',
      {
        type: 'button',
        class: tone,
        'data-verdict': verdict,
        onclick: async () => {
          for (const b of buttons) b.disabled = true;
          note.className = 'muted';
          note.textContent = '正在提交…';
          try {
            await api('/public/tracking/rating', { token, verdict, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) });
            await renderTracking(token);
          } catch (error) {
            note.className = 'error';
            note.textContent = messageOf(error);
            for (const b of buttons) b.disabled = false;
          }
        },
      },
      text,
    ),
  );
  return el(
    'section',
    { class: 'card', id: 'rating' },
    el('h2', {}, '请评价处理结果'),
    el('label', { for: 'rate-comment' }, '意见（可不填）'),
    comment,
    el('div', { class: 'ratings', role: 'group', 'aria-label': '评价' }, buttons),
    note,
  );
}

async function route() {
  const token = tokenOfHash();
  try {
    if (token) await renderTracking(token);
    else await renderForm();
  } catch (error) {
    show(el('p', { class: 'error' }, messageOf(error)));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
