package dev.baton.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts webhooks may reach: every form of an internal address is refused, public ones pass. */
class WebhookTargetsTest {
    private static final HostResolver TABLE = host -> switch (host) {
        case "public.example" -> List.of(InetAddress.getByName("93.184.215.14"));
        case "half-inside.example" -> List.of(InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("192.168.7.7"));
        case "metadata.example" -> List.of(InetAddress.getByName("169.254.169.254"));
        default -> throw new UnknownHostException(host);
    };
    private final WebhookTargets publicOnly = new WebhookTargets(false, TABLE);

    @Test
    void every_internal_range_and_every_form_of_one_is_refused() {
        List<String> internal = List.of("127.0.0.1", "127.255.255.254", "[::1]", "::1", "0.0.0.0", "::", "10.0.0.1",
                "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "100.127.255.255", "169.254.169.254",
                "fe80::1", "fc00::1", "fd12:3456::1", "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255",
                "240.0.0.1", "198.18.0.1", "192.0.2.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe",
                "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2001:db8::1", "2130706433", "0x7f.0.0.1",
                "0177.0.0.1", "127.1", "[fe80::1%1]");
        List<String> passed = new ArrayList<>();
        for (String host : internal) {
            try {
                publicOnly.lookup(host);
                passed.add(host);
            } catch (RefusedAddress refused) {
                assertTrue(refused.getMessage().contains("internal address"), refused::getMessage);
            } catch (UnknownHostException e) {
                passed.add(host + " (unknown, not refused)");
            }
        }
        assertEquals(List.of(), passed, "internal addresses that got through");
    }

    @Test
    void public_addresses_pass_even_at_the_edge_of_an_internal_range() throws UnknownHostException {
        for (String host : List.of("8.8.8.8", "93.184.215.14", "100.63.255.255", "100.128.0.1", "172.15.255.255",
                "172.32.0.1", "169.253.255.255", "2606:4700:4700::1111", "[2a00:1450:4001:80b::200e]",
                "::ffff:8.8.8.8", "64:ff9b::808:808", "public.example")) {
            assertEquals(1, publicOnly.lookup(host).size(), host);
            publicOnly.check(host);
        }
    }

    @Test
    void a_name_is_refused_when_any_of_its_addresses_is_internal_without_saying_which() {
        RefusedAddress refused = assertThrows(RefusedAddress.class, () -> publicOnly.lookup("half-inside.example"));

        assertEquals("half-inside.example resolves to an internal address (private)", refused.getMessage());
        assertThrows(RefusedAddress.class, () -> publicOnly.lookup("metadata.example"));
        assertThrows(UnknownHostException.class, () -> publicOnly.lookup("nowhere.example"));
    }

    @Test
    void names_are_resolved_only_when_connecting_and_literals_checked_up_front() throws RefusedAddress {
        HostResolver counting = host -> {
            throw new AssertionError("check() looked up " + host);
        };
        WebhookTargets targets = new WebhookTargets(false, counting);

        targets.check("public.example");
        assertThrows(RefusedAddress.class, () -> targets.check("10.1.2.3"));
        assertThrows(RefusedAddress.class, () -> targets.check("[::ffff:127.0.0.1]"));
    }

    @Test
    void registration_says_why_and_how_to_allow_it_and_allowing_private_addresses_lets_everything_through()
            throws UnknownHostException {
        var internal = assertThrows(IllegalArgumentException.class, () -> publicOnly.requireReachable("127.0.0.1"));
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> publicOnly.requireReachable("nowhere.example"));
        WebhookTargets allowing = new WebhookTargets(true, TABLE);

        assertEquals("url: 127.0.0.1 is an internal address (loopback); webhooks reach public addresses only, "
                + "unless Baton runs with BATON_WEBHOOK_ALLOW_PRIVATE=true", internal.getMessage());
        assertEquals("url's host nowhere.example does not resolve to any address", unknown.getMessage());
        assertEquals(2, allowing.lookup("half-inside.example").size());
        allowing.check("127.0.0.1");
        allowing.requireReachable("nowhere.example");
    }
}
