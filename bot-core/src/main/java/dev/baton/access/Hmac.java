package dev.baton.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (the JDK's) of a text under a secret, in lowercase hex, and the comparison of a signature someone sent
 * with the expected one in a time that does not depend on where they differ. Webhook signatures, reply-to tokens and
 * rating links are all made here.
 */
public final class Hmac {

    private Hmac() {}

    public static String sha256Hex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code sent} is {@code expected} (hex, any case); false for null. */
    public static boolean matches(String expected, String sent) {
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sent.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
