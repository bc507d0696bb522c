package dev.baton.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Identity tokens as a host product signs them (HS256), for tests. */
final class TestTokens {
    static final String SECRET = "the-test-identity-secret-of-32-bytes-or-more";

    private TestTokens() {}

    /** A token for {@code userId} valid for ten minutes, signed with {@code secret}. */
    static String token(String secret, String userId, String name, String email) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).claim("name", name).claim("email", email)
                .claim("plan", "Growth").claim("company", "Acme Outdoor")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String maria() {
        return token(SECRET, "user-4821", "Maria Lopez", "maria@example.com");
    }
}
