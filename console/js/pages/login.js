import { api, session } from '../api.js';
import { errorText, h } from '../ui.js';

export function renderLogin(view) {
  const error = h('p', { class: 'error', id: 'login-error' });
  const form = h(
    'form',
    { class: 'panel login', id: 'login-form' },
    h('h1', {}, '登录投诉工单台'),
    h(
      'div',
      { class: 'row' },
      h('div', {}, h('label', { for: 'username' }, '用户名'), h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true })),
    ),
    h(
      'div',
      { class: 'row' },
      h(
        'div',
        {},
        h('label', { for: 'password' }, '密码'),
        h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
      ),
    ),
    error,
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, '登录')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const result = await api('/auth/login', { method: 'POST', body: { username: form.username.value.trim(), password: form.password.value } });
      session.set(result);
      const { home } = await import('../app.js');
      location.hash = home();
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  view.replaceChildren(form);
  form.username.focus();
}
