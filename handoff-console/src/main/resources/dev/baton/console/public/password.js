/*
 * "Change your password" (#password-open, #password): PUT /api/me/password with the current password. The other
 * sessions of the agent end; this one goes on.
 */
import { api } from './api.js';
import { byId } from './dom.js';

/** Wires the dialog; every agent has it. */
export function setUpPassword() {
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
