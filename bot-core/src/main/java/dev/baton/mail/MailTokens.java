package dev.baton.mail;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.access.Hmac;
import dev.baton.conversation.Seq;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed tokens in Baton's emails. A reply-to address carries its conversation: {@code support+<token>@domain},
 * the token being the conversation id (a UUID, in 32 hex digits) and 16 hex digits of its HMAC-SHA256 under the
 * server's mail secret, 48 characters in all, lowercase (mail servers may change the case of a local part). A rating
 * link carries the conversation, the rating, the resolve and their HMAC. Nobody without the secret can make either, so an email
 * to an address with a made-up or altered token is refused. A rating link carries the resolve it asks about too (its
 * seq), so it counts only until the conversation is resolved again. Thread-safe.
 */
public final class MailTokens {
    private static final int ID_HEX = 32;
    private static final int SIGNATURE_HEX = 16;
    /** A reply token anywhere in an address, after the plus of the local part. RE2/J: it reads what senders wrote. */
    private static final Pattern IN_ADDRESS = Pattern.compile("\\+([0-9A-Za-z]{" + (ID_HEX + SIGNATURE_HEX) + "})@");
    private static final Pattern RATING = Pattern.compile("([0-9a-f]{" + ID_HEX + "})([1-5])\\.(\\d{1,18}-\\d{1,18})"
            + "\\.([0-9a-f]{64})");

    private final String secret;

    public MailTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the mail secret needs 32 characters at least");
        }
        this.secret = secret;
    }

    /** What the recipients of an incoming email say about its conversation. */
    public record Route(Status status, String conversationId) {
        public enum Status { ROUTED, FORGED, MISSING }
    }

    /** {@code mailbox} ({@code support@example.com}) with the conversation's token after a plus. */
    public String replyAddress(String mailbox, String conversationId) {
        int at = mailbox.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not an email address: " + mailbox);
        }
        return mailbox.substring(0, at) + "+" + replyToken(conversationId) + mailbox.substring(at);
    }

    String replyToken(String conversationId) {
        String hex = hexOf(conversationId);
        return hex + sign("reply:" + hex).substring(0, SIGNATURE_HEX);
    }

    /**
     * The conversation the first recipient with a reply token is for: {@code ROUTED} when its signature holds,
     * {@code FORGED} when it does not, {@code MISSING} when no recipient has one.
     */
    public Route route(Collection<String> recipients) {
        for (String recipient : recipients) {
            Matcher matcher = IN_ADDRESS.matcher(recipient == null ? "" : recipient);
            if (matcher.find()) {
                String token = matcher.group(1).toLowerCase(Locale.ROOT);
                String hex = token.substring(0, ID_HEX);
                boolean genuine = Hmac.matches(sign("reply:" + hex).substring(0, SIGNATURE_HEX),
                        token.substring(ID_HEX));
                return genuine ? new Route(Route.Status.ROUTED, idOf(hex)) : new Route(Route.Status.FORGED, null);
            }
        }
        return new Route(Route.Status.MISSING, null);
    }

    /**
     * The token of a one-click link that rates the conversation {@code rating} (1 to 5) after the resolve at
     * {@code resolvedSeq}, and does nothing else.
     */
    public String ratingToken(String conversationId, int rating, String resolvedSeq) {
        if (!Seq.isValid(resolvedSeq)) {
            throw new IllegalArgumentException("not a seq: " + resolvedSeq);
        }
        String hex = hexOf(conversationId);
        return hex + rating + "." + resolvedSeq + "." + sign("rate:" + hex + ":" + rating + ":" + resolvedSeq);
    }

    /** A rating link's conversation, rating and the resolve it asks about, when the token is one Baton made. */
    public record Rating(String conversationId, int rating, String resolvedSeq) {}

    public Optional<Rating> rating(String token) {
        Matcher matcher = RATING.matcher(token == null ? "" : token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        int rating = Integer.parseInt(matcher.group(2));
        String resolvedSeq = matcher.group(3);
        return Hmac.matches(sign("rate:" + hex + ":" + rating + ":" + resolvedSeq), matcher.group(4))
                ? Optional.of(new Rating(idOf(hex), rating, resolvedSeq)) : Optional.empty();
    }

    private String sign(String text) {
        return Hmac.sha256Hex(secret, text);
    }

    /** Conversation ids are UUIDs; in a token they lose their dashes to keep the address short. */
    private static String hexOf(String conversationId) {
        return UUID.fromString(conversationId).toString().replace("-", "");
    }

    private static String idOf(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
