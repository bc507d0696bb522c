/*
 * The note above the composer when Baton sends no email (GET /api/mail): a reply to a customer who closed the
 * messenger then waits until they come back (docs/email.md).
 */
import { api } from './api.js';
import { byId } from './dom.js';

/** Shows or hides #mail-notice as the server's mail settings say. */
export async function showMailNotice() {
  const notice = byId('mail-notice');
  const mail = await api.get('/api/mail');
  if (!mail || mail.enabled) {
    notice.hidden = true;
    return;
  }
  notice.textContent = 'Email is off (BATON_SMTP_URL is not set): a customer who closed the messenger sees your reply only when they come back.';
  notice.hidden = false;
}
