package dev.baton.widget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.access.Hmac;
import dev.baton.event.MailReceived;
import dev.baton.mail.InboundMail;
import dev.baton.mail.InboundMailService;
import dev.baton.mail.SignatureTokens;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /mail/inbound}: the customer's email replies, as mail providers' inbound webhooks post them. Takes a
 * generic JSON body ({@code {from, to, cc?, subject, text, messageId?, headers?, attachments?}}) or a form (Mailgun's
 * routes: {@code sender}, {@code recipient}, {@code body-plain}, {@code Message-Id}, files; SendGrid's Inbound Parse:
 * {@code from}, {@code to}, {@code text}, {@code headers}, {@code envelope}, files), multipart or URL-encoded.
 *
 * <p>Every request must prove it comes from the provider, with the inbound secret, in one of three ways: an {@code
 * X-Baton-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} header (not for multipart bodies),
 * Mailgun's {@code timestamp}, {@code token} and {@code signature} fields (HMAC of timestamp and token), or HTTP
 * Basic authentication with the secret as the password (SendGrid, which does not sign). Signed times more than five
 * minutes off are refused, and so is a Mailgun token seen before (a replay: Mailgun's signature covers the time and
 * the token, not the body). Attachments are listed by name, type and size; their content is never read.
 */
public final class InboundMailEndpoint {
    public static final String PATH = "/mail/inbound";
    static final long MAX_AGE_SECONDS = 300;
    /** A token is remembered as long as a time of its signature can be fresh: up to five minutes either side. */
    private static final Duration TOKENS_REMEMBERED = Duration.ofSeconds(2 * MAX_AGE_SECONDS);
    private static final Pattern HEADER_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)\\s*$");
    private static final Pattern HEADER_CONTENT_TYPE = Pattern.compile("(?im)^Content-Type:\\s*([^\\r\\n]+)$");
    private static final Pattern DAEMON = Pattern.compile("(?i)(mailer-daemon|postmaster)@");

    private final InboundMailService mail;
    private final String secret;
    private final SignatureTokens usedTokens;
    private final ObjectMapper json;
    private final Clock clock;

    /** What {@code POST /mail/inbound} answers with email off: every request is refused. */
    public static void off(Context ctx) {
        refuse(ctx, 503, "inbound_mail_off", "Email is off: set BATON_SMTP_URL and BATON_MAIL_INBOUND_SECRET.");
    }

    /**
     * @param secret the inbound secret; null: every request is refused, inbound mail is off
     * @param usedTokens the Mailgun tokens seen, shared by every node
     */
    public InboundMailEndpoint(InboundMailService mail, String secret, SignatureTokens usedTokens, ObjectMapper json,
            Clock clock) {
        this.mail = mail;
        this.secret = secret;
        this.usedTokens = usedTokens;
        this.json = json;
        this.clock = clock;
    }

    public void receive(Context ctx) {
        if (secret == null) {
            refuse(ctx, 503, "inbound_mail_off", "Inbound mail is off: set BATON_MAIL_INBOUND_SECRET.");
            return;
        }
        boolean multipart = ctx.isMultipartFormData();
        boolean form = multipart || String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded");
        if (!authentic(ctx, multipart)) {
            refuse(ctx, 401, "bad_signature", "The request is not signed with the inbound secret (X-Baton-Signature, "
                    + "Mailgun's signature fields or Basic authentication), the signature is more than "
                    + MAX_AGE_SECONDS / 60 + " minutes old, or its Mailgun token was used before (a replay).");
            return;
        }
        InboundMail inbound;
        try {
            inbound = form ? fromForm(ctx, multipart) : fromJson(ctx.body());
        } catch (IllegalArgumentException e) {
            refuse(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        var outcome = mail.receive(inbound);
        switch (outcome.kind()) {
            case STORED, DUPLICATE -> ctx.json(Map.of("conversationId", outcome.conversationId(), "seq",
                    outcome.seq() == null ? "" : outcome.seq(), "stored", outcome.kind().name().toLowerCase()));
            case NO_TOKEN -> refuse(ctx, 422, "no_reply_token", "None of the recipients is a Baton reply-to "
                    + "address (support+<token>@…): this email answers no conversation.");
            case FORGED -> refuse(ctx, 403, "forged_token", "The reply-to token is not one Baton made: refused.");
            case GONE -> refuse(ctx, 404, "conversation_not_found", "The reply-to token's conversation is gone.");
            case EMPTY -> refuse(ctx, 422, "empty_reply", "The email has nothing above the quoted history and no "
                    + "attachment: nothing to add to the conversation.");
            case RATE_LIMITED -> refuse(ctx, 429, "rate_limited", "The conversation takes no more customer "
                    + "messages this minute; send it again later.");
        }
    }

    private boolean authentic(Context ctx, boolean multipart) {
        var basic = ctx.basicAuthCredentials();
        if (basic != null) {
            // Digests of equal length, compared in constant time: the password's length is not told either.
            return Hmac.matches(Hmac.sha256Hex(secret, secret), Hmac.sha256Hex(secret,
                    basic.getPassword() == null ? "" : basic.getPassword()));
        }
        String header = ctx.header("X-Baton-Signature");
        if (header != null && !multipart) {
            String t = null;
            String v1 = null;
            for (String part : header.split(",")) {
                String item = part.strip();
                if (item.startsWith("t=")) {
                    t = item.substring(2);
                } else if (item.startsWith("v1=")) {
                    v1 = item.substring(3);
                }
            }
            return t != null && fresh(t) && Hmac.matches(Hmac.sha256Hex(secret, t + "." + ctx.body()), v1);
        }
        String timestamp = ctx.formParam("timestamp");
        String token = ctx.formParam("token");
        // The token last: only a genuine, fresh signature's token is remembered.
        return timestamp != null && token != null && fresh(timestamp)
                && Hmac.matches(Hmac.sha256Hex(secret, timestamp + token), ctx.formParam("signature"))
                && usedTokens.firstUse(token, TOKENS_REMEMBERED);
    }

    private boolean fresh(String unixSeconds) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(unixSeconds.strip())) <= MAX_AGE_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private InboundMail fromJson(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The body is a JSON object: {from, to, subject, text}.");
        }
        String from = text(node, "from");
        List<String> recipients = new ArrayList<>();
        for (String field : List.of("to", "cc", "recipient")) {
            JsonNode value = node.path(field);
            if (value.isArray()) {
                value.forEach(item -> recipients.add(item.asText()));
            } else if (value.isTextual()) {
                recipients.add(value.asText());
            }
        }
        if (from == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("An email needs \"from\" and \"to\".");
        }
        String headers = node.path("headers").isObject() ? headerLines(node.path("headers")) : text(node, "headers");
        String messageId = first(text(node, "messageId"), text(node, "message_id"), header(HEADER_MESSAGE_ID, headers));
        List<MailReceived.Attachment> attachments = new ArrayList<>();
        node.path("attachments").forEach(item -> attachments.add(new MailReceived.Attachment(
                first(text(item, "filename"), text(item, "name"), "attachment"),
                first(text(item, "contentType"), text(item, "content_type"), text(item, "type"),
                        "application/octet-stream"),
                item.path("size").canConvertToLong() ? item.path("size").asLong() : -1)));
        String contentType = first(text(node, "contentType"), header(HEADER_CONTENT_TYPE, headers), "");
        return new InboundMail(from, recipients, text(node, "subject"), first(text(node, "text"), ""), messageId,
                attachments, report(from, contentType));
    }

    private InboundMail fromForm(Context ctx, boolean multipart) {
        Map<String, List<String>> fields = ctx.formParamMap();
        String from = first(field(fields, "from"), field(fields, "sender"), field(fields, "From"));
        List<String> recipients = new ArrayList<>();
        for (String name : List.of("recipient", "to", "To", "cc", "Cc", "envelope")) {
            fields.getOrDefault(name, List.of()).forEach(recipients::add);
        }
        if (from == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("An email needs a sender (from or sender) and a recipient (to or "
                    + "recipient).");
        }
        String headers = field(fields, "headers");
        String messageId = first(field(fields, "Message-Id"), field(fields, "message-id"),
                header(HEADER_MESSAGE_ID, headers));
        String contentType = first(field(fields, "Content-Type"), header(HEADER_CONTENT_TYPE, headers), "");
        List<MailReceived.Attachment> attachments = new ArrayList<>();
        if (multipart) {
            for (UploadedFile file : ctx.uploadedFiles()) {
                attachments.add(new MailReceived.Attachment(file.filename(), file.contentType(), file.size()));
            }
        }
        String text = first(field(fields, "body-plain"), field(fields, "text"), "");
        return new InboundMail(from, recipients, first(field(fields, "subject"), field(fields, "Subject"), ""), text,
                messageId, attachments, report(from, contentType));
    }

    /** A bounce: from a mailer daemon, or a delivery status report. */
    private static boolean report(String from, String contentType) {
        return DAEMON.matcher(from).find() || contentType.toLowerCase(Locale.ROOT).contains("report-type=delivery-status")
                || contentType.toLowerCase(Locale.ROOT).startsWith("multipart/report");
    }

    private static String headerLines(JsonNode headers) {
        StringBuilder lines = new StringBuilder();
        headers.properties().forEach(entry -> lines.append(entry.getKey()).append(": ")
                .append(entry.getValue().asText()).append("\n"));
        return lines.toString();
    }

    private static String header(Pattern pattern, String headers) {
        if (headers == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(headers);
        return matcher.find() ? matcher.group(1).strip() : null;
    }

    private static String field(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static void refuse(Context ctx, int status, String error, String message) {
        ctx.status(status).json(Map.of("error", error, "message", message));
    }
}
