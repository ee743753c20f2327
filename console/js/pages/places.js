// 地点管理: the admin's register of 小区/楼栋/单元/房号 — a CSV import (all or nothing, each faulty line named) and
// the list, searched like the intake's type-ahead, where a place is renamed inline, deactivated and enabled again.
import { api } from '../api.js';
import { errorText, h, put, toast } from '../ui.js';

const KIND = { community: '小区', building: '楼栋', unit: '单元', room: '房号' };
// The import's line problems (details.lines[].code), in Chinese.
const LINE_PROBLEMS = {
  columns: '列数不对，应为“小区,楼栋,单元,房号”四列',
  community_missing: '未填写小区',
  gap: '填写了单元或房号，但缺少楼栋',
  too_long: '名称过长',
  quote: '引号没有闭合',
  deactivated: '该地点已停用，请先启用',
  kind_conflict: '与已登记地点的层级不符',
};

export async function renderPlaces(view) {
  const file = h('input', { id: 'places-file', type: 'file', accept: '.csv,text/csv' });
  const text = h('textarea', { id: 'places-csv', rows: 6, placeholder: '小区,楼栋,单元,房号\n阳光花园,3栋,2单元,501' });
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const importButton = h('button', { class: 'primary', type: 'submit', id: 'places-import' }, '导入');
  const importForm = h(
    'form',
    { class: 'panel', id: 'places-import-form' },
    h('h1', {}, '地点管理'),
    h('h2', {}, '从表格导入'),
    h('p', { class: 'muted' }, '每行一个地点：小区,楼栋,单元,房号（没有单元的楼栋，单元留空）。已登记的地点不会重复添加；有错误的文件不导入任何一行。'),
    h('div', { class: 'row' }, h('label', { for: 'places-file' }, '选择CSV文件'), file),
    h('div', { class: 'row' }, h('label', { for: 'places-csv' }, '或直接粘贴内容'), text),
    h('div', { class: 'actions' }, importButton),
    result,
  );

  const q = h('input', { id: 'places-q', type: 'search', placeholder: '名称、拼音首字母或房号' });
  const list = h('div', { id: 'places-list' });
  const listPanel = h(
    'section',
    { class: 'panel' },
    h('h2', {}, '已登记地点'),
    h('p', { class: 'muted' }, '改名后其下属地点的完整地址随之更新；停用的地点（连同其下属地点）不再出现在受理的地点选择中，已有工单不受影响，可随时启用。'),
    h('div', { class: 'row' }, h('label', { for: 'places-q' }, '查找'), q),
    list,
  );

  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    // The register page lists deactivated places too (after the active ones), so they can be enabled again.
    const places = await api(`/places?${new URLSearchParams({ q: q.value.trim(), limit: '200', inactive: 'true' })}`);
    if (mine !== seq) return;
    list.replaceChildren(
      places.length
        ? h(
            'table',
            { id: 'places-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['地点', '层级', '状态', '操作'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              places.map((p) => placeRow(p, load)),
            ),
          )
        : h('p', { class: 'muted', id: 'places-empty' }, q.value.trim() ? '没有找到地点' : '还没有登记地点，请先导入'),
    );
  };
  q.addEventListener('input', () => void load());

  importForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const content = file.files?.[0] ? await file.files[0].text() : text.value;
    if (!content.trim()) {
      put(result, h('p', { class: 'error' }, '请选择文件或粘贴内容。'));
      return;
    }
    importButton.disabled = true;
    try {
      const summary = await api('/places/import', { method: 'POST', text: content, contentType: 'text/csv' });
      put(
        result,
        h('p', { class: 'notice good', id: 'import-summary' }, `共读取 ${summary.rows} 行：新增 ${summary.created} 个地点，${summary.existing} 个已登记。`),
      );
      await load();
    } catch (err) {
      const lines = err.body?.details?.lines;
      put(
        result,
        h('p', { class: 'error', role: 'alert' }, lines ? `有 ${err.body.details.lineCount ?? lines.length} 行有误，未导入任何地点：` : errorText(err)),
        lines
          ? h(
              'ul',
              { id: 'import-errors' },
              lines.map((l) => h('li', {}, `第 ${l.line} 行${l.column ? `（${l.column}）` : ''}：${LINE_PROBLEMS[l.code] ?? '内容有误'}`)),
            )
          : null,
      );
    } finally {
      importButton.disabled = false;
    }
  });

  view.replaceChildren(h('div', { class: 'places-page' }, importForm, listPanel));
  await load();
}

/** One place of the list: its path, kind and state, renamed inline (Enter saves, Esc cancels), 停用 or 启用. */
function placeRow(p, reload) {
  const row = h('tr', { 'data-place': p.id });
  const change = async (body, done, failed) => {
    try {
      await api(`/places/${p.id}`, { method: 'PATCH', body });
      toast(done);
      await reload();
    } catch (err) {
      failed(errorText(err));
    }
  };
  const problem = h('p', { class: 'error', role: 'alert' });
  const show = () => {
    // 停用 an active place, 启用 a deactivated one: the same button with the other verb.
    const verb = p.active ? '停用' : '启用';
    const actions = [
      h('button', { type: 'button', class: 'rename', 'aria-label': `改名 ${p.path}`, onclick: edit }, '改名'),
      h(
        'button',
        {
          type: 'button',
          class: p.active ? 'deactivate' : 'reactivate',
          'aria-label': `${verb} ${p.path}`,
          onclick: () => change({ active: !p.active }, `已${verb} ${p.path} 及其下属地点`, (m) => put(problem, m)),
        },
        verb,
      ),
    ];
    row.replaceChildren(
      h('td', {}, p.path),
      h('td', {}, KIND[p.kind] ?? ''),
      h('td', {}, h('span', { class: p.active ? 'tag ok' : 'tag warn' }, p.active ? '启用中' : '已停用')),
      h('td', {}, h('div', { class: 'actions tight' }, ...actions), problem),
    );
  };
  function edit() {
    const id = `place-name-${p.id}`;
    const input = h('input', { id, class: 'place-name', value: p.name, maxlength: 60, autocomplete: 'off' });
    const error = h('p', { class: 'error', role: 'alert' });
    const save = async () => {
      const name = input.value.trim();
      if (!name) {
        input.setAttribute('aria-invalid', 'true');
        put(error, '请填写新名称。');
        input.focus();
        return;
      }
      if (name === p.name) return show();
      await change({ name }, `已改名为 ${name}`, (m) => {
        input.setAttribute('aria-invalid', 'true');
        put(error, m);
        input.focus();
      });
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        show();
      }
    });
    const parentPath = p.path.slice(0, p.path.length - p.name.length).trim();
    row.replaceChildren(
      h('td', { colspan: 3 }, h('label', { for: id }, parentPath ? `新名称（${parentPath} 下）` : '新名称'), input, error),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'actions tight' },
          h('button', { type: 'button', class: 'primary save-name', onclick: () => void save() }, '保存'),
          h('button', { type: 'button', class: 'cancel-name', onclick: show }, '取消'),
        ),
      ),
    );
    input.focus();
    input.select();
  }
  show();
  return row;
}
