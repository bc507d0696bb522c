package dev.baton.widget;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The budgets that all requests from one client address share, on this node: the chat's frames, the help center's
 * searches. An IPv6 client counts by its /64, which one customer usually holds whole (otherwise every address of it
 * would bring a fresh budget). A budget that is full again is forgotten, which changes nothing: a new one is full too.
 *
 * @param <B> one address's budget
 */
final class AddressBudgets<B> {
    private static final long SWEEP_EVERY = TimeUnit.SECONDS.toNanos(10);

    private final Supplier<B> fresh;
    private final Predicate<B> full;
    private final Map<String, B> byAddress = new ConcurrentHashMap<>();
    private volatile long nextSweep = System.nanoTime() + SWEEP_EVERY;

    /** @param fresh a new, full budget; @param full whether a budget is full again (the same as a new one) */
    AddressBudgets(Supplier<B> fresh, Predicate<B> full) {
        this.fresh = fresh;
        this.full = full;
    }

    /** The chat's frames: a budget per kind of frame for each address. */
    static AddressBudgets<FrameBudget> frames(ChatLimits limits) {
        return new AddressBudgets<>(() -> new FrameBudget(limits::perAddress), FrameBudget::idle);
    }

    /** One kind of request at {@code rate} for each address. */
    static AddressBudgets<TokenBucket> requests(ChatLimits.Rate rate) {
        return new AddressBudgets<>(() -> new TokenBucket(rate), TokenBucket::full);
    }

    /**
     * Counts one request from {@code address} with {@code take} (which answers as {@link TokenBucket#take}): 0 when
     * it may go, otherwise the milliseconds until it may.
     */
    long admit(String address, ToLongFunction<B> take) {
        sweepWhenDue();
        long[] wait = new long[1];
        byAddress.compute(keyOf(address), (key, budget) -> {
            B counted = budget == null ? fresh.get() : budget;
            wait[0] = take.applyAsLong(counted);
            return counted;
        });
        return wait[0];
    }

    private void sweepWhenDue() {
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            nextSweep = now + SWEEP_EVERY;
            byAddress.keySet().forEach(key -> byAddress.computeIfPresent(key,
                    (k, budget) -> full.test(budget) ? null : budget));
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
