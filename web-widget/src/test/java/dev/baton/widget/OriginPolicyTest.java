package dev.baton.widget;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void without_a_list_only_pages_of_the_same_host_and_port_may_connect() {
        var policy = new OriginPolicy(List.of());

        assertTrue(policy.allows("http://localhost:7070", "localhost:7070"));
        assertFalse(policy.allows("http://localhost:7071", "localhost:7070"));
        assertFalse(policy.allows("https://evil.example", "localhost:7070"));
        assertFalse(policy.allows("null", "localhost:7070"), "sandboxed pages and files send the origin null");
        assertTrue(policy.allows(null, "localhost:7070"), "clients that are not browsers send no origin");
    }

    @Test
    void with_a_list_exactly_its_origins_may_connect() {
        var policy = new OriginPolicy(List.of("https://app.perkful.example/", " https://www.perkful.example"));

        assertTrue(policy.allows("https://app.perkful.example", "baton.perkful.example"));
        assertTrue(policy.allows("HTTPS://WWW.perkful.example", "baton.perkful.example"));
        assertFalse(policy.allows("http://app.perkful.example", "baton.perkful.example"), "the scheme counts");
        assertFalse(policy.allows("https://app.perkful.example.evil.example", "baton.perkful.example"));
        assertTrue(new OriginPolicy(List.of("*")).allows("https://anyone.example", "baton.perkful.example"));
    }
}
