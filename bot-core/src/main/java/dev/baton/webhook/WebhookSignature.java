package dev.baton.webhook;

import dev.baton.access.Hmac;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a receiver knows a delivery came from Baton, Stripe-style: {@code X-Baton-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>" keyed with the webhook's secret>}. The time in the signed text lets a receiver refuse
 * old deliveries replayed later.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Baton-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + Hmac.sha256Hex(secret, unixSeconds + "." + body);
    }

    /** A new secret: {@code whsec_} and 32 random bytes in hex. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
