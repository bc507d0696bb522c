package dev.baton.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The signature receivers check, against a vector computed outside Java. */
class WebhookSignatureTest {

    @Test
    void signs_the_time_and_body_as_openssl_does() {
        // printf '%s' '1700000000.{"id":"dlv_1","event":"ping"}' | openssl dgst -sha256 -hmac whsec_test_secret
        String header = WebhookSignature.header("whsec_test_secret", 1_700_000_000L,
                "{\"id\":\"dlv_1\",\"event\":\"ping\"}");

        assertEquals("t=1700000000,v1=60aad41c8725f25818e3adc19ead2a90dbffb095ab5befb4d945f13e71b16a09", header);
    }

    @Test
    void another_time_body_or_secret_gives_another_signature() {
        String body = "{\"id\":\"dlv_1\",\"event\":\"ping\"}";
        String signed = WebhookSignature.header("whsec_test_secret", 1_700_000_000L, body);

        assertNotEquals(signed.split(",")[1], WebhookSignature.header("whsec_test_secret", 1_700_000_001L, body)
                .split(",")[1]);
        assertNotEquals(signed, WebhookSignature.header("whsec_test_secret", 1_700_000_000L, body + " "));
        assertNotEquals(signed, WebhookSignature.header("whsec_other", 1_700_000_000L, body));
    }

    @Test
    void secrets_are_random_and_long() {
        String one = WebhookSignature.newSecret();
        String two = WebhookSignature.newSecret();

        assertTrue(one.matches("whsec_[0-9a-f]{64}"), one);
        assertNotEquals(one, two);
    }
}
