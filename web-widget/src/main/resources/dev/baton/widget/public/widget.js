/*
 * Baton messenger widget. One <script src="https://<baton-server>/widget.js" async></script> on any page mounts a
 * <baton-messenger> element: a launcher button and a chat panel inside a Shadow DOM, so the host page's CSS can't
 * break it and it can't break the host. It talks to the server over /ws/chat (docs/protocol.md).
 *
 * Plain script on purpose: no framework, no build step, nothing required of the host page. The host page may
 * set window.BatonSettings before the script, or call the API it defines: Baton.boot(settings), Baton.open(),
 * Baton.close(), Baton.shutdown(), Baton.on('unread', fn) (docs/widget.md).
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
      joined: (name) => `${name} joined the conversation`,
      typing: (name) => `${name || 'Someone'} is typing…`,
      seen: 'Seen',
      emailLabel: 'Get the reply by email',
      emailPlaceholder: 'you@example.com',
      emailSend: 'Notify me',
      emailInvalid: 'Please enter an email address like name@example.com.',
      greetingNamed: (name) => `Hi ${name}! Ask a question and I'll look it up in our help center — or bring in someone from our team.`,
      talkToPerson: 'Talk to a person',
      help: 'Help',
      chat: 'Chat',
      helpful: 'Did this help?',
      yes: 'Yes',
      no: 'No',
      thanksFeedback: 'Thanks for letting us know.',
      choices: 'Suggested articles',
      noneOfThese: 'None of these',
      waitingSoon: (minutes) => `Waiting for our team — usually replies in ${minutes === 1 ? 'about a minute' : `~${minutes} minutes`}`,
      waitingAway: (when) => `Our team is away — back ${when}. We'll reply here, or by email if you leave one.`,
      waitingBusy: "Waiting for our team — everyone is busy, we'll reply as soon as someone is free",
      waiting: 'Waiting for our team',
      chattingWith: (name) => `You're chatting with ${name}`,
      csatQuestion: 'How was the help you got?',
      csatScore: (n) => ['', 'Very bad', 'Bad', 'OK', 'Good', 'Great'][n],
      csatComment: 'Anything to add? (optional)',
      csatSend: 'Send rating',
      csatThanks: 'Thanks for your rating!',
      csatStars: (n, word) => `${n} ${n === 1 ? 'star' : 'stars'}: ${word}`,
      closed: 'This conversation was closed. Write again any time to reopen it.',
      unread: (n) => `${n} unread`,
      identityRefused: "We couldn't verify who you are. Please sign in to the product again.",
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
      joined: (name) => `${name}が参加しました`,
      typing: (name) => `${name || '担当者'}が入力中…`,
      seen: '既読',
      emailLabel: '返信をメールでも受け取る',
      emailPlaceholder: 'you@example.com',
      emailSend: '送信',
      emailInvalid: 'name@example.com の形式でメールアドレスを入力してください。',
      greetingNamed: (name) => `${name}さん、こんにちは！ご質問をどうぞ。ヘルプセンターから答えを探します。必要ならチームの担当者におつなぎします。`,
      talkToPerson: '担当者と話す',
      helpful: 'お役に立ちましたか？',
      yes: 'はい',
      no: 'いいえ',
      thanksFeedback: 'ご回答ありがとうございます。',
      choices: '候補の記事',
      noneOfThese: 'どれも違う',
      waitingSoon: (minutes) => `担当者をお待ちください — 通常${minutes}分ほどでお返事します`,
      waitingAway: (when) => `ただいま営業時間外です — ${when}に再開します。こちらか、残していただいたメールにお返事します。`,
      waitingBusy: '担当者をお待ちください — 全員対応中のため、手が空きしだいお返事します',
      waiting: '担当者をお待ちください',
      chattingWith: (name) => `${name}が対応しています`,
      csatQuestion: '今回のサポートはいかがでしたか？',
      csatScore: (n) => ['', 'とても不満', '不満', 'ふつう', '満足', 'とても満足'][n],
      csatComment: 'ご意見があればどうぞ（任意）',
      csatSend: '評価を送信',
      csatThanks: '評価ありがとうございました！',
      csatStars: (n, word) => `星${n}つ：${word}`,
      help: 'ヘルプ',
      chat: 'チャット',
      closed: 'この会話は終了しました。メッセージを送るといつでも再開できます。',
      unread: (n) => `未読${n}件`,
      identityRefused: 'ご本人確認ができませんでした。もう一度製品にサインインしてください。',
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
    .launcher { position: relative; }
    .launcher svg { width: 28px; height: 28px; }
    .badge { position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; border-radius: 10px;
             background: #d64545; color: #fff; font-size: 12px; line-height: 20px; padding: 0 6px; }
    .badge[hidden] { display: none; }
    header .human { background: rgba(255, 255, 255, .15); border: 1px solid rgba(255, 255, 255, .5); color: #fff;
                    border-radius: 14px; font-size: 12px; padding: 3px 10px; }
    header .title { flex: 1; min-width: 0; }
    header .human[hidden] { display: none; }
    header .switch { background: rgba(255, 255, 255, .15); border: 1px solid rgba(255, 255, 255, .5); color: #fff;
                     border-radius: 14px; font-size: 12px; padding: 3px 10px; }
    .help[hidden] { display: none; }
    .panel.on-help .log, .panel.on-help .typing, .panel.on-help .composer, .panel.on-help .handoff-status,
    .panel.on-help header .human { display: none; }
    .handoff-status { background: #eef3ff; color: #1d3f91; font-size: 12px; padding: 6px 16px; }
    .handoff-status:empty { display: none; }
    .feedback { display: flex; align-items: center; gap: 6px; font-size: 12px; color: #52606d; }
    .feedback button, .csat .scores button { border: 1px solid #cbd2d9; background: #fff; border-radius: 12px;
                                             padding: 2px 10px; color: #1f2933; }
    .feedback button:hover, .csat .scores button:hover { border-color: #2457d6; }
    .choices { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; margin-top: 6px; }
    .choices button { border: 1px solid #2457d6; background: #fff; color: #1d3f91; border-radius: 14px;
                      padding: 4px 12px; text-align: left; }
    .choices button:hover { background: #eef3ff; }
    .choices button.none { border-color: #cbd2d9; color: #52606d; }
    .csat { background: #fff; border: 1px solid #e4e7eb; border-radius: 12px; padding: 10px; display: flex;
            flex-direction: column; gap: 8px; }
    .csat .scores { display: flex; gap: 6px; }
    .csat .scores button { font-size: 20px; line-height: 1; padding: 4px 6px; border: 0; color: #cbd2d9; }
    .csat .scores button.lit { color: #f5b301; }
    .csat textarea { height: 56px; }
    .csat .send { align-self: flex-end; border: 0; border-radius: 8px; background: #2457d6; color: #fff;
                  padding: 6px 12px; }
    .panel { position: absolute; right: 0; bottom: 72px; width: min(380px, calc(100vw - 40px));
             height: min(560px, calc(100vh - 110px)); background: #fff; border-radius: 14px; overflow: hidden;
             box-shadow: 0 12px 40px rgba(15, 35, 95, .25); display: flex; flex-direction: column; }
    .panel[hidden] { display: none; }
    header { background: #2457d6; color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 8px; }
    header h2 { font-size: 16px; margin: 0; }
    header p { margin: 0; font-size: 12px; opacity: .85; }
    header .close { background: transparent; border: 0; color: #fff; font-size: 22px;
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
    .msg.joined { flex-direction: row; align-items: center; gap: 6px; }
    .msg .avatar { width: 24px; height: 24px; border-radius: 50%; object-fit: cover; }
    .msg .cite { font-size: 12px; }
    .msg .cite a { color: #2457d6; }
    .msg .state { font-size: 11px; color: #7b8794; }
    .msg.failed .state { color: #c0392b; }
    .msg.draft .bubble { color: #52606d; }
    .msg.draft .bubble::after { content: '▍'; color: #9aa5b1; }
    .typing { font-size: 12px; color: #52606d; padding: 0 16px 6px; background: #f6f8fb; min-height: 1.45em; }
    .contact { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; background: #fff;
               border: 1px solid #e4e7eb; border-radius: 12px; padding: 10px; }
    .contact label { width: 100%; font-size: 12px; color: #52606d; }
    .contact input { flex: 1; min-width: 0; font: inherit; padding: 6px 8px; border: 1px solid #cbd2d9;
                     border-radius: 8px; }
    .contact button { border: 0; border-radius: 8px; background: #2457d6; color: #fff; padding: 6px 12px; }
    .contact .error { width: 100%; font-size: 12px; color: #c0392b; }
    .contact .error:empty { display: none; }
    .composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e4e7eb; background: #fff; }
    textarea { flex: 1; resize: none; font: inherit; padding: 8px 10px; border: 1px solid #cbd2d9;
               border-radius: 8px; height: 40px; max-height: 120px; }
    .composer button { border: 0; border-radius: 8px; background: #2457d6; color: #fff; padding: 0 14px; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    @media (max-width: 500px) {
      .panel { position: fixed; inset: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; }
    }
    @media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s ease; } }
    @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
  `;

  const CLOSE_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';
  const CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

  /** Per-server state kept in localStorage, so a reload or another page of the host site resumes the chat. */
  class SavedState {
    constructor(key) {
      this.key = key;
      let saved = {};
      try { saved = JSON.parse(localStorage.getItem(this.key)) || {}; } catch (e) { saved = {}; }
      this.visitorId = saved.visitorId || randomId();
      this.conversationId = saved.conversationId || null;
      this.resumeToken = saved.resumeToken || null;
      this.lastSeq = saved.lastSeq || null;
      this.open = Boolean(saved.open);
      this.outbox = Array.isArray(saved.outbox) ? saved.outbox : [];
      this.unread = Number.isInteger(saved.unread) ? saved.unread : 0;
      this.answered = Array.isArray(saved.answered) ? saved.answered : [];
      this.save();
    }

    save() {
      const { visitorId, conversationId, resumeToken, lastSeq, open, outbox, unread, answered } = this;
      try {
        localStorage.setItem(this.key,
          JSON.stringify({ visitorId, conversationId, resumeToken, lastSeq, open, outbox, unread, answered }));
      } catch (e) { /* storage full or blocked: the chat still works for this page */ }
    }

    /** Sign-out: nothing of this user's chat stays on the device. */
    erase() {
      try { localStorage.removeItem(this.key); } catch (e) { /* nothing stored */ }
    }

    forgetConversation() {
      this.conversationId = null;
      this.resumeToken = null;
      this.lastSeq = null;
      this.answered = [];
      this.save();
    }
  }

  function randomId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /**
   * How long to wait before sending a refused frame again: as long as the server asked (retryAfterMs), and longer
   * each time it is refused again (1 s, 2 s, 4 s … 30 s), with jitter so that tabs do not come back all at once.
   */
  function retryDelay(attempt, retryAfterMs) {
    const backoff = Math.min(30000, 1000 * 2 ** attempt);
    return Math.max(retryAfterMs || 0, backoff) * (1 + Math.random() * 0.25);
  }

  function compareSeq(a, b) {
    if (!a || !b) return a ? 1 : (b ? -1 : 0);
    const [am, ac] = a.split('-').map(Number);
    const [bm, bc] = b.split('-').map(Number);
    return am !== bm ? am - bm : ac - bc;
  }

  /**
   * Who the host page says the user is, from its settings' user: a signed {token} (verified by the server), or
   * {userId, name, email} as the page states them (shown to agents as not verified); null when it says nothing.
   */
  function identityFromSettings(settings) {
    const user = settings && typeof settings === 'object' ? settings.user : null;
    if (!user || typeof user !== 'object') return null;
    // A function is asked for a fresh token on every (re)connection, so a long-open page outlives a token's expiry.
    if (typeof user.token === 'function') return { token: user.token };
    if (typeof user.token === 'string' && user.token) return { token: user.token };
    const identity = {};
    ['userId', 'name', 'email'].forEach((field) => {
      const value = user[field];
      if (typeof value === 'string' && value.trim()) identity[field] = value.trim();
    });
    return Object.keys(identity).length ? identity : null;
  }

  function safeHttpUrl(url) {
    if (!url) return null;
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

    /** Says hello again on the socket that is open, after {@code delay} ms (the server was busy or limited it). */
    helloLater(delay) {
      clearTimeout(this.helloTimer);
      const socket = this.socket;
      this.helloTimer = setTimeout(() => {
        if (socket === this.socket && socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify(this.helloFrame()));
        }
      }, delay);
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
      clearTimeout(this.helloTimer);
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
      const settings = this.settings || window.BatonSettings || {};
      this.server = (settings.server || this.getAttribute('server') || DEFAULT_SERVER).replace(/\/$/, '');
      const locale = settings.locale || this.getAttribute('locale') || navigator.language || 'en';
      this.lang = String(locale).toLowerCase().startsWith('ja') ? 'ja' : 'en';
      this.locale = String(locale);
      this.t = STRINGS[this.lang];
      this.identity = identityFromSettings(settings);
      const appId = typeof settings.appId === 'string' && settings.appId ? ':' + settings.appId : '';
      this.state = new SavedState('baton:' + this.server + appId);
      this.bySeq = new Map();
      this.byClientId = new Map();
      this.resends = new Map();
      this.helloAttempts = 0;
      this.welcomed = false;

      this.render();
      this.connection = new ChatConnection(this.server, (frame) => this.onFrame(frame), (s) => this.onConnectionState(s));
      this.connection.connect(() => this.helloFrame());
      this.onOnline = () => this.connection.retryNow();
      window.addEventListener('online', this.onOnline);
      this.onVisible = () => this.markRead();
      document.addEventListener('visibilitychange', this.onVisible);
    }

    disconnectedCallback() {
      if (this.connection) this.connection.close();
      this.resends.forEach((resend) => clearTimeout(resend.timer));
      this.resends.clear();
      clearTimeout(this.typingTimer);
      clearTimeout(this.typingShownTimer);
      window.removeEventListener('online', this.onOnline);
      document.removeEventListener('visibilitychange', this.onVisible);
    }

    render() {
      const root = this.attachShadow({ mode: 'open' });
      const t = this.t;
      root.innerHTML = `
        <style>${STYLE}</style>
        <div class="panel" role="dialog" aria-label="${t.title}" hidden>
          <header>
            <div class="title"><h2>${t.title}</h2><p>${t.subtitle}</p></div>
            <button class="switch" type="button" aria-pressed="false">${t.help}</button>
            <button class="human" type="button">${t.talkToPerson}</button>
            <button class="close" type="button" aria-label="${t.close}">×</button>
          </header>
          <div class="status" role="status"></div>
          <div class="handoff-status" role="status"></div>
          <div class="help" hidden></div>
          <div class="log" role="log" aria-live="polite" aria-relevant="additions"></div>
          <div class="typing" aria-live="polite"></div>
          <form class="composer">
            <label class="sr-only" for="baton-input">${t.placeholder}</label>
            <textarea id="baton-input" rows="1" placeholder="${t.placeholder}"></textarea>
            <button type="submit">${t.send}</button>
          </form>
        </div>
        <button class="launcher" type="button" aria-expanded="false" aria-label="${t.open}">${CHAT_ICON}<span class="badge" hidden></span></button>`;
      this.panel = root.querySelector('.panel');
      this.log = root.querySelector('.log');
      this.status = root.querySelector('.status');
      this.input = root.querySelector('textarea');
      this.typingLine = root.querySelector('.typing');
      this.launcher = root.querySelector('.launcher');
      this.badge = root.querySelector('.badge');
      this.handoffStatus = root.querySelector('.handoff-status');
      this.humanButton = root.querySelector('.human');
      this.launcher.addEventListener('click', () => this.setOpen(this.panel.hidden, true));
      root.querySelector('.close').addEventListener('click', () => this.setOpen(false, true));
      this.humanButton.addEventListener('click', () => this.requestHuman());
      this.helpSection = root.querySelector('.help');
      this.switchButton = root.querySelector('header .switch');
      this.switchButton.addEventListener('click', () => {
        this.homeByDefault = false;
        this.showHelp(this.helpSection.hidden);
      });
      this.panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') this.setOpen(false, true);
      });
      this.input.addEventListener('input', () => this.typed());
      root.querySelector('.composer').addEventListener('submit', (event) => {
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
      this.greetingNote = this.addSystemNote(t.greeting);
      this.state.outbox.forEach((item) => this.addPending(item));
      this.setOpen(this.state.open, false);
      this.showUnread();
    }

    /**
     * Opens or closes the panel; {@code byUser}: focus follows (into the composer or the search, back to the
     * launcher). It opens on the help center for a new conversation and on the chat for one under way.
     */
    setOpen(open, byUser) {
      const opening = open && this.panel.hidden;
      this.panel.hidden = !open;
      this.launcher.setAttribute('aria-expanded', String(open));
      // The launcher shows what a click does: the chat icon opens, a cross closes.
      this.launcher.querySelector('svg').outerHTML = open ? CLOSE_ICON : CHAT_ICON;
      this.launcher.dataset.icon = open ? 'close' : 'chat';
      this.launcher.setAttribute('aria-label', open ? this.t.close : this.t.open);
      this.state.open = open;
      if (open) this.state.unread = 0;
      this.state.save();
      this.showUnread();
      if (opening) {
        this.homeByDefault = this.isNewConversation();
        this.showHelp(this.homeByDefault, byUser);
      }
      if (open) {
        if (byUser && this.helpSection.hidden) this.input.focus();
        this.scrollToEnd();
        this.markRead();
      } else if (byUser) {
        this.launcher.focus();
      }
      this.dispatchEvent(new CustomEvent(open ? 'baton:open' : 'baton:close', { bubbles: true, composed: true }));
    }

    /** A message from the team or the bot arrived while the panel was closed. */
    countUnread() {
      if (!this.panel.hidden) return;
      this.state.unread += 1;
      this.state.save();
      this.showUnread();
    }

    showUnread() {
      const count = this.state.unread;
      this.badge.hidden = count === 0;
      this.badge.textContent = count > 9 ? '9+' : String(count);
      this.launcher.setAttribute('aria-label', (this.panel.hidden ? this.t.open : this.t.close)
        + (count ? ` (${this.t.unread(count)})` : ''));
      if (count !== this.reportedUnread) {
        this.reportedUnread = count;
        this.dispatchEvent(new CustomEvent('baton:unread', { bubbles: true, composed: true, detail: { count } }));
      }
    }

    /** Nothing said yet, by anyone: what the customer wants first is the help center, as in Intercom's Home. */
    isNewConversation() {
      return !this.state.lastSeq && this.state.outbox.length === 0 && this.bySeq.size === 0;
    }

    /**
     * Shows the help center in the panel (loaded from widget-home.js the first time), or the chat again; focus goes
     * with it unless {@code focus} is false. A help center that can't load leaves the chat in place.
     */
    showHelp(on, focus = true) {
      this.helpSection.hidden = !on;
      this.panel.classList.toggle('on-help', on);
      this.switchButton.textContent = on ? this.t.chat : this.t.help;
      this.switchButton.setAttribute('aria-pressed', String(on));
      if (!on) {
        if (focus) this.input.focus();
        this.scrollToEnd();
        return;
      }
      if (!this.help) {
        this.help = import(this.server + '/widget-home.js')
          .then((module) => module.mountHelp(this.helpSection, { server: this.server, lang: this.lang,
            greetName: this.greetName,
            onAsk: () => {
              this.homeByDefault = false;
              this.showHelp(false);
            } }))
          .catch(() => {
            this.help = null;
            this.showHelp(false, focus);
          });
      }
      if (focus) this.help.then((help) => help && !this.helpSection.hidden && help.focus());
    }

    requestHuman() {
      if (this.connection.send({ type: 'request_human' })) this.humanButton.hidden = true;
    }

    /** Who has the conversation now: the bot, the team's queue, a person, or nobody (resolved). */
    setOwner(owner, agentName) {
      this.owner = owner;
      this.humanButton.hidden = owner === 'waiting' || owner === 'agent';
      if (owner === 'agent' && agentName) this.handoffStatus.textContent = this.t.chattingWith(agentName);
      else if (owner === 'waiting') this.handoffStatus.textContent = this.handoffStatus.textContent || this.t.waiting;
      else if (owner !== 'agent') this.handoffStatus.textContent = '';
    }

    helloFrame() {
      this.awaitingWelcome = true;
      const s = this.state;
      const hello = { type: 'hello', visitorId: s.visitorId, locale: this.locale };
      if (this.identity) {
        const token = typeof this.identity.token === 'function' ? this.identity.token() : this.identity.token;
        hello.identity = token ? { token } : this.identity;
      }
      if (s.conversationId && (s.resumeToken || (hello.identity && hello.identity.token))) {
        hello.conversationId = s.conversationId;
        if (s.resumeToken) hello.resumeToken = s.resumeToken;
        // The first hello of a page asks for the whole history; later ones only for what was missed.
        if (this.welcomed && s.lastSeq) hello.lastSeq = s.lastSeq;
      }
      return hello;
    }

    onConnectionState(state) {
      if (this.status.textContent === this.t.identityRefused) return;
      this.status.textContent = state === 'online' ? '' : (state === 'offline' ? this.t.offline : this.t.connecting);
    }

    onFrame(frame) {
      switch (frame.type) {
        case 'welcome': return this.onWelcome(frame);
        case 'ack': return this.onAck(frame);
        case 'message': return this.showMessage(frame);
        case 'agent_joined': return this.showAgentJoined(frame);
        case 'handoff': return this.onHandoff(frame);
        case 'status': return this.onStatus(frame);
        case 'typing': return this.showTyping(frame);
        case 'draft': return this.showDraft(frame);
        case 'seen': return this.showSeen(frame.seq);
        case 'csat': return this.onRated();
        case 'error': return this.onError(frame);
        default: return undefined; // newer servers may send frames this version does not know
      }
    }

    onWelcome(frame) {
      this.awaitingWelcome = false;
      this.helloAttempts = 0;
      const s = this.state;
      const sameConversation = s.conversationId === frame.conversationId;
      if (!sameConversation) {
        s.answered = [];
        this.repliedSeq = null;
        this.dropDraft();
      }
      s.conversationId = frame.conversationId;
      // A verified user resumed on another device gets no token: their identity is the key.
      s.resumeToken = frame.resumeToken || (sameConversation ? s.resumeToken : null);
      s.save();
      if (frame.greetName && this.greetingNote) {
        this.greetingNote.querySelector('.bubble').textContent = this.t.greetingNamed(frame.greetName);
        this.greetName = frame.greetName;
        if (this.help) this.help.then((help) => help && help.greet(frame.greetName));
      }
      this.welcomed = true;
      this.setOwner(frame.owner);
      frame.messages.forEach((message) => this.showMessage(message, false));
      // A conversation found under way (a verified user on a new device) was opened on the help center as new.
      if (this.homeByDefault && !this.helpSection.hidden && !this.isNewConversation()) {
        this.homeByDefault = false;
        this.showHelp(false, false);
      }
      (frame.joined || []).forEach((joined) => this.showAgentJoined(joined, false));
      if (frame.owner === 'resolved' && frame.csatRating == null) this.askForRating();
      else if (frame.owner === 'resolved') this.showRated();
      // Unsent messages stay last, after the history they were typed after.
      s.outbox.forEach((item) => {
        const element = this.byClientId.get(item.clientMsgId);
        if (element && !element.dataset.seq) this.log.append(element);
      });
      // Whatever was typed but never acknowledged goes again; the server stores each clientMsgId once.
      s.outbox.forEach((item) => this.connection.send({ type: 'message', clientMsgId: item.clientMsgId, text: item.text }));
    }

    onAck(frame) {
      const resend = this.resends.get(frame.clientMsgId);
      if (resend) clearTimeout(resend.timer);
      this.resends.delete(frame.clientMsgId);
      this.state.outbox = this.state.outbox.filter((item) => item.clientMsgId !== frame.clientMsgId);
      this.state.save();
      const element = this.byClientId.get(frame.clientMsgId);
      if (element) this.markSent(element, frame.seq);
    }

    onError(frame) {
      if (frame.code === 'identity_refused' || frame.code === 'identity_required') {
        // Retrying with the same token cannot help: the product must give a valid one (Baton.boot again, or a token
        // function); it hears of it through Baton.on('identityRefused').
        this.connection.close();
        this.status.textContent = this.t.identityRefused;
        this.dispatchEvent(new CustomEvent('baton:identity-refused', { bubbles: true, composed: true,
          detail: { code: frame.code, message: frame.message } }));
        return;
      }
      if (frame.code === 'not_resolved') {
        if (this.csatCard) this.csatCard.remove();
        this.csatCard = null;
        return;
      }
      if (frame.code === 'resume_refused' || frame.code === 'conversation_gone') {
        this.state.forgetConversation();
        this.welcomed = false;
        this.connection.restart();
        return;
      }
      if (frame.code === 'unavailable' || frame.code === 'rate_limited') {
        // Passing trouble: the message stays in the outbox and goes again later (the server stores it once); a
        // refused hello is said again. Other refused frames (typing, read…) are not worth repeating.
        const item = this.state.outbox.find((entry) => entry.clientMsgId === frame.clientMsgId);
        if (item) {
          this.resendLater(item, frame.retryAfterMs);
        } else if (this.awaitingWelcome) {
          this.connection.helloLater(retryDelay(this.helloAttempts++, frame.retryAfterMs));
        }
        return;
      }
      if (this.contactForm && !frame.clientMsgId && frame.code === 'invalid_field') {
        this.contactForm.querySelector('.error').textContent = this.t.emailInvalid;
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

    /** Sends a refused message again once, later, and later still each time it is refused again. */
    resendLater(item, retryAfterMs) {
      const resend = this.resends.get(item.clientMsgId) || { attempt: 0, timer: null };
      if (resend.timer) return; // already waiting to go again
      resend.timer = setTimeout(() => {
        resend.timer = null;
        if (this.state.outbox.some((entry) => entry.clientMsgId === item.clientMsgId)) {
          this.connection.send({ type: 'message', clientMsgId: item.clientMsgId, text: item.text });
        }
      }, retryDelay(resend.attempt, retryAfterMs));
      resend.attempt += 1;
      this.resends.set(item.clientMsgId, resend);
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
      this.stopTyping();
    }

    /** Tells the team the customer is typing: at most every 3 seconds, and that they stopped after 4 quiet ones. */
    typed() {
      if (this.owner !== 'agent' && this.owner !== 'waiting') return;
      const now = Date.now();
      if (!this.typingSentAt || now - this.typingSentAt > 3000) {
        this.typingSentAt = now;
        this.connection.send({ type: 'typing', typing: true });
      }
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.stopTyping(), 4000);
    }

    stopTyping() {
      clearTimeout(this.typingTimer);
      if (this.typingSentAt) {
        this.typingSentAt = 0;
        this.connection.send({ type: 'typing', typing: false });
      }
    }

    showTyping(frame) {
      clearTimeout(this.typingShownTimer);
      this.typingLine.textContent = frame.typing ? this.t.typing(frame.name) : '';
      // A "stopped" that never comes (a closed console) must not leave the line up.
      if (frame.typing) this.typingShownTimer = setTimeout(() => { this.typingLine.textContent = ''; }, 8000);
    }

    /** The team has read up to seq: the customer's latest message up to there says "Seen". */
    showSeen(seq) {
      const mine = Array.from(this.log.querySelectorAll('.msg.customer[data-seq]'))
        .filter((element) => compareSeq(element.dataset.seq, seq) <= 0);
      const last = mine[mine.length - 1];
      if (!last) return;
      let state = last.querySelector('.state');
      if (!state) {
        state = document.createElement('span');
        state.className = 'state';
        last.append(state);
      }
      state.textContent = this.t.seen;
    }

    /** The customer has seen what a person wrote: their console shows "Seen". */
    markRead() {
      if (this.panel.hidden || document.visibilityState === 'hidden' || !this.lastAgentSeq) return;
      if (this.lastAgentSeq === this.readSent) return;
      this.readSent = this.lastAgentSeq;
      this.connection.send({ type: 'read', seq: this.lastAgentSeq });
    }

    /** "Did this help? Yes / No" under a bot answer; No makes the bot offer a person (and counts toward a handoff). */
    feedbackButtons(seq) {
      const row = document.createElement('div');
      row.className = 'feedback';
      const question = document.createElement('span');
      question.textContent = this.t.helpful;
      row.append(question);
      [[this.t.yes, true], [this.t.no, false]].forEach(([label, helpful]) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = label;
        button.addEventListener('click', () => {
          if (!this.connection.send({ type: 'feedback', seq, helpful })) return;
          this.state.answered = this.state.answered.concat(seq).slice(-100);
          this.state.save();
          row.textContent = this.t.thanksFeedback;
        });
        row.append(button);
      });
      return row;
    }

    /**
     * "Did you mean…": one button per offered article and "None of these"; a pick sends the pick frame, the bot
     * answers with that article (or offers a person), and the buttons go away.
     */
    choiceButtons(seq, choices) {
      const group = document.createElement('div');
      group.className = 'choices';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', this.t.choices);
      const options = choices.map((choice) => [choice.title, choice.articleId, '']).concat([[this.t.noneOfThese, null, 'none']]);
      options.forEach(([label, articleId, kind]) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = label;
        if (kind) button.className = kind;
        if (articleId) button.dataset.articleId = articleId;
        button.addEventListener('click', () => {
          if (!this.connection.send({ type: 'pick', seq, articleId })) return;
          this.state.answered = this.state.answered.concat(seq).slice(-100);
          this.state.save();
          group.remove();
          this.input.focus();
        });
        group.append(button);
      });
      return group;
    }

    onHandoff(frame) {
      this.replied(frame.seq);
      let text = this.t.waitingBusy;
      if (frame.answersSoon) {
        text = this.t.waitingSoon(frame.replyMinutes);
      } else if (frame.backAt) {
        text = this.t.waitingAway(this.formatWhen(frame.backAt));
      }
      this.handoffStatus.textContent = text;
      this.setOwner('waiting');
      // The card follows the team's note that introduces it (logged right after this frame), and is not offered
      // at all when the host page told us the customer's email already.
      if (!frame.answersSoon && !(this.identity && this.identity.email)) this.emailAfterNote = true;
    }

    /** "Monday 08:00" in the customer's own language and time zone, from an ISO time with the team's zone. */
    formatWhen(backAt) {
      const instant = new Date(backAt.replace(/\[.*\]$/, ''));
      if (Number.isNaN(instant.getTime())) return backAt;
      return new Intl.DateTimeFormat(this.locale, { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(instant);
    }

    onStatus(frame) {
      this.replied(frame.seq);
      this.setOwner(frame.owner);
      if (frame.owner === 'resolved') {
        this.askForRating();
        return;
      }
      this.closedNote = null; // reopened: a later resolution says so again
      this.ratedNote = null;
      if (this.csatCard) {
        this.csatCard.remove();
        this.csatCard = null;
      }
    }

    /** Says once per resolution that the conversation was closed, live and after a reload alike. */
    showClosed() {
      if (this.closedNote) return;
      this.closedNote = this.addSystemNote(this.t.closed);
      this.closedNote.classList.add('closed');
    }

    /** Resolved and already rated (a reload): the closed line and the thanks, as they were seen live. */
    showRated() {
      this.showClosed();
      if (this.ratedNote) return;
      this.ratedNote = this.addSystemNote(this.t.csatThanks);
      this.ratedNote.classList.add('csat-thanks');
    }

    /** The conversation was resolved: "How was the help you got?", 1 to 5 stars, and an optional comment. */
    askForRating() {
      if (this.csatCard) return;
      const t = this.t;
      this.showClosed();
      const card = document.createElement('form');
      card.className = 'csat';
      card.setAttribute('aria-label', t.csatQuestion);
      const question = document.createElement('p');
      question.textContent = t.csatQuestion;
      question.style.margin = '0';
      const scores = document.createElement('div');
      scores.className = 'scores';
      scores.setAttribute('role', 'group');
      scores.setAttribute('aria-label', t.csatQuestion);
      let rating = 0;
      for (let n = 1; n <= 5; n += 1) {
        const button = document.createElement('button');
        button.type = 'button';
        // Stars, as customers know them from shops and app stores; the name says the number and its word.
        button.textContent = '★';
        button.dataset.score = String(n);
        button.setAttribute('aria-label', t.csatStars(n, t.csatScore(n)));
        button.title = t.csatScore(n);
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => {
          rating = n;
          scores.querySelectorAll('button').forEach((b) => {
            b.setAttribute('aria-pressed', String(b === button));
            b.classList.toggle('lit', Number(b.dataset.score) <= n);
          });
          send.disabled = false;
        });
        scores.append(button);
      }
      const comment = document.createElement('textarea');
      comment.setAttribute('aria-label', t.csatComment);
      comment.placeholder = t.csatComment;
      comment.maxLength = 1000;
      const send = document.createElement('button');
      send.type = 'submit';
      send.className = 'send';
      send.textContent = t.csatSend;
      send.disabled = true;
      card.addEventListener('submit', (event) => {
        event.preventDefault();
        const frame = { type: 'csat', rating };
        if (comment.value.trim()) frame.comment = comment.value.trim();
        if (rating && this.connection.send(frame)) send.disabled = true;
      });
      card.append(question, scores, comment, send);
      this.csatCard = card;
      this.append(card);
    }

    /** The rating is stored: the card says thanks (in every tab of the customer's). */
    onRated() {
      if (!this.csatCard) return;
      const thanks = document.createElement('p');
      thanks.className = 'csat-thanks';
      thanks.setAttribute('role', 'status');
      thanks.textContent = this.t.csatThanks;
      this.csatCard.replaceChildren(thanks);
      this.csatCard = null;
    }

    /** The team is away or busy: the customer may leave an email address to get the reply there too. */
    offerEmail() {
      if (this.contactForm) return;
      const form = document.createElement('form');
      form.className = 'contact';
      form.noValidate = true;
      const id = 'baton-contact-' + randomId();
      form.innerHTML = `<label for="${id}"></label><input id="${id}" type="email" autocomplete="email" required>`
        + '<button type="submit"></button><span class="error" role="alert"></span>';
      form.querySelector('label').textContent = this.t.emailLabel;
      const input = form.querySelector('input');
      input.placeholder = this.t.emailPlaceholder;
      form.querySelector('button').textContent = this.t.emailSend;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const email = input.value.trim();
        if (!email || !input.checkValidity()) {
          form.querySelector('.error').textContent = this.t.emailInvalid;
          return;
        }
        if (this.connection.send({ type: 'contact', email })) {
          form.remove();
          this.contactForm = null;
        }
      });
      this.contactForm = form;
      this.append(form);
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

    /** A message of the conversation; {@code live}: it arrived just now (not in a welcome's history). */
    showMessage(message, live = true) {
      if (compareSeq(message.seq, this.state.lastSeq) > 0) {
        this.state.lastSeq = message.seq;
        this.state.save();
      }
      if (message.author.role !== 'customer') this.replied(message.seq);
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
      if (role === 'bot' && (message.citations || []).length && !this.state.answered.includes(message.seq)) {
        element.append(this.feedbackButtons(message.seq));
      }
      if (role === 'bot' && (message.choices || []).length && !this.state.answered.includes(message.seq)
          && !['agent', 'waiting', 'resolved'].includes(this.owner)) {
        element.append(this.choiceButtons(message.seq, message.choices));
      }
      if (message.clientMsgId) this.byClientId.set(message.clientMsgId, element);
      this.bySeq.set(message.seq, element);
      this.append(element);
      if (live && role !== 'customer') this.countUnread();
      if (role === 'agent') {
        this.typingLine.textContent = '';
        this.lastAgentSeq = message.seq;
        this.markRead();
      }
    }

    /**
     * A piece of the answer the model is writing, unchecked: shown as it grows in a bubble of its own, hidden from
     * screen readers (they hear the message that replaces it). A piece that does not fit where the text ends (one
     * lost, or the answer begun before this page connected) is left out: the message brings the whole answer.
     */
    showDraft(frame) {
      if (typeof frame.replyTo !== 'string' || typeof frame.text !== 'string' || !Number.isInteger(frame.offset)) return;
      if (compareSeq(this.repliedSeq, frame.replyTo) > 0) return; // already answered: a late piece
      if (!this.draft || this.draft.replyTo !== frame.replyTo) {
        if (frame.offset !== 0) return;
        this.dropDraft();
        const name = frame.author && frame.author.name ? frame.author.name : '';
        const element = this.bubble('bot draft', name, '');
        element.setAttribute('aria-hidden', 'true');
        this.draft = { replyTo: frame.replyTo, element, text: '' };
        this.append(element);
      }
      if (frame.offset !== this.draft.text.length) return;
      this.draft.text += frame.text;
      this.draft.element.querySelector('.bubble').textContent = this.draft.text;
      this.scrollToEnd();
    }

    /**
     * Something after the customer's message at seq came from the bot, the team or the system: a draft answering
     * up to there is over (replaced by the message that follows, or dropped when the turn ended otherwise).
     */
    replied(seq) {
      if (!seq) return;
      if (compareSeq(seq, this.repliedSeq) > 0) this.repliedSeq = seq;
      if (this.draft && compareSeq(seq, this.draft.replyTo) > 0) this.dropDraft();
    }

    dropDraft() {
      if (this.draft) this.draft.element.remove();
      this.draft = null;
    }

    /** "<name> joined": live at the end, or from a welcome's history in its place among the messages. */
    showAgentJoined(frame, live = true) {
      this.replied(frame.seq);
      if (frame.seq && this.bySeq.has(frame.seq)) return;
      if (live) {
        this.setOwner('agent', frame.agent.name);
        this.withdrawEmail();
        this.countUnread();
      }
      const element = this.bubble('system joined', '', this.t.joined(frame.agent.name));
      if (frame.seq) {
        element.dataset.seq = frame.seq;
        this.bySeq.set(frame.seq, element);
      }
      const avatar = safeHttpUrl(frame.agent.avatarUrl);
      if (avatar) {
        const image = document.createElement('img');
        image.className = 'avatar';
        image.src = avatar;
        image.alt = '';
        element.prepend(image);
      }
      const later = live ? null : [...this.log.children].find((other) => other.dataset.seq
        && compareSeq(other.dataset.seq, frame.seq) > 0);
      if (later) later.before(element); else this.append(element);
    }

    addSystemNote(text) {
      const element = this.bubble('system', '', text);
      this.append(element);
      return element;
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
      if (this.emailAfterNote && element.classList.contains('system')) {
        this.emailAfterNote = false;
        this.offerEmail();
      }
      this.scrollToEnd();
    }

    /** A person has the conversation: asking for an email to be answered at later no longer makes sense. */
    withdrawEmail() {
      this.emailAfterNote = false;
      if (this.contactForm) this.contactForm.remove();
      this.contactForm = null;
    }

    scrollToEnd() {
      this.log.scrollTop = this.log.scrollHeight;
    }
  }

  customElements.define(TAG, BatonMessenger);

  /** The host page's handle on the messenger: window.Baton. */
  const listeners = { unread: new Set(), open: new Set(), close: new Set(), identityRefused: new Set() };

  function messenger() {
    return document.querySelector(TAG);
  }

  function mount(settings) {
    const existing = messenger();
    if (existing) existing.remove();
    const element = document.createElement(TAG);
    element.settings = settings;
    element.addEventListener('baton:unread', (event) => listeners.unread.forEach((fn) => fn(event.detail.count)));
    element.addEventListener('baton:open', () => listeners.open.forEach((fn) => fn()));
    element.addEventListener('baton:close', () => listeners.close.forEach((fn) => fn()));
    element.addEventListener('baton:identity-refused',
      (event) => listeners.identityRefused.forEach((fn) => fn(event.detail)));
    document.body.append(element);
    return element;
  }

  function whenReady(fn) {
    if (document.body) fn(); else document.addEventListener('DOMContentLoaded', fn, { once: true });
  }

  window.Baton = {
    /** Starts (or restarts, e.g. after sign-in) the messenger with {appId?, locale?, server?, user?: {token}}. */
    boot(settings) {
      const chosen = settings && typeof settings === 'object' ? settings : {};
      whenReady(() => mount(chosen));
    },
    open() {
      const element = messenger();
      if (element && element.panel) element.setOpen(true, true);
    },
    close() {
      const element = messenger();
      if (element && element.panel) element.setOpen(false, true);
    },
    /** Sign-out: closes the connection, forgets this device's copy of the conversation, removes the messenger. */
    shutdown() {
      const element = messenger();
      if (element) {
        if (element.state) element.state.erase();
        element.remove();
      }
    },
    /**
     * Calls fn(count) whenever the number of unread messages changes; also 'open', 'close', and
     * 'identityRefused' (fn({code, message}): the token was refused; boot again with a fresh one).
     */
    on(name, fn) {
      if (!listeners[name] || typeof fn !== 'function') throw new Error(`Baton.on: unknown event "${name}"`);
      listeners[name].add(fn);
      if (name === 'unread' && messenger() && messenger().state) fn(messenger().state.unread);
    },
    off(name, fn) {
      if (listeners[name]) listeners[name].delete(fn);
    },
  };

  // Without BatonSettings.autoBoot === false, the messenger starts at once with window.BatonSettings.
  const initial = window.BatonSettings;
  if (!(initial && initial.autoBoot === false)) window.Baton.boot(initial || {});
})();
