package dev.baton.event;

import java.util.List;
import java.util.Objects;

/**
 * The customer's message next to it in the log came by email: from whom, with which subject, and the attachments the
 * email had. Attachments are listed only: Baton keeps and opens none of them.
 */
public record MailReceived(String conversationId, String from, String subject, List<Attachment> attachments)
        implements ConversationEvent {
    public static final String TYPE = "mail.received";

    /** An attachment as the email named it: its file name, declared type and size in bytes (-1 when unknown). */
    public record Attachment(String name, String contentType, long size) {}

    public MailReceived {
        Objects.requireNonNull(from, "from");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
