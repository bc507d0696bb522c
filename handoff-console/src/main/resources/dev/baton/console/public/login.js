/*
 * The login form (#login), shown when GET /api/me answers 401. Resolves with the session once the agent is in.
 * When the previous session was ended (the console's socket said why), the form says so once.
 */
import { api, ApiError } from './api.js';
import { byId } from './dom.js';

const ENDED_KEY = 'baton.console.sessionEnded';

/** What the agent is told about why they have to log in again. */
const ENDED = {
  logged_out: 'You were logged out.',
  session_expired: 'Your session expired. Please log in again.',
  deactivated: 'An admin deactivated your account; you are logged out.',
  password_changed: 'Your password was changed, so you are logged out. Log in with the new one.',
  login_required: 'Your session ended. Please log in again.',
};

/**
 * Remembers, across the reload that drops the old session's page, why it ended.
 * @param {string} reason the socket's close reason
 */
export function rememberSessionEnded(reason) {
  try { sessionStorage.setItem(ENDED_KEY, reason); } catch (e) { /* storage blocked: the form just shows */ }
}

/** @returns {string|null} the message for the last ended session, once */
function takeSessionEnded() {
  try {
    const reason = sessionStorage.getItem(ENDED_KEY);
    sessionStorage.removeItem(ENDED_KEY);
    return reason == null ? null : (ENDED[/** @type {keyof ENDED} */ (reason)] || ENDED.login_required);
  } catch (e) {
    return null;
  }
}

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

  const notice = byId('login-notice');
  const ended = takeSessionEnded();
  notice.textContent = ended || '';
  notice.hidden = !ended;
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
        notice.hidden = true;
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
        } else if (err.status === 403) {
          showError(err.message || 'This account may not sign in.');
        } else if (err.status === 400) {
          showError(err.message || 'Enter your email and password.');
        } else {
          showError(err.status ? `Could not sign in: ${err.message}` : 'Baton could not be reached. Try again.');
        }
      }
    };
  });
}
