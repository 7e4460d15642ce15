// The REST API, with problem details turned into errors that carry every message.
export class ApiError extends Error {
  constructor(message, errors = []) { super(message); this.errors = errors; }
  get text() { return [this.message, ...this.errors].join('\n'); }
}

async function send(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401 && !path.startsWith('/auth/')) {
    location.href = `login.html#${encodeURIComponent(location.hash)}`;
    throw new ApiError('Sign in to continue.');
  }
  if (!response.ok) throw new ApiError(json?.title ?? `${response.status} ${response.statusText}`, json?.errors ?? []);
  return json;
}

export const api = {
  get: path => send('GET', path),
  post: (path, body = {}) => send('POST', path, body),
  put: (path, body) => send('PUT', path, body),
  text: async path => (await fetch(path)).text(),
};
