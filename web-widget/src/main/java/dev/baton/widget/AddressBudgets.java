package dev.baton.widget;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The frame budgets that all connections from one client address share, on this node. An IPv6 client counts by
 * its /64, which one customer usually holds whole (otherwise every address of it would bring a fresh budget). A
 * budget that is full again is forgotten, which changes nothing: a new one is full too.
 */
final class AddressBudgets {
    private static final long SWEEP_EVERY = TimeUnit.SECONDS.toNanos(10);

    private final ChatLimits limits;
    private final Map<String, FrameBudget> byAddress = new ConcurrentHashMap<>();
    private volatile long nextSweep = System.nanoTime() + SWEEP_EVERY;

    AddressBudgets(ChatLimits limits) {
        this.limits = limits;
    }

    /** Counts one frame from {@code address}: 0 when it may go, otherwise the milliseconds until it may. */
    long admit(String address, FrameKind kind) {
        sweepWhenDue();
        long[] wait = new long[1];
        byAddress.compute(keyOf(address), (key, budget) -> {
            FrameBudget counted = budget == null ? new FrameBudget(limits::perAddress) : budget;
            wait[0] = counted.admit(kind);
            return counted;
        });
        return wait[0];
    }

    private void sweepWhenDue() {
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_EVERY;
            byAddress.keySet().forEach(key -> byAddress.computeIfPresent(key,
                    (k, budget) -> budget.idle() ? null : budget));
        }
    }

    static String keyOf(String address) {
        IPAddress parsed = address == null ? null : new IPAddressString(address).getAddress();
        if (parsed == null) {
            return String.valueOf(address);
        }
        if (parsed.isIPv4Convertible()) {
            return parsed.toIPv4().toCanonicalString();
        }
        return parsed.isIPv6() ? parsed.toPrefixBlock(64).toCanonicalString() : parsed.toCanonicalString();
    }
}
