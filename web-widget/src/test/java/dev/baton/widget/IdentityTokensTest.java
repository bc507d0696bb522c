package dev.baton.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.conversation.Customer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityTokensTest {
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private final IdentityTokens tokens = new IdentityTokens(SECRET, false);

    private static JWTClaimsSet.Builder maria() {
        return new JWTClaimsSet.Builder().subject("user-4821").claim("name", "Maria Lopez")
                .claim("email", "maria@example.com").claim("plan", "Growth")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String signed(JWTClaimsSet claims, String secret, JWSAlgorithm algorithm) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(JWTClaimsSet claims) {
        return signed(claims, SECRET, JWSAlgorithm.HS256);
    }

    private String refusal(String token) {
        FrameRefused refused = assertThrows(FrameRefused.class, () -> tokens.verify(token, "visitor-1", "en"));
        assertEquals("identity_refused", refused.toFrame().code());
        return refused.getMessage();
    }

    @Test
    void a_token_signed_with_the_secret_gives_a_verified_customer_with_the_product_s_attributes() {
        String token = signed(maria().claim("company", "Acme Outdoor").claim("seats", 12).claim("trial", false)
                .issueTime(new Date()).build());

        Customer customer = tokens.verify(token, "visitor-1", "en-US");

        assertEquals(new Customer("visitor-1", true, "user-4821", "Maria Lopez", "maria@example.com", "Growth",
                Map.of("company", "Acme Outdoor", "seats", 12L, "trial", false), "en-US"), customer);
        assertEquals("Maria", customer.firstName());
    }

    @Test
    void a_forged_token_is_refused() {
        String forged = signed(maria().build(), "another-secret-that-is-also-32-bytes-long", JWSAlgorithm.HS256);

        assertTrue(refusal(forged).contains("signature does not match"), refusal(forged));
    }

    @Test
    void a_token_whose_claims_were_changed_after_signing_is_refused() {
        String[] parts = signed(maria().build()).split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                maria().subject("user-1").build().toString().getBytes(StandardCharsets.UTF_8));

        assertTrue(refusal(parts[0] + "." + otherClaims + "." + parts[2]).contains("signature does not match"));
    }

    @Test
    void an_expired_token_or_one_without_expiry_or_subject_is_refused() {
        String expired = signed(maria().expirationTime(Date.from(Instant.now().minusSeconds(3600))).build());
        String forever = signed(new JWTClaimsSet.Builder().subject("user-4821").build());
        String nobody = signed(new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());

        assertTrue(refusal(expired).contains("xpired"), refusal(expired));
        assertTrue(refusal(forever).contains("exp"), refusal(forever));
        assertTrue(refusal(nobody).contains("sub"), refusal(nobody));
    }

    @Test
    void only_hs256_is_accepted_and_an_unsigned_token_never() {
        String hs512 = signed(maria().build(), SECRET + SECRET, JWSAlgorithm.HS512);
        String unsigned = new PlainJWT(new PlainHeader(), maria().build()).serialize();

        assertTrue(refusal(hs512).contains("HS256"), refusal(hs512));
        assertTrue(refusal(unsigned).contains("not a signed JWT"), refusal(unsigned));
        assertTrue(refusal("not.a.token").contains("not a signed JWT"));
    }

    @Test
    void claims_of_the_wrong_shape_are_refused_with_their_name() {
        String listName = signed(maria().claim("name", List.of("Maria")).build());
        String nested = signed(maria().claim("company", Map.of("name", "Acme")).build());

        assertTrue(refusal(listName).contains("\"name\""), refusal(listName));
        assertTrue(refusal(nested).contains("\"company\""), refusal(nested));
    }

    @Test
    void without_a_secret_nothing_verifies_and_a_weak_or_missing_secret_is_refused_at_start() {
        var none = new IdentityTokens(null, false);
        String token = signed(maria().build());

        FrameRefused refused = assertThrows(FrameRefused.class, () -> none.verify(token, "v", "en"));
        assertTrue(refused.getMessage().contains("no identity secret"));
        assertThrows(IllegalArgumentException.class, () -> new IdentityTokens("too-short", false));
        assertThrows(IllegalArgumentException.class, () -> new IdentityTokens(null, true));
    }
}
