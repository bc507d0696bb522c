/*
 * The /ws/agent client (docs/console-api.md): says hello with the last event id it saw, so a reconnect — or a
 * reload, the id is kept in sessionStorage — gets every event it missed; reconnects with exponential backoff
 * (0.5 s doubling up to 15 s); sends a heartbeat every 20 s; hands every frame to onFrame. A close with code 4401
 * means the session is over (the reason says why): no reconnect then, onSessionEnded is told instead.
 */

const LAST_EVENT_KEY = 'baton.console.lastEventId';
const HEARTBEAT_MS = 20000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;
/** The close code of a socket whose session ended (logout, expiry, deactivation, password change). */
const SESSION_ENDED = 4401;

/** @typedef {'connecting'|'online'|'offline'} SocketState */

/**
 * @typedef {Object} SocketHandlers
 * @property {(frame: any) => void} onFrame every server frame; `welcome` gets an extra `resumed` flag: true when
 *   the hello carried a lastEventId (the missed events follow), false when the caller must reload its data
 * @property {(state: SocketState) => void} onState
 * @property {(reason: string) => void} onSessionEnded the session is over: `logged_out`, `session_expired`,
 *   `deactivated`, `password_changed` or `login_required`
 */

/** @returns {string} ws(s)://<this host>/ws/agent */
function agentSocketUrl() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/agent`;
}

/** @returns {string|null} */
function readLastEventId() {
  try { return sessionStorage.getItem(LAST_EVENT_KEY); } catch (e) { return null; }
}

/** @param {string|null} id */
function writeLastEventId(id) {
  try {
    if (id == null) sessionStorage.removeItem(LAST_EVENT_KEY); else sessionStorage.setItem(LAST_EVENT_KEY, id);
  } catch (e) { /* storage blocked: resuming works for this page only */ }
}

/** Forgets the resume point (at logout, so the next agent in this tab starts fresh). */
export function forgetLastEventId() {
  writeLastEventId(null);
}

export class AgentSocket {
  /** @param {SocketHandlers} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.url = agentSocketUrl();
    /** @type {WebSocket|null} */
    this.socket = null;
    this.attempt = 0;
    this.stopped = true;
    this.retryTimer = 0;
    this.heartbeatTimer = 0;
    /** @type {string|null} kept in memory too, in case sessionStorage is blocked */
    this.lastEventId = readLastEventId();
    this.onOnline = () => this.retryNow();
  }

  /** Connects, and keeps reconnecting until stop(). */
  start() {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const old = this.socket;
    this.socket = null;
    if (old) old.close();
  }

  /**
   * Sends a frame if the socket is open; frames are not queued (typing and heartbeats are worthless late).
   * @param {object} frame
   * @returns {boolean} whether it was sent
   */
  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** @private */
  open() {
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.handlers.onState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    let resumed = false;
    socket.onopen = () => {
      resumed = Boolean(this.lastEventId);
      socket.send(JSON.stringify(resumed ? { type: 'hello', lastEventId: this.lastEventId } : { type: 'hello' }));
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      let frame;
      try { frame = JSON.parse(message.data); } catch (e) { return; }
      if (!frame || typeof frame !== 'object') return;
      if (frame.type === 'welcome') {
        this.attempt = 0;
        // Without a resume point, the welcome's id is where the next reconnect resumes from.
        if (!resumed && frame.lastEventId != null) this.remember(String(frame.lastEventId));
        frame = { ...frame, resumed };
        this.startHeartbeat();
        this.handlers.onState('online');
      } else if (frame.type === 'event' && frame.id != null) {
        this.remember(String(frame.id));
      }
      this.handlers.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopHeartbeat();
      if (event.code === SESSION_ENDED) {
        this.stop();
        this.handlers.onSessionEnded(event.reason || 'login_required');
        return;
      }
      this.handlers.onState('offline');
      this.scheduleRetry();
    };
  }

  /** @private @param {string} id */
  remember(id) {
    this.lastEventId = id;
    writeLastEventId(id);
  }

  /** @private */
  scheduleRetry() {
    if (this.stopped) return;
    // 0.5 s, 1 s, 2 s … 15 s, with ±20 % jitter so consoles do not all come back in the same millisecond.
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    const delay = Math.min(MAX_DELAY_MS, base * (0.8 + Math.random() * 0.4));
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /** Reconnects now (the browser is back online) instead of waiting out the backoff. */
  retryNow() {
    if (!this.socket && !this.stopped) {
      this.attempt = 0;
      this.open();
    }
  }

  /** @private */
  startHeartbeat() {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => this.send({ type: 'heartbeat' }), HEARTBEAT_MS);
  }

  /** @private */
  stopHeartbeat() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = 0;
  }
}
