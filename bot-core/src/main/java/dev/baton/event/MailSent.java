package dev.baton.event;

import java.util.List;
import java.util.Objects;

/**
 * An email to the customer left Baton: the agent's replies at {@code seqs} (a CSAT request has none), to the address
 * {@code to}. Stored once per {@code mailId}, so every node agrees it was sent once.
 *
 * @param kind {@code replies} or {@code csat}
 */
public record MailSent(String conversationId, String mailId, String kind, String to, List<String> seqs)
        implements ConversationEvent {
    public static final String TYPE = "mail.sent";

    public MailSent {
        Objects.requireNonNull(mailId, "mailId");
        Objects.requireNonNull(to, "to");
        seqs = seqs == null ? List.of() : List.copyOf(seqs);
    }
}
