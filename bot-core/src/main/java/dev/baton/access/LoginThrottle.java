package dev.baton.access;

import java.time.Duration;
import java.util.Optional;

/** Slows down password guessing: failed logins counted per email and per address, for a while. */
public interface LoginThrottle {
    Duration WINDOW = Duration.ofMinutes(15);
    int PER_EMAIL = 5;
    int PER_ADDRESS = 30;

    /** How long until another attempt is allowed; empty when one is allowed now. */
    Optional<Duration> blocked(String email, String address);

    void failed(String email, String address);

    /** A successful login forgets the email's failures. */
    void succeeded(String email);
}
