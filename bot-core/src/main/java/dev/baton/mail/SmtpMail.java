package dev.baton.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Sends emails through one SMTP server with Simple Java Mail, and says how it went: sent, refused for good by the
 * server (a 5xx answer to the sender, a recipient or the message: it bounced), or failed for now (no connection, a
 * 4xx, a timeout: try again later). Thread-safe.
 */
final class SmtpMail implements AutoCloseable {
    /** An attempt that takes longer is abandoned (and tried again): well inside the minute a mail is leased for. */
    static final int TIMEOUT_MILLIS = 20_000;

    /** Where and how to connect, from an {@code smtp://} or {@code smtps://} URL. */
    record Server(TransportStrategy transport, String host, int port, String user, String password) {
        static Server parse(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("BATON_SMTP_URL is not a URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            TransportStrategy transport = switch (scheme) {
                case "smtp" -> TransportStrategy.SMTP; // STARTTLS when the server offers it
                case "smtps" -> TransportStrategy.SMTPS;
                default -> throw new IllegalArgumentException("BATON_SMTP_URL starts with smtp:// or smtps://");
            };
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("BATON_SMTP_URL needs a host: smtp://user:password@host:port");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : transport == TransportStrategy.SMTPS ? 465 : 25;
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            return new Server(transport, uri.getHost(), port, user, password);
        }
    }

    /** How one email went. */
    record Outcome(Kind kind, String detail) {
        enum Kind { SENT, REFUSED, FAILED }
    }

    private final Mailer mailer;

    SmtpMail(String url) {
        Server server = Server.parse(url);
        this.mailer = MailerBuilder.withSMTPServer(server.host(), server.port(), server.user(), server.password())
                .withTransportStrategy(server.transport())
                .withSessionTimeout(TIMEOUT_MILLIS)
                .buildMailer();
    }

    Outcome send(Email email) {
        try {
            mailer.sendMail(email, false).join();
            return new Outcome(Outcome.Kind.SENT, null);
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /** Refused for good only when the server answered 5xx about this message; anything else may pass later. */
    static Outcome classify(Throwable error) {
        String detail = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SendFailedException refused && startsWith5xx(refused.getMessage())) {
                return new Outcome(Outcome.Kind.REFUSED, refused.getMessage().strip());
            }
            if (cause instanceof MessagingException && cause.getMessage() != null) {
                detail = cause.getMessage().strip();
            }
            if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                    && messaging.getNextException() != cause.getCause()) {
                Outcome nested = classify(messaging.getNextException());
                if (nested.kind() == Outcome.Kind.REFUSED) {
                    return nested;
                }
            }
        }
        return new Outcome(Outcome.Kind.FAILED, detail != null ? detail : String.valueOf(error.getMessage()));
    }

    private static boolean startsWith5xx(String message) {
        return message != null && message.strip().matches("(?s)5\\d\\d[ -].*");
    }

    @Override
    public void close() {
        mailer.shutdownConnectionPool();
    }
}
