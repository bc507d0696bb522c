package dev.baton.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;

/**
 * How Baton emails customers, from {@code BATON_SMTP_URL} and its neighbours (docs/email.md). Without an SMTP URL
 * email is off: nothing is sent, and inbound mail is refused.
 *
 * @param smtpUrl {@code smtp://} or {@code smtps://[user:password@]host[:port]}; null: email is off
 * @param from the sender, {@code support@example.com} or {@code Example Support <support@example.com>}; its
 *     display name is used when a conversation has no team
 * @param replyMailbox the mailbox replies go to, with each conversation's token after a plus; null: {@code from}'s
 * @param offline how long a customer's messenger must have been closed on every node before replies are emailed
 * @param batch how long Baton waits after an agent's reply for more, so replies in a row go as one email
 * @param secret signs reply-to addresses and rating links; null: one is made once and kept in Redis
 * @param inboundSecret the secret inbound-mail webhooks are signed with; null: inbound mail is refused
 * @param linkUrl the page with the messenger that emails link back to; null: Baton's own public address
 */
public record MailSettings(String smtpUrl, String from, String replyMailbox, Duration offline, Duration batch,
        String secret, String inboundSecret, String linkUrl) {

    public static final Duration DEFAULT_OFFLINE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_BATCH = Duration.ofSeconds(30);
    public static final MailSettings OFF = new MailSettings(null, null, null, DEFAULT_OFFLINE, DEFAULT_BATCH, null,
            null, null);

    public MailSettings {
        smtpUrl = blankToNull(smtpUrl);
        from = blankToNull(from);
        replyMailbox = blankToNull(replyMailbox);
        secret = blankToNull(secret);
        inboundSecret = blankToNull(inboundSecret);
        linkUrl = blankToNull(linkUrl);
        offline = offline == null ? DEFAULT_OFFLINE : offline;
        batch = batch == null ? DEFAULT_BATCH : batch;
        if (offline.isNegative() || batch.isNegative()) {
            throw new IllegalArgumentException("BATON_MAIL_OFFLINE_SECONDS and BATON_MAIL_BATCH_SECONDS can't be "
                    + "negative");
        }
        if (smtpUrl != null) {
            if (from == null) {
                throw new IllegalArgumentException("BATON_MAIL_FROM is needed with BATON_SMTP_URL: the address "
                        + "customers get email from");
            }
            address(from, "BATON_MAIL_FROM");
            if (replyMailbox != null) {
                address(replyMailbox, "BATON_MAIL_REPLY_TO");
            }
            SmtpMail.Server.parse(smtpUrl);
        }
        if (secret != null && secret.length() < 32) {
            throw new IllegalArgumentException("BATON_MAIL_SECRET needs 32 characters at least");
        }
        if (inboundSecret != null && inboundSecret.length() < 16) {
            throw new IllegalArgumentException("BATON_MAIL_INBOUND_SECRET needs 16 characters at least");
        }
    }

    public boolean enabled() {
        return smtpUrl != null;
    }

    /** The sender's address and display name. */
    InternetAddress sender() {
        return address(from, "BATON_MAIL_FROM");
    }

    /** The plain address replies go to before a conversation's token is added. */
    String replyBase() {
        return replyMailbox != null ? address(replyMailbox, "BATON_MAIL_REPLY_TO").getAddress()
                : sender().getAddress();
    }

    private static InternetAddress address(String text, String name) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            if (address.getAddress().indexOf('@') <= 0) {
                throw new AddressException("no domain");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(name + " is not an email address: " + text);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
