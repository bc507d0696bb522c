package dev.baton.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;

/**
 * Where webhook deliveries may go: public addresses only, unless the operator allows private ones
 * ({@code BATON_WEBHOOK_ALLOW_PRIVATE}). A host is refused when it is, or any of its addresses is, internal (see
 * {@link InternalAddresses}). As OkHttp's {@link Dns} it gives OkHttp exactly the addresses it checked, and OkHttp
 * connects only to those, so a name that resolves to a public address when it is registered and to an internal one
 * later (DNS rebinding) is refused at that later delivery, before any connection. OkHttp does not ask its DNS about
 * IP literals, so {@link #check(String)} is called for every delivery's host first. Thread-safe.
 */
public final class WebhookTargets implements Dns {
    static final String ALLOW = "BATON_WEBHOOK_ALLOW_PRIVATE=true";

    private final boolean allowPrivate;
    private final HostResolver resolver;

    public WebhookTargets(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * The addresses of {@code host} (a name, or an IP literal in any form, brackets allowed), when every one may be
     * reached.
     *
     * @throws RefusedAddress when the host is or resolves to an internal address
     * @throws UnknownHostException when it has no address
     */
    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            refuseInternal(host, literal.get(), true);
            return List.of(literal.get());
        }
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            refuseInternal(host, address, false);
        }
        return addresses;
    }

    /**
     * Refuses an IP literal that is internal; a name is left to {@link #lookup} when OkHttp connects (looking it up
     * here as well would check one answer and connect to another).
     */
    public void check(String host) throws RefusedAddress {
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            refuseInternal(host, literal.get(), true);
        }
    }

    /**
     * Whether a webhook may be registered at {@code host}: resolved now, and refused with a message an admin can act
     * on. With private addresses allowed there is nothing to refuse, and the host is not looked up.
     *
     * @throws IllegalArgumentException saying why not
     */
    public void requireReachable(String host) {
        if (allowPrivate) {
            return;
        }
        try {
            lookup(host);
        } catch (RefusedAddress refused) {
            throw new IllegalArgumentException("url: " + refused.getMessage() + "; webhooks reach public addresses "
                    + "only, unless Baton runs with " + ALLOW);
        } catch (UnknownHostException unknown) {
            throw new IllegalArgumentException("url's host " + host + " does not resolve to any address");
        }
    }

    private void refuseInternal(String host, InetAddress address, boolean literal) throws RefusedAddress {
        if (allowPrivate) {
            return;
        }
        Optional<String> kind = InternalAddresses.kindOf(address);
        if (kind.isPresent()) {
            // A name's internal address is not repeated back: the delivery log must not map the inside network.
            throw new RefusedAddress(host + (literal ? " is" : " resolves to") + " an internal address ("
                    + kind.get() + ")");
        }
    }

    /** The address a host names by itself: dotted, IPv6 in brackets or not, and the shorter forms resolvers take. */
    private static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        IPAddress address = new IPAddressString(bare).getAddress();
        return address == null || address.isMultiple() ? Optional.empty() : Optional.of(address.toInetAddress());
    }
}
