package dev.baton.access;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Agents' passwords: bcrypt (Spring Security's), and the rule a new password must meet. */
public final class Passwords {
    public static final int MIN_LENGTH = 10;

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);

    public String hash(String password) {
        requireAcceptable(password);
        return bcrypt.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && bcrypt.matches(password, hash);
    }

    public static void requireAcceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 72) {
            throw new IllegalArgumentException("a password has at most 72 characters (bcrypt reads no further)");
        }
    }
}
