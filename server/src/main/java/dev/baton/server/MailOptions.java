package dev.baton.server;

import dev.baton.mail.MailSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The command line's say on email to customers who left (docs/email.md); without an SMTP URL email is off. */
final class MailOptions {

    @Option(names = "--smtp-url", defaultValue = "${env:BATON_SMTP_URL}", paramLabel = "URL",
            description = "Send email through this server: smtp:// or smtps://user:password@host:port "
                    + "(env BATON_SMTP_URL, better than the flag, which others on the machine can see; default: "
                    + "email is off).")
    String smtpUrl;

    @Option(names = "--mail-from", defaultValue = "${env:BATON_MAIL_FROM}", paramLabel = "ADDRESS",
            description = "The address customers get email from, e.g. \"Perkful Support <support@perkful.example>\" "
                    + "(env BATON_MAIL_FROM).")
    String from;

    @Option(names = "--mail-reply-to", defaultValue = "${env:BATON_MAIL_REPLY_TO}", paramLabel = "ADDRESS",
            description = "The mailbox customers' replies go to, with each conversation's token after a plus "
                    + "(env BATON_MAIL_REPLY_TO; default: the from address).")
    String replyTo;

    @Option(names = "--mail-offline-seconds", defaultValue = "${env:BATON_MAIL_OFFLINE_SECONDS:-120}",
            description = "Email an agent's reply when the customer has had no messenger open for this long "
                    + "(env BATON_MAIL_OFFLINE_SECONDS; default 120).")
    long offlineSeconds;

    @Option(names = "--mail-batch-seconds", defaultValue = "${env:BATON_MAIL_BATCH_SECONDS:-30}",
            description = "Wait this long after an agent's reply, so replies in a row go as one email "
                    + "(env BATON_MAIL_BATCH_SECONDS; default 30).")
    long batchSeconds;

    @Option(names = "--mail-link-url", defaultValue = "${env:BATON_MAIL_LINK_URL}", paramLabel = "URL",
            description = "The page with the messenger that emails link back to (env BATON_MAIL_LINK_URL; "
                    + "default: the public URL).")
    String linkUrl;

    /** The settings these options and the secrets of the environment make. */
    MailSettings settings() {
        return new MailSettings(smtpUrl, from, replyTo, Duration.ofSeconds(offlineSeconds),
                Duration.ofSeconds(batchSeconds), System.getenv("BATON_MAIL_SECRET"),
                System.getenv("BATON_MAIL_INBOUND_SECRET"), linkUrl);
    }
}
