package dev.baton.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.widget.OriginPolicy;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * {@code POST /demo/identity}: the demo page's "sign in as a demo customer" switch. A demo store with no identity
 * secret of its own gets one made at each start ({@link #newSecret()}), and this signs an identity token with it for
 * one fictional customer, as a product's server would for its signed-in user: the bot then greets her by name and
 * agents see her verified. Only on demo stores, and only for Baton's own pages and the messenger's allowed origins.
 */
final class DemoCustomer {
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final byte[] secret;
    private final OriginPolicy origins;
    private final Clock clock;

    DemoCustomer(String secret, OriginPolicy origins, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.origins = origins;
        this.clock = clock;
    }

    /** A secret for the demo's identity tokens, new at every start (tokens live an hour; a page asks again). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void sign(Context ctx) {
        if (!origins.allows(ctx.header(Header.ORIGIN), ctx.header(Header.HOST))) {
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "origin_refused",
                    "message", "Only the demo page may sign in its demo customer."));
            return;
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("demo-customer-maria").claim("name", "Maria Lopez")
                .claim("email", "maria@maple-moss.example").claim("plan", "Growth")
                .claim("company", "Maple & Moss Candles")
                .expirationTime(Date.from(clock.instant().plus(LIFETIME))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            ctx.header(Header.CACHE_CONTROL, "no-store").json(Map.of("token", jwt.serialize()));
        } catch (JOSEException e) {
            throw new IllegalStateException("the demo identity secret can't sign HS256", e);
        }
    }
}
