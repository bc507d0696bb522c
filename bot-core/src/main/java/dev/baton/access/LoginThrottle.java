package dev.baton.access;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing. Every attempt is counted before its password is checked, atomically, so guesses sent
 * in parallel get no more tries than guesses sent one by one: {@link #PER_EMAIL_AND_ADDRESS} for one email from one
 * address (so guessing someone's password from one place locks only that place out, never the person themselves)
 * and {@link #PER_ADDRESS} for one address whatever the email, within {@link #WINDOW}. A right password takes its
 * attempt back.
 */
public interface LoginThrottle {
    Duration WINDOW = Duration.ofMinutes(15);
    int PER_EMAIL_AND_ADDRESS = 5;
    int PER_ADDRESS = 30;

    /**
     * Counts an attempt to log in as {@code email} from {@code address} (the client's, see {@link TrustedProxies}).
     *
     * @return how long until another attempt is allowed when this one is over a limit (and not counted); empty when
     *     it was counted and its password may be checked
     */
    Optional<Duration> attempt(String email, String address);

    /** The attempt had the right password: it no longer counts, and the email's failures from there are forgotten. */
    void succeeded(String email, String address);
}
