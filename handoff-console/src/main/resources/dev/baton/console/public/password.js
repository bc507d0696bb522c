/*
 * "Change your password" (#password-open, #password): PUT /api/me/password with the current password. The other
 * sessions of the agent end; this one goes on.
 */
import { api } from './api.js';
import { byId } from './dom.js';

/** The dialog, added to the page once: every console page's bar has the Password button. */
const DIALOG = `
  <dialog id="password" class="webhooks" aria-labelledby="password-title">
    <h2 id="password-title">Change your password</h2>
    <p class="hint">Your other sessions end: consoles open elsewhere ask to log in again.</p>
    <form id="password-form" class="webhooks-form">
      <label for="password-current">Current password</label>
      <input id="password-current" type="password" autocomplete="current-password" required>
      <label for="password-new">New password (10 to 72 characters)</label>
      <input id="password-new" type="password" autocomplete="new-password" minlength="10" maxlength="72" required>
      <p id="password-error" class="error" role="alert"></p>
      <p id="password-result" role="status"></p>
      <div class="form-buttons">
        <button id="password-submit" type="submit" class="primary">Change password</button>
        <button id="password-close" type="button">Close</button>
      </div>
    </form>
  </dialog>`;

/** Wires the dialog; every agent has it. */
export function setUpPassword() {
  if (!document.getElementById('password')) document.body.insertAdjacentHTML('beforeend', DIALOG);
  const dialog = /** @type {HTMLDialogElement} */ (byId('password'));
  const form = /** @type {HTMLFormElement} */ (byId('password-form'));
  const current = /** @type {HTMLInputElement} */ (byId('password-current'));
  const next = /** @type {HTMLInputElement} */ (byId('password-new'));
  const error = byId('password-error');
  const result = byId('password-result');

  byId('password-open').addEventListener('click', () => {
    form.reset();
    error.textContent = '';
    result.textContent = '';
    dialog.showModal();
    current.focus();
  });
  byId('password-close').addEventListener('click', () => dialog.close());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    result.textContent = '';
    try {
      await api.put('/api/me/password', { currentPassword: current.value, newPassword: next.value });
      form.reset();
      result.textContent = 'Password changed. Your other sessions have ended.';
    } catch (e) {
      error.textContent = e.error === 'wrong_password' ? 'That is not your current password.' : e.message;
    }
  });
}
