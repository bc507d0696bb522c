package dev.baton.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The IP addresses that are a network's own rather than the internet's: loopback, private, link-local, shared
 * (carrier-grade NAT), unspecified, multicast and reserved ranges, in IPv4 and IPv6, and IPv6 forms that carry such
 * an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Ranges per the IANA special-purpose registries.
 */
final class InternalAddresses {
    private record Range(IPAddress block, String kind) {}

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "unspecified"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared (carrier-grade NAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "reserved"),
            range("192.0.2.0/24", "reserved"),
            range("192.88.99.0/24", "reserved"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "reserved"),
            range("198.51.100.0/24", "reserved"),
            range("203.0.113.0/24", "reserved"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved"),
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("64:ff9b:1::/48", "reserved"),
            range("100::/64", "reserved"),
            range("2001::/32", "tunnel (Teredo)"),
            range("2001:db8::/32", "reserved"),
            range("fc00::/7", "private"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "private"),
            range("ff00::/8", "multicast"));

    private static final IPAddressNetwork.IPAddressGenerator ADDRESSES = new IPAddressNetwork.IPAddressGenerator();

    private InternalAddresses() {}

    private static Range range(String cidr, String kind) {
        return new Range(new IPAddressString(cidr).getAddress().toPrefixBlock(), kind);
    }

    /** What kind of internal address this is ("loopback", "private", ...); empty for a public one. */
    static Optional<String> kindOf(InetAddress address) {
        return kindOf(ADDRESSES.from(address));
    }

    static Optional<String> kindOf(IPAddress address) {
        IPAddress plain = address.isIPv6() ? address.toIPv6().withoutPrefixLength().removeZone()
                : address.withoutPrefixLength();
        for (Range range : RANGES) {
            if (range.block().contains(plain)) {
                return Optional.of(range.kind());
            }
        }
        if (plain.isIPv6()) {
            IPv4Address carried = carriedIPv4(plain.toIPv6());
            if (carried != null) {
                return kindOf(carried).map(kind -> kind + ", inside an IPv6 address");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address stands for, if it is one of the forms that carry one. */
    private static IPv4Address carriedIPv4(IPv6Address address) {
        if (address.isIPv4Mapped() || address.isIPv4Compatible() || address.isWellKnownIPv4Translatable()) {
            return address.getEmbeddedIPv4Address();
        }
        return address.is6To4() ? address.get6To4IPv4Address() : null;
    }
}
