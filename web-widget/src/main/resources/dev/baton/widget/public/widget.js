/*
 * Baton messenger widget. One <script src="https://<baton-server>/widget.js" async></script> on any page mounts a
 * <baton-messenger> element: a launcher button and a chat panel inside a Shadow DOM, so the host page's CSS can't
 * break it and it can't break the host. It talks to the server over /ws/chat (docs/protocol.md).
 *
 * Plain script on purpose: no framework, no build step, nothing required of the host page.
 */
(() => {
  'use strict';

  const TAG = 'baton-messenger';
  if (customElements.get(TAG)) return;

  const scriptUrl = document.currentScript ? new URL(document.currentScript.src, location.href) : new URL(location.href);
  const DEFAULT_SERVER = scriptUrl.origin;

  const STRINGS = {
    en: {
      title: 'Support',
      subtitle: 'Ask us anything',
      greeting: "Hi! Ask a question and I'll look it up in our help center — or bring in someone from our team.",
      placeholder: 'Write a message…',
      send: 'Send',
      open: 'Open support chat',
      close: 'Close support chat',
      sending: 'Sending…',
      sent: 'Sent',
      failed: 'Not sent',
      connecting: 'Connecting…',
      offline: 'Offline — messages will be sent when the connection is back.',
      you: 'You',
      readMore: 'Read the article',
    },
    ja: {
      title: 'サポート',
      subtitle: 'お気軽にご質問ください',
      greeting: 'こんにちは！ご質問をどうぞ。ヘルプセンターから答えを探します。必要ならチームの担当者におつなぎします。',
      placeholder: 'メッセージを入力…',
      send: '送信',
      open: 'サポートチャットを開く',
      close: 'サポートチャットを閉じる',
      sending: '送信中…',
      sent: '送信済み',
      failed: '未送信',
      connecting: '接続中…',
      offline: 'オフラインです。接続が戻るとメッセージを送信します。',
      you: 'あなた',
      readMore: '記事を読む',
    },
  };

  const STYLE = `
    :host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
            font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", sans-serif;
            color: #1f2933; }
    * { box-sizing: border-box; }
    button { font: inherit; cursor: pointer; }
    :focus-visible { outline: 3px solid #f5b301; outline-offset: 2px; }
    .launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #2457d6; color: #fff;
                box-shadow: 0 6px 20px rgba(15, 35, 95, .3); display: grid; place-items: center; margin-left: auto; }
    .launcher svg { width: 28px; height: 28px; }
    .panel { position: absolute; right: 0; bottom: 72px; width: min(380px, calc(100vw - 40px));
             height: min(560px, calc(100vh - 110px)); background: #fff; border-radius: 14px; overflow: hidden;
             box-shadow: 0 12px 40px rgba(15, 35, 95, .25); display: flex; flex-direction: column; }
    .panel[hidden] { display: none; }
    header { background: #2457d6; color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 8px; }
    header h2 { font-size: 16px; margin: 0; }
    header p { margin: 0; font-size: 12px; opacity: .85; }
    header .close { margin-left: auto; background: transparent; border: 0; color: #fff; font-size: 22px;
                    line-height: 1; padding: 4px 8px; border-radius: 6px; }
    .status { background: #fff7e0; color: #6b4e00; font-size: 12px; padding: 6px 16px; }
    .status:empty { display: none; }
    .log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px;
           background: #f6f8fb; }
    .msg { max-width: 85%; display: flex; flex-direction: column; gap: 2px; }
    .msg .who { font-size: 11px; color: #52606d; }
    .msg .bubble { padding: 8px 12px; border-radius: 12px; background: #fff; border: 1px solid #e4e7eb;
                   white-space: pre-wrap; overflow-wrap: anywhere; }
    .msg.customer { align-self: flex-end; align-items: flex-end; }
    .msg.customer .bubble { background: #2457d6; color: #fff; border-color: #2457d6; }
    .msg.system .bubble { background: transparent; border: 0; color: #52606d; font-style: italic; }
    .msg .cite { font-size: 12px; }
    .msg .cite a { color: #2457d6; }
    .msg .state { font-size: 11px; color: #7b8794; }
    .msg.failed .state { color: #c0392b; }
    form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e4e7eb; background: #fff; }
    textarea { flex: 1; resize: none; font: inherit; padding: 8px 10px; border: 1px solid #cbd2d9;
               border-radius: 8px; height: 40px; max-height: 120px; }
    form button { border: 0; border-radius: 8px; background: #2457d6; color: #fff; padding: 0 14px; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    @media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s ease; } }
  `;

  const CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

  /** Per-server state kept in localStorage, so a reload or another page of the host site resumes the chat. */
  class SavedState {
    constructor(server) {
      this.key = 'baton:' + server;
      let saved = {};
      try { saved = JSON.parse(localStorage.getItem(this.key)) || {}; } catch (e) { saved = {}; }
      this.visitorId = saved.visitorId || randomId();
      this.conversationId = saved.conversationId || null;
      this.resumeToken = saved.resumeToken || null;
      this.lastSeq = saved.lastSeq || null;
      this.open = Boolean(saved.open);
      this.outbox = Array.isArray(saved.outbox) ? saved.outbox : [];
      this.save();
    }

    save() {
      const { visitorId, conversationId, resumeToken, lastSeq, open, outbox } = this;
      try {
        localStorage.setItem(this.key, JSON.stringify({ visitorId, conversationId, resumeToken, lastSeq, open, outbox }));
      } catch (e) { /* storage full or blocked: the chat still works for this page */ }
    }

    forgetConversation() {
      this.conversationId = null;
      this.resumeToken = null;
      this.lastSeq = null;
      this.save();
    }
  }

  function randomId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function compareSeq(a, b) {
    if (!a || !b) return a ? 1 : (b ? -1 : 0);
    const [am, ac] = a.split('-').map(Number);
    const [bm, bc] = b.split('-').map(Number);
    return am !== bm ? am - bm : ac - bc;
  }

  function safeHttpUrl(url) {
    try {
      const parsed = new URL(url, DEFAULT_SERVER);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * The socket to /ws/chat: says hello (resuming when it can), reconnects with backoff, and hands every server
   * frame to onFrame. Frames sent while offline are the caller's to keep (the outbox) and resend on welcome.
   */
  class ChatConnection {
    constructor(server, onFrame, onState) {
      this.url = server.replace(/^http/, 'ws') + '/ws/chat';
      this.onFrame = onFrame;
      this.onState = onState;
      this.attempt = 0;
      this.socket = null;
      this.stopped = false;
      this.helloFrame = null;
    }

    connect(helloFrame) {
      this.helloFrame = helloFrame;
      this.stopped = false;
      this.open();
    }

    open() {
      clearTimeout(this.retryTimer);
      if (this.stopped) return;
      this.onState('connecting');
      const socket = new WebSocket(this.url);
      this.socket = socket;
      socket.onopen = () => socket.send(JSON.stringify(this.helloFrame()));
      socket.onmessage = (event) => {
        let frame;
        try { frame = JSON.parse(event.data); } catch (e) { return; }
        if (frame.type === 'welcome') {
          this.attempt = 0;
          this.onState('online');
        }
        this.onFrame(frame);
      };
      socket.onclose = () => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.onState('offline');
        this.scheduleRetry();
      };
    }

    scheduleRetry() {
      if (this.stopped) return;
      const delay = Math.min(15000, 500 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => this.open(), delay);
    }

    /** Reconnects now (the browser came back online) instead of waiting for the backoff. */
    retryNow() {
      if (!this.socket && !this.stopped) {
        this.attempt = 0;
        this.open();
      }
    }

    /** Starts over from hello, as after a refused resume. */
    restart() {
      if (this.socket) {
        const old = this.socket;
        this.socket = null;
        old.close();
      }
      this.open();
    }

    send(frame) {
      if (this.socket && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify(frame));
        return true;
      }
      return false;
    }

    close() {
      this.stopped = true;
      clearTimeout(this.retryTimer);
      if (this.socket) {
        const old = this.socket;
        this.socket = null;
        old.close();
      }
    }
  }

  class BatonMessenger extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.server = (this.getAttribute('server') || DEFAULT_SERVER).replace(/\/$/, '');
      const locale = this.getAttribute('locale') || navigator.language || 'en';
      this.lang = locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
      this.locale = locale;
      this.t = STRINGS[this.lang];
      this.state = new SavedState(this.server);
      this.bySeq = new Map();
      this.byClientId = new Map();
      this.welcomed = false;

      this.render();
      this.connection = new ChatConnection(this.server, (frame) => this.onFrame(frame), (s) => this.onConnectionState(s));
      this.connection.connect(() => this.helloFrame());
      this.onOnline = () => this.connection.retryNow();
      window.addEventListener('online', this.onOnline);
    }

    disconnectedCallback() {
      if (this.connection) this.connection.close();
      window.removeEventListener('online', this.onOnline);
    }

    render() {
      const root = this.attachShadow({ mode: 'open' });
      const t = this.t;
      root.innerHTML = `
        <style>${STYLE}</style>
        <div class="panel" role="dialog" aria-label="${t.title}" hidden>
          <header>
            <div><h2>${t.title}</h2><p>${t.subtitle}</p></div>
            <button class="close" type="button" aria-label="${t.close}">×</button>
          </header>
          <div class="status" role="status"></div>
          <div class="log" role="log" aria-live="polite" aria-relevant="additions"></div>
          <form>
            <label class="sr-only" for="baton-input">${t.placeholder}</label>
            <textarea id="baton-input" rows="1" placeholder="${t.placeholder}"></textarea>
            <button type="submit">${t.send}</button>
          </form>
        </div>
        <button class="launcher" type="button" aria-expanded="false" aria-label="${t.open}">${CHAT_ICON}</button>`;
      this.panel = root.querySelector('.panel');
      this.log = root.querySelector('.log');
      this.status = root.querySelector('.status');
      this.input = root.querySelector('textarea');
      this.launcher = root.querySelector('.launcher');
      this.launcher.addEventListener('click', () => this.setOpen(this.panel.hidden));
      root.querySelector('.close').addEventListener('click', () => this.setOpen(false));
      root.querySelector('form').addEventListener('submit', (event) => {
        event.preventDefault();
        this.sendTyped();
      });
      this.input.addEventListener('keydown', (event) => {
        // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition never sends.
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          this.sendTyped();
        }
      });
      this.addSystemNote(t.greeting);
      this.state.outbox.forEach((item) => this.addPending(item));
      this.setOpen(this.state.open);
    }

    setOpen(open) {
      this.panel.hidden = !open;
      this.launcher.setAttribute('aria-expanded', String(open));
      this.launcher.setAttribute('aria-label', open ? this.t.close : this.t.open);
      this.state.open = open;
      this.state.save();
      if (open) {
        this.input.focus();
        this.scrollToEnd();
      }
      this.dispatchEvent(new CustomEvent(open ? 'baton:open' : 'baton:close', { bubbles: true, composed: true }));
    }

    helloFrame() {
      this.awaitingWelcome = true;
      const s = this.state;
      const hello = { type: 'hello', visitorId: s.visitorId, locale: this.locale };
      if (s.conversationId && s.resumeToken) {
        hello.conversationId = s.conversationId;
        hello.resumeToken = s.resumeToken;
        // The first hello of a page asks for the whole history; later ones only for what was missed.
        if (this.welcomed && s.lastSeq) hello.lastSeq = s.lastSeq;
      }
      return hello;
    }

    onConnectionState(state) {
      this.status.textContent = state === 'online' ? '' : (state === 'offline' ? this.t.offline : this.t.connecting);
    }

    onFrame(frame) {
      switch (frame.type) {
        case 'welcome': return this.onWelcome(frame);
        case 'ack': return this.onAck(frame);
        case 'message': return this.showMessage(frame);
        case 'error': return this.onError(frame);
        default: return undefined; // newer servers may send frames this version does not know
      }
    }

    onWelcome(frame) {
      this.awaitingWelcome = false;
      const s = this.state;
      s.conversationId = frame.conversationId;
      s.resumeToken = frame.resumeToken;
      s.save();
      this.welcomed = true;
      frame.messages.forEach((message) => this.showMessage(message));
      // Unsent messages stay last, after the history they were typed after.
      s.outbox.forEach((item) => {
        const element = this.byClientId.get(item.clientMsgId);
        if (element && !element.dataset.seq) this.log.append(element);
      });
      // Whatever was typed but never acknowledged goes again; the server stores each clientMsgId once.
      s.outbox.forEach((item) => this.connection.send({ type: 'message', clientMsgId: item.clientMsgId, text: item.text }));
    }

    onAck(frame) {
      this.state.outbox = this.state.outbox.filter((item) => item.clientMsgId !== frame.clientMsgId);
      this.state.save();
      const element = this.byClientId.get(frame.clientMsgId);
      if (element) this.markSent(element, frame.seq);
    }

    onError(frame) {
      if (frame.code === 'resume_refused' || frame.code === 'conversation_gone') {
        this.state.forgetConversation();
        this.welcomed = false;
        this.connection.restart();
        return;
      }
      if (frame.code === 'unavailable' || frame.code === 'rate_limited') {
        // Passing trouble: the message stays in the outbox and goes again shortly (the server stores it once).
        const item = this.state.outbox.find((entry) => entry.clientMsgId === frame.clientMsgId);
        if (item) {
          setTimeout(() => this.connection.send({ type: 'message', clientMsgId: item.clientMsgId, text: item.text }), 2000);
        } else if (this.awaitingWelcome) {
          setTimeout(() => this.connection.restart(), 2000);
        }
        return;
      }
      if (frame.clientMsgId) {
        this.state.outbox = this.state.outbox.filter((item) => item.clientMsgId !== frame.clientMsgId);
        this.state.save();
        const element = this.byClientId.get(frame.clientMsgId);
        if (element) {
          element.classList.add('failed');
          element.querySelector('.state').textContent = `${this.t.failed}: ${frame.message}`;
        }
      }
    }

    sendTyped() {
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = '';
      const item = { clientMsgId: randomId(), text };
      this.state.outbox.push(item);
      this.state.save();
      this.addPending(item);
      this.connection.send({ type: 'message', clientMsgId: item.clientMsgId, text });
    }

    addPending(item) {
      const element = this.bubble('customer', this.t.you, item.text);
      element.dataset.clientMsgId = item.clientMsgId;
      const state = document.createElement('span');
      state.className = 'state';
      state.textContent = this.t.sending;
      element.append(state);
      this.byClientId.set(item.clientMsgId, element);
      this.append(element);
    }

    markSent(element, seq) {
      element.dataset.seq = seq;
      this.bySeq.set(seq, element);
      const state = element.querySelector('.state');
      if (state) state.textContent = this.t.sent;
    }

    showMessage(message) {
      if (compareSeq(message.seq, this.state.lastSeq) > 0) {
        this.state.lastSeq = message.seq;
        this.state.save();
      }
      if (this.bySeq.has(message.seq)) return;
      const own = message.clientMsgId && this.byClientId.get(message.clientMsgId);
      if (own) {
        this.markSent(own, message.seq);
        return;
      }
      const role = message.author.role;
      const name = role === 'customer' ? this.t.you : (message.author.name || '');
      const element = this.bubble(role, name, message.text);
      element.dataset.seq = message.seq;
      (message.citations || []).forEach((citation) => {
        const href = safeHttpUrl(citation.url);
        if (!href) return;
        const cite = document.createElement('div');
        cite.className = 'cite';
        const link = document.createElement('a');
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.textContent = citation.title || this.t.readMore;
        cite.append(link);
        element.append(cite);
      });
      if (message.clientMsgId) this.byClientId.set(message.clientMsgId, element);
      this.bySeq.set(message.seq, element);
      this.append(element);
    }

    addSystemNote(text) {
      this.append(this.bubble('system', '', text));
    }

    /** A message element; every piece of text goes in with textContent, never as HTML. */
    bubble(role, name, text) {
      const element = document.createElement('div');
      element.className = `msg ${role}`;
      if (name) {
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = name;
        element.append(who);
      }
      const body = document.createElement('div');
      body.className = 'bubble';
      body.textContent = text;
      element.append(body);
      return element;
    }

    append(element) {
      this.log.append(element);
      this.scrollToEnd();
    }

    scrollToEnd() {
      this.log.scrollTop = this.log.scrollHeight;
    }
  }

  customElements.define(TAG, BatonMessenger);

  function mount() {
    if (!document.querySelector(TAG)) document.body.append(document.createElement(TAG));
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
