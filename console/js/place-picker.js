// The place register's type-ahead (小区/楼栋/单元/房号): type a name, part of a path or pinyin initials (ygh 501),
// arrow keys move through the list, Enter picks, Escape closes. Nothing picked: the address stays free text.
// Once closed (Escape, a pick, leaving the field), an answer still on its way is dropped: the list does not open
// again by itself. The list is aria-busy while the register is asked.
import { api } from './api.js';
import { h } from './ui.js';

const KIND = { community: '小区', building: '楼栋', unit: '单元', room: '房号' };

export function placePicker({ onPick }) {
  const input = h('input', {
    id: 'place',
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'place-options',
    placeholder: '输入小区名、拼音首字母或房号，如 ygh 501',
  });
  const list = h('ul', {
    id: 'place-options',
    role: 'listbox',
    class: 'place-options',
    'aria-label': '登记地点',
    'aria-busy': 'false',
    hidden: true,
  });
  const chosen = h('p', { class: 'muted', id: 'place-chosen', 'aria-live': 'polite' });
  const element = h('div', { class: 'place-picker' }, h('label', { for: 'place' }, '登记地点（可不选，未登记的地址直接填写下方）'), input, list, chosen);

  let options = [];
  let active = -1;
  let picked = null;
  // The number of the request whose answer may still show; closing the list moves it on, so no answer asked before does.
  let seq = 0;
  let asking = 0;
  const busy = (step) => {
    asking += step;
    list.setAttribute('aria-busy', String(asking > 0));
  };

  const close = () => {
    seq += 1;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `place-option-${i}`);
  };
  const pick = (place) => {
    picked = place;
    input.value = place.path;
    chosen.textContent = `已选登记地点：${place.path}`;
    close();
    onPick(place);
  };
  const show = (places) => {
    options = places;
    list.replaceChildren(
      ...places.map((p, i) =>
        h(
          'li',
          {
            id: `place-option-${i}`,
            role: 'option',
            'aria-selected': 'false',
            onmousedown: (e) => {
              e.preventDefault();
              pick(p);
            },
          },
          p.path,
          h('span', { class: 'muted' }, ` · ${KIND[p.kind] ?? ''}`),
        ),
      ),
    );
    list.hidden = places.length === 0;
    input.setAttribute('aria-expanded', String(places.length > 0));
    highlight(places.length ? 0 : -1);
  };

  input.addEventListener('input', async () => {
    picked = null;
    chosen.textContent = '';
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) return show([]);
    busy(1);
    let places;
    try {
      places = await api(`/places?${new URLSearchParams({ q, limit: '10' })}`);
    } catch {
      places = []; // the register is a help, never in the way: free text stays
    }
    if (mine === seq) show(places);
    busy(-1);
  });
  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    // Escape while the register is still asked: no list comes (the clerk goes on with the free-text address).
    if (e.key === 'Escape' && list.hidden && asking > 0) {
      e.preventDefault();
      close();
      return;
    }
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && active >= 0) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);

  return {
    element,
    picked: () => picked,
    /** The address was typed by hand: it no longer names the picked place. */
    forget: () => {
      if (!picked) return;
      picked = null;
      chosen.textContent = '';
    },
    clear: () => {
      picked = null;
      input.value = '';
      chosen.textContent = '';
      seq += 1;
      show([]);
    },
  };
}
