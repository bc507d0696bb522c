package dev.baton.mail;

import dev.baton.event.MailReceived;
import java.util.List;

/**
 * An email that reached Baton's inbound address, as an inbound-mail webhook or the mailbox gave it.
 *
 * @param recipients every address it was sent to (To, Cc and the envelope's), where the reply token is looked for
 * @param text the plain-text body, quoted history and signature included
 * @param messageId its Message-ID header, when known: a retried delivery of the same email is stored once
 * @param deliveryReport whether it is a bounce (a delivery status notification) rather than a person's reply
 */
public record InboundMail(String from, List<String> recipients, String subject, String text, String messageId,
        List<MailReceived.Attachment> attachments, boolean deliveryReport) {

    public InboundMail {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        from = from == null ? "" : from.strip();
        subject = subject == null ? "" : subject.strip();
        text = text == null ? "" : text;
    }
}
