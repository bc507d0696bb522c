/*
 * The login form (#login), shown when GET /api/me answers 401. Resolves with the session once the agent is in.
 */
import { api, ApiError } from './api.js';
import { byId } from './dom.js';

/**
 * Shows the form until a login succeeds.
 * @returns {Promise<{agent: any, csrfToken: string}>}
 */
export function showLogin() {
  const section = byId('login');
  const form = /** @type {HTMLFormElement} */ (byId('login-form'));
  const email = /** @type {HTMLInputElement} */ (byId('login-email'));
  const password = /** @type {HTMLInputElement} */ (byId('login-password'));
  const submit = /** @type {HTMLButtonElement} */ (byId('login-submit'));
  const error = byId('login-error');
  let countdown = 0;

  section.hidden = false;
  byId('app').hidden = true;
  (email.value ? password : email).focus();

  /** @param {string} text */
  const showError = (text) => { error.textContent = text; };

  /** After a 429: the message counts down and the button stays disabled until the wait is over. */
  const waitOut = (seconds) => {
    clearInterval(countdown);
    let left = Math.max(1, Math.ceil(seconds));
    submit.disabled = true;
    const paint = () => showError(`Too many attempts, try again in ${left} s.`);
    paint();
    countdown = setInterval(() => {
      left -= 1;
      if (left > 0) { paint(); return; }
      clearInterval(countdown);
      submit.disabled = false;
      showError('');
    }, 1000);
  };

  return new Promise((resolve) => {
    form.onsubmit = async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      showError('');
      submit.disabled = true;
      try {
        const session = await api.post('/api/login', { email: email.value.trim(), password: password.value });
        clearInterval(countdown);
        password.value = '';
        form.onsubmit = null;
        section.hidden = true;
        submit.disabled = false;
        resolve(session);
      } catch (e) {
        submit.disabled = false;
        const err = e instanceof ApiError ? e : new ApiError(0, null);
        if (err.status === 429) {
          waitOut(err.retryAfterSeconds ?? 60);
        } else if (err.status === 401) {
          showError('Wrong email or password.');
          password.select();
        } else if (err.status === 400) {
          showError(err.message || 'Enter your email and password.');
        } else {
          showError(err.status ? `Could not sign in: ${err.message}` : 'Baton could not be reached. Try again.');
        }
      }
    };
  });
}
