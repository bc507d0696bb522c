package dev.baton.widget;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.baton.conversation.Customer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who the customer is, from the host product's signed identity token: an HS256 JWT with {@code sub} (the user id),
 * {@code exp}, and optionally {@code name}, {@code email}, {@code plan} and custom attributes, signed with the
 * secret the product shares with Baton. Verified with Nimbus JOSE+JWT; anything else is refused with the reason.
 */
public final class IdentityTokens {
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_ATTRIBUTES = 50;
    private static final int MAX_VALUE_CHARS = 256;
    private static final Set<String> STANDARD_CLAIMS = Set.of("sub", "exp", "iat", "nbf", "iss", "aud", "jti",
            "name", "email", "plan");

    private final MACVerifier verifier;
    private final boolean required;
    private final DefaultJWTClaimsVerifier<?> claims = new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp"));

    /**
     * @param secret the shared secret, or null when this Baton verifies no identities
     * @param required whether every visitor must come with a verified identity
     */
    public IdentityTokens(String secret, boolean required) {
        if (secret == null || secret.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("requiring verified identities needs BATON_IDENTITY_SECRET");
            }
            this.verifier = null;
        } else {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("BATON_IDENTITY_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes for HS256");
            }
            try {
                this.verifier = new MACVerifier(key);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("BATON_IDENTITY_SECRET can't be used for HS256: " + e.getMessage());
            }
        }
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    /** The verified customer the token describes; refused (identity_refused) when it is forged, expired or odd. */
    Customer verify(String token, String visitorId, String locale) {
        if (verifier == null) {
            throw refused("this Baton has no identity secret, so it can't verify identity tokens");
        }
        JWTClaimsSet set;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw refused("identity tokens are signed with HS256");
            }
            if (!jwt.verify(verifier)) {
                throw refused("the identity token's signature does not match");
            }
            set = jwt.getJWTClaimsSet();
            claims.verify(set, null);
        } catch (ParseException e) {
            throw refused("the identity token is not a signed JWT");
        } catch (JOSEException e) {
            throw refused("the identity token can't be verified: " + e.getMessage());
        } catch (BadJWTException e) {
            throw refused("the identity token is not valid: " + e.getMessage());
        }
        String userId = set.getSubject();
        if (userId.length() > 64 || userId.isBlank()) {
            throw refused("the identity token's \"sub\" must be 1 to 64 characters");
        }
        return new Customer(visitorId, true, userId, text(set, "name"), text(set, "email"), text(set, "plan"),
                attributes(set), locale);
    }

    private static String text(JWTClaimsSet set, String claim) {
        Object value = set.getClaim(claim);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String string) || string.length() > MAX_VALUE_CHARS) {
            throw refused("the identity token's \"" + claim + "\" must be text of at most " + MAX_VALUE_CHARS
                    + " characters");
        }
        return string.isBlank() ? null : string.strip();
    }

    /** The product's own claims (company, signup date, ...): text, numbers and true/false only, shown to agents. */
    private static Map<String, Object> attributes(JWTClaimsSet set) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        set.getClaims().forEach((name, value) -> {
            if (STANDARD_CLAIMS.contains(name)) {
                return;
            }
            if (value instanceof String string && string.length() <= MAX_VALUE_CHARS
                    || value instanceof Number || value instanceof Boolean) {
                attributes.put(name, value);
            } else {
                throw refused("the identity token's \"" + name + "\" must be text, a number or true/false");
            }
        });
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw refused("an identity token carries at most " + MAX_ATTRIBUTES + " custom attributes");
        }
        return attributes;
    }

    private static FrameRefused refused(String reason) {
        return new FrameRefused("identity_refused", "Could not verify who you are: " + reason + ".");
    }
}
