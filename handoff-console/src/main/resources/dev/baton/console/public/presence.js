/*
 * The presence toggle on the console's bar (every console page has it): online or away, as the agent chooses.
 */
import { api } from './api.js';
import { byId } from './dom.js';

/**
 * The presence toggle (#presence): online ⇄ away through PUT /api/me/status.
 * @param {any} me the signed-in agent
 * @param {(text: string) => void} notify shows a short-lived message on the page's bar
 * @returns {{paint: (presence: string) => void}}
 */
export function setUpPresence(me, notify) {
  const button = /** @type {HTMLButtonElement} */ (byId('presence'));
  const label = byId('presence-label');
  const words = { online: 'Online', away: 'Away', offline: 'Offline' };
  /** @param {string} value */
  const paint = (value) => {
    const presence = value in words ? value : 'offline';
    button.dataset.presence = presence;
    label.textContent = words[/** @type {'online'|'away'|'offline'} */ (presence)];
    button.setAttribute('aria-pressed', String(presence === 'online'));
    button.title = presence === 'online' ? 'Online: click to go away' : 'Click to go online';
  };
  paint(me.presence || 'online');
  button.addEventListener('click', async () => {
    const next = button.dataset.presence === 'online' ? 'away' : 'online';
    button.disabled = true;
    try {
      const agent = await api.put('/api/me/status', { status: next });
      paint((agent && agent.presence) || next);
    } catch (e) {
      if (e.status !== 401) notify(`Could not change your status: ${e.message}`);
    } finally {
      button.disabled = false;
    }
  });
  return { paint };
}
