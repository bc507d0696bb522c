package dev.baton.mail;

import java.time.Duration;

/**
 * The one-time tokens of signed inbound requests (Mailgun's {@code token}), remembered on every node so that a
 * request captured on its way, or logged, can't be sent again with another body while its signature is fresh.
 * Thread-safe.
 */
public interface SignatureTokens {

    /** Remembers the token for {@code remembered}; true the first time, false for a token seen before (a replay). */
    boolean firstUse(String token, Duration remembered);
}
