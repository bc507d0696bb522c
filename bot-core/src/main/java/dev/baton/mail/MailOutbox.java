package dev.baton.mail;

import java.time.Duration;
import java.util.List;

/**
 * Where emails wait until they are due, shared by every node: {@link #takeDue} hands each to one node at a time.
 * Also keeps the mail secret.
 */
public interface MailOutbox {

    /** Adds the mail, due at {@code dueAt} (epoch ms), unless one of its id is pending already; true if added. */
    boolean schedule(PendingMail mail, long dueAt);

    /** Up to {@code limit} mails due at {@code now}, each leased to the caller for {@code lease}. */
    List<PendingMail> takeDue(long now, Duration lease, int limit);

    /** Keeps the mail (with its new attempt count) for another try at {@code dueAt}. */
    void retry(PendingMail mail, long dueAt);

    /** The mail is over: sent, bounced, given up on, or no longer needed. */
    void finish(String mailId);

    /** The secret reply-to addresses and rating links are signed with: made by the first node that asks, kept. */
    String sharedSecret();
}
