package dev.baton.webhook;

import java.net.UnknownHostException;

/**
 * A webhook's host is, or resolves to, an internal address, so nothing is sent to it. An {@link UnknownHostException}
 * because that is what OkHttp's DNS may throw: the connection is never tried.
 */
public final class RefusedAddress extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddress(String message) {
        super(message);
    }
}
