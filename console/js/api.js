// The console's only way to the API: the bearer token lives in this tab's sessionStorage.
const KEY = 'complaint-desk.session';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    } catch {
      return null;
    }
  },
  set(value) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};

export async function api(path, { method = 'GET', body, text, contentType, headers = {}, raw = false } = {}) {
  const s = session.get();
  const init = { method, headers: { ...headers } };
  if (s?.accessToken) init.headers.Authorization = `Bearer ${s.accessToken}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (text !== undefined) {
    // A body that is not JSON (the place register's CSV import).
    init.headers['Content-Type'] = contentType;
    init.body = text;
  }
  if (method !== 'GET' && !init.headers['Idempotency-Key']) init.headers['Idempotency-Key'] = crypto.randomUUID();
  const res = await fetch(path, init);
  if (res.status === 401 && s) {
    session.clear();
    location.hash = '#/login';
  }
  if (!res.ok) {
    let err = null;
    try {
      err = await res.json();
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, err);
  }
  if (raw) return res;
  const answer = await res.text();
  return answer ? JSON.parse(answer) : null;
}

export const hasRole = (...roles) => roles.some((r) => session.get()?.user?.roles?.includes(r));
