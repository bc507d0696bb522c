package dev.baton.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a webhook's host name into its addresses: the system's DNS in production, a fixed table in tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * Every address of {@code host}, in the order they are tried.
     *
     * @throws UnknownHostException when the host has none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
