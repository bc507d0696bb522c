package dev.baton.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    @Test
    void an_untrusted_peer_is_the_client_whatever_it_writes() {
        assertEquals("203.0.113.9", proxies.clientAddress("203.0.113.9", "1.2.3.4"));
        assertEquals("203.0.113.9", TrustedProxies.none().clientAddress("203.0.113.9", "1.2.3.4"));
    }

    @Test
    void behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        assertEquals("198.51.100.7", proxies.clientAddress("10.1.2.3", "198.51.100.7"));
        // The client may prepend anything; only what our proxies appended counts.
        assertEquals("198.51.100.7", proxies.clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9"));
        assertEquals("2001:db8::1", proxies.clientAddress("fd12::1", "2001:db8::1"));
    }

    @Test
    void a_garbage_hop_stops_the_walk_at_the_last_vouched_address() {
        assertEquals("10.9.9.9", proxies.clientAddress("10.1.2.3", "not-an-ip, 10.9.9.9"));
        assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", ""));
    }

    @Test
    void ipv4_mapped_ipv6_peers_are_matched_as_ipv4() {
        assertTrue(proxies.trusts("::ffff:127.0.0.1"));
        assertFalse(proxies.trusts("::ffff:127.0.0.2"));
    }

    @Test
    void an_ipv6_peer_in_brackets_as_jetty_writes_it_is_matched() {
        TrustedProxies local = TrustedProxies.of(List.of("::1"));
        assertTrue(local.trusts("[0:0:0:0:0:0:0:1]"));
        assertFalse(local.trusts("[0:0:0:0:0:0:0:2]"));
        assertEquals("198.51.100.7", local.clientAddress("[0:0:0:0:0:0:0:1]", "198.51.100.7"));
    }

    @Test
    void forwarded_proto_is_believed_only_from_a_trusted_proxy() {
        assertTrue(proxies.secure("10.0.0.5", "http", "https"));
        assertFalse(proxies.secure("203.0.113.9", "http", "https"));
        assertTrue(proxies.secure("203.0.113.9", "https", null));
    }

    @Test
    void a_bad_entry_is_named() {
        var error = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/8", "lan")));
        assertTrue(error.getMessage().contains("'lan'"), error.getMessage());
    }
}
