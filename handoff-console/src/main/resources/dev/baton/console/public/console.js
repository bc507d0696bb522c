/*
 * The console's entry module: finds the session (GET /api/me) or shows the login form, then wires the inbox,
 * the conversation view, the presence toggle and the /ws/agent socket together. Each part lives in its own
 * module; this one only connects them and owns nothing but the session-wide data (agents, teams, settings).
 */
import { api, onUnauthorized, setCsrfToken } from './api.js';
import { byId } from './dom.js';
import { rememberSessionEnded, showLogin } from './login.js';
import { Inbox } from './inbox.js';
import { ConversationView } from './conversation.js';
import { AgentSocket, forgetLastEventId } from './socket.js';
import { setResponseTarget } from './timers.js';
import { setUpKpis } from './kpis.js';
import { setUpWebhooks } from './webhooks.js';
import { setUpTeam } from './team.js';
import { setUpPassword } from './password.js';
import { setUpPresence } from './presence.js';
import { showMailNotice } from './mail-notice.js';

const BOOT_RETRY_MS = 5000;

async function boot() {
  let session;
  try {
    session = await api.get('/api/me');
  } catch (e) {
    if (e.status !== 401) {
      // Baton is down or restarting: say so and try again.
      showBanner(e.status ? `Baton answered ${e.status}. Retrying…` : 'Baton could not be reached. Retrying…');
      setTimeout(boot, BOOT_RETRY_MS);
      return;
    }
    showBanner(null);
    session = await showLogin();
  }
  showBanner(null);
  setCsrfToken(session.csrfToken); // in memory only: never in localStorage
  startApp(session.agent);
}

/** @param {string|null} text the connection banner's text, or null to hide it */
function showBanner(text) {
  const banner = byId('connection');
  banner.textContent = text || '';
  banner.hidden = !text;
}

/** @param {string} text a short-lived message (an action that failed outside a form) */
function notify(text) {
  const notice = byId('notice');
  notice.textContent = text;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { notice.textContent = ''; }, 6000);
}
/** @type {number} */
notify.timer = 0;

/**
 * Starts the console for a signed-in agent.
 * @param {any} me the Agent
 */
function startApp(me) {
  byId('login').hidden = true;
  byId('app').hidden = false;
  byId('me-name').textContent = me.name || me.email || '';
  byId('kb-link').hidden = me.role !== 'admin';

  // The session ended (expired, or logged out elsewhere): a reload asks /api/me and shows the login form, and
  // the hash keeps the open conversation for after the login.
  let leaving = false;
  onUnauthorized(() => {
    if (leaving) return;
    leaving = true;
    location.reload();
  });

  /** @type {any[]} */
  let agents = [];
  /** @type {any[]} */
  let teams = [];
  const directory = {
    agents: () => agents,
    teams: () => teams,
    reloadAgents: async () => {
      const data = await api.get('/api/agents');
      agents = Array.isArray(data && data.agents) ? data.agents : [];
    },
  };

  const inbox = new Inbox({
    me,
    onCounts: (counts) => {
      const waiting = typeof counts.waiting === 'number' ? counts.waiting : 0;
      document.title = waiting > 0 ? `(${waiting}) Baton console` : 'Baton console';
    },
  });

  let failures = 0;
  const socket = new AgentSocket({
    onState: (state) => {
      if (state === 'online') {
        failures = 0;
        showBanner(null);
      } else if (state === 'offline') {
        failures += 1;
        showBanner('Reconnecting…');
        // The upgrade is refused with 401 when the session is gone, which a WebSocket cannot see: ask REST.
        if (failures % 3 === 0) api.get('/api/me').catch(() => {});
      }
    },
    onFrame: (frame) => onFrame(frame),
    // Logged out elsewhere, expired, deactivated or the password changed: a fresh page shows the login and why.
    onSessionEnded: (reason) => {
      if (leaving) return;
      leaving = true;
      view.stop();
      setCsrfToken(null);
      rememberSessionEnded(reason);
      location.reload();
    },
  });

  const view = new ConversationView({
    me,
    directory,
    sendTyping: (conversationId, typing) => socket.send({ type: 'typing', conversationId, typing }),
    onSummary: (summary) => inbox.applyEvent({ conversationId: summary.id, summary }),
    // A claimed conversation leaves Waiting (and Bot): the list follows it to Mine, where it stays selected.
    onClaimed: () => { if (inbox.view === 'waiting' || inbox.view === 'bot') inbox.setView('mine'); },
  });

  const presence = setUpPresence(me, notify);
  setUpKpis(me);
  setUpWebhooks(me);
  setUpTeam(me);
  setUpPassword();

  /** @param {any} frame a server frame of /ws/agent */
  function onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        if (frame.agent && frame.agent.presence) presence.paint(frame.agent.presence);
        // Without a resume point nothing is replayed: what happened before this socket must be fetched.
        if (!frame.resumed) {
          inbox.load();
          view.refresh();
        }
        break;
      case 'resync':
        loadAll();
        break;
      case 'event':
        inbox.applyEvent(frame);
        if (frame.conversationId && frame.conversationId === view.id) view.refresh();
        break;
      case 'typing':
        view.showTyping(frame);
        break;
      case 'presence': {
        const agent = agents.find((a) => a.id === frame.agentId);
        if (agent) agent.presence = frame.presence;
        if (frame.agentId === me.id) presence.paint(frame.presence);
        break;
      }
      default:
        break; // frame types this version does not know
    }
  }

  /** Settings, teams, agents and canned replies; each may fail alone without stopping the console. */
  async function loadReference() {
    const [settings, teamData, , canned] = await Promise.allSettled([
      api.get('/api/settings'),
      api.get('/api/teams'),
      directory.reloadAgents(),
      api.get('/api/canned'),
      showMailNotice(),
    ]);
    if (settings.status === 'fulfilled' && settings.value) setResponseTarget(settings.value.responseTargetSeconds);
    if (teamData.status === 'fulfilled' && teamData.value) {
      teams = Array.isArray(teamData.value.teams) ? teamData.value.teams : [];
      inbox.setTeams(teams);
    }
    if (canned.status === 'fulfilled' && canned.value) view.composer.setCanned(canned.value.replies || []);
  }

  function loadAll() {
    loadReference();
    inbox.load();
    view.refresh();
  }

  /** #/c/<id> opens a conversation, so a reload or a shared link keeps it. */
  function route() {
    const match = /^#\/c\/(.+)$/.exec(location.hash);
    let id = null;
    if (match) {
      try { id = decodeURIComponent(match[1]); } catch (e) { id = null; }
    }
    if (id) view.open(id); else view.close();
    inbox.setActive(id);
  }

  byId('logout').addEventListener('click', async () => {
    leaving = true;
    view.stop();
    socket.stop();
    try { await api.post('/api/logout'); } catch (e) { /* the session may be gone already */ }
    setCsrfToken(null);
    forgetLastEventId();
    // A fresh page is the surest way to drop everything this agent had in memory.
    history.replaceState(null, '', location.pathname + location.search);
    location.reload();
  });

  window.addEventListener('hashchange', route);
  route();
  loadAll();
  socket.start();
}

boot();
