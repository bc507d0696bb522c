package dev.baton.access;

import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Agents' passwords: bcrypt (Spring Security's), the rule a new password must meet, and generated ones. */
public final class Passwords {
    public static final int MIN_LENGTH = 10;
    /** Letters and digits nobody misreads (no 0/o, 1/l/i): 31 of them, almost 5 random bits each. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);

    public String hash(String password) {
        requireAcceptable(password);
        return bcrypt.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && bcrypt.matches(password, hash);
    }

    /** A new random password of 20 characters in groups of five ({@code k7mqa-9xvtp-p3hrw-2zekn}): 99 random bits. */
    public static String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
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
