package dev.baton.access;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reverse proxies an operator put in front of Baton ({@code BATON_TRUSTED_PROXIES}): only a request that comes
 * from one of them may say, in {@code X-Forwarded-For} and {@code X-Forwarded-Proto}, who the client is and whether
 * it used https. Anyone else could write those headers to dodge a per-address limit, so from anyone else they are
 * ignored. Immutable and thread-safe.
 */
public final class TrustedProxies {
    /** More hops than any real chain of proxies has; a longer header is read from its right end only. */
    private static final int MAX_HOPS = 20;
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<IPAddress> ranges;

    private TrustedProxies(List<IPAddress> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Nobody is trusted: the socket's peer is the client. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses addresses and CIDR ranges, IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or a range
     */
    public static TrustedProxies of(List<String> entries) {
        List<IPAddress> ranges = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            IPAddress range = parse(entry);
            if (range == null) {
                throw new IllegalArgumentException("BATON_TRUSTED_PROXIES takes IP addresses and CIDR ranges, not '"
                        + entry.strip() + "'");
            }
            ranges.add(range.toPrefixBlock());
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(ranges);
    }

    /** Whether {@code address} (an IP literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        IPAddress parsed = parse(address);
        if (parsed == null) {
            return false;
        }
        IPAddress plain = parsed.isIPv4Convertible() ? parsed.toIPv4() : parsed;
        return ranges.stream().anyMatch(range -> range.contains(plain));
    }

    /**
     * The client's address. From a trusted proxy, {@code X-Forwarded-For} is read from its right end (each proxy
     * appends the peer it saw) past every trusted hop; the first untrusted hop is the client. From anyone else the
     * peer itself is the client, whatever it wrote.
     *
     * @param peer the address the connection came from
     * @param forwardedFor the {@code X-Forwarded-For} values, comma-separated, or null
     */
    public String clientAddress(String peer, String forwardedFor) {
        if (forwardedFor == null || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1, read = 0; i >= 0 && read < MAX_HOPS; i--, read++) {
            String hop = hops[i].strip();
            if (parse(hop) == null) {
                return client; // garbage past this point was written by someone we cannot vouch for
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    /**
     * An IP address or range, or null for anything else (the empty string included). An IPv6 address may come in
     * brackets, the way Jetty writes a peer's ({@code [0:0:0:0:0:0:0:1]}).
     */
    private static IPAddress parse(String text) {
        String stripped = text.strip();
        if (stripped.length() > 2 && stripped.startsWith("[") && stripped.endsWith("]")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        IPAddressString parsed = new IPAddressString(stripped);
        return !stripped.isEmpty() && parsed.isIPAddress() ? parsed.getAddress() : null;
    }

    /**
     * Whether the client reached Baton over https: the request's own scheme, or, from a trusted proxy, the
     * {@code X-Forwarded-Proto} it sent.
     */
    public boolean secure(String peer, String scheme, String forwardedProto) {
        if (forwardedProto != null && trusts(peer)) {
            String first = forwardedProto.split(",")[0].strip().toLowerCase(Locale.ROOT);
            return first.equals("https") || first.equals("wss");
        }
        return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
    }
}
