/*
 * The REST client (docs/console-api.md). JSON in and out, the session cookie (same origin), and the CSRF token
 * on every POST, PUT and DELETE. The token lives only in this module's memory: a reload asks GET /api/me again.
 */

/**
 * A refused request: the HTTP status and the body's `error` code, `message` and, for a claim, `heldBy`.
 * status 0 means the server could not be reached.
 */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} body the parsed error body, or null
   */
  constructor(status, body) {
    super((body && (body.message || body.error)) || `Request failed (${status || 'network'})`);
    this.name = 'ApiError';
    /** @type {number} */
    this.status = status;
    /** @type {string} */
    this.error = (body && body.error) || (status ? `http_${status}` : 'network');
    /** @type {{id: string, name: string}|null} */
    this.heldBy = (body && body.heldBy) || null;
    /** @type {number|null} seconds to wait after a 429 */
    this.retryAfterSeconds = body && typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : null;
    this.body = body;
  }
}

/** @type {string|null} */
let csrfToken = null;
/** @type {((error: ApiError) => void)|null} */
let unauthorizedHandler = null;

/** @param {string|null} token the csrfToken from /api/login or /api/me */
export function setCsrfToken(token) {
  csrfToken = token;
}

/**
 * Called when a request answers 401 (the session ended); /api/login's own 401 is not reported.
 * @param {((error: ApiError) => void)|null} handler
 */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * One request. Resolves with the parsed JSON body (null for 204), rejects with an ApiError.
 * @param {'GET'|'POST'|'PUT'|'DELETE'} method
 * @param {string} path e.g. "/api/me"
 * @param {unknown} [body] sent as JSON when given
 * @returns {Promise<any>}
 */
export async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { error: 'network', message: 'Baton could not be reached.' });
  }
  let data = null;
  if (response.status !== 204) {
    const text = await response.text().catch(() => '');
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && path !== '/api/login' && unauthorizedHandler) unauthorizedHandler(error);
    throw error;
  }
  return data;
}

/** Shorthands. */
export const api = {
  /** @param {string} path */
  get: (path) => request('GET', path),
  /** @param {string} path @param {unknown} [body] */
  post: (path, body) => request('POST', path, body),
  /** @param {string} path @param {unknown} [body] */
  put: (path, body) => request('PUT', path, body),
  /** @param {string} path */
  del: (path) => request('DELETE', path),
};

/**
 * The path of a conversation, or of one of its actions ("claim", "messages", ...).
 * @param {string} id
 * @param {string} [action]
 * @returns {string}
 */
export function conversationPath(id, action) {
  return `/api/conversations/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}
