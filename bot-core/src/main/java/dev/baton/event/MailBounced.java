package dev.baton.event;

import java.util.Objects;

/**
 * An email to the customer did not arrive: the receiving server refused it when it was sent, or a bounce (a delivery
 * status notification) came back for it. {@code mailId} is the email's, when known.
 */
public record MailBounced(String conversationId, String mailId, String to, String reason)
        implements ConversationEvent {
    public static final String TYPE = "mail.bounced";

    public MailBounced {
        Objects.requireNonNull(reason, "reason");
    }
}
