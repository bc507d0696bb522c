package dev.baton.webhook;

import dev.baton.event.AgentJoined;
import dev.baton.event.ConversationEvent;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.HandedOff;
import dev.baton.event.MailBounced;
import dev.baton.event.MailSent;
import dev.baton.event.Resolved;
import java.util.List;
import java.util.Optional;

/** The events a webhook may subscribe to, and which conversation events they are. */
public final class WebhookEvents {
    public static final String HANDED_OFF = HandedOff.TYPE;
    public static final String ASSIGNED = AgentJoined.TYPE;
    public static final String RESOLVED = Resolved.TYPE;
    public static final String CSAT = CsatSubmitted.TYPE;
    public static final String MAIL_SENT = MailSent.TYPE;
    public static final String MAIL_BOUNCED = MailBounced.TYPE;
    /** Sent only by the admin's "test" button; nobody subscribes to it. */
    public static final String PING = "ping";

    public static final List<String> NAMES = List.of(HANDED_OFF, ASSIGNED, RESOLVED, CSAT, MAIL_SENT, MAIL_BOUNCED);

    private WebhookEvents() {}

    /** The webhook event a conversation event is, if it is one webhooks hear. */
    public static Optional<String> nameOf(ConversationEvent event) {
        if (event instanceof HandedOff) {
            return Optional.of(HANDED_OFF);
        } else if (event instanceof AgentJoined) {
            return Optional.of(ASSIGNED);
        } else if (event instanceof Resolved) {
            return Optional.of(RESOLVED);
        } else if (event instanceof CsatSubmitted) {
            return Optional.of(CSAT);
        } else if (event instanceof MailSent) {
            return Optional.of(MAIL_SENT);
        } else if (event instanceof MailBounced) {
            return Optional.of(MAIL_BOUNCED);
        }
        return Optional.empty();
    }
}
