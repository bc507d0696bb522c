package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Customers asking questions one after another, each on a thread of its own, the way people chat: ask, wait for
 * the answer, think, ask again; until told to stop or until each has asked its share. Customer {@code i} starts on
 * server {@code i mod n}.
 */
final class Crowd {
    private final List<Customer> customers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * @param faultsOf what customer {@code i} breaks on purpose
     * @param questions asked in turn (each customer starts at a different one)
     * @param messagesEach how many each asks; 0 is until {@link #stop()}
     * @param think the mean pause between an answer and the next question
     */
    Crowd(List<Endpoint> servers, int size, IntFunction<Faults> faultsOf, Duration answerWait, List<String> questions,
            int messagesEach, Duration think, long seed) {
        for (int i = 0; i < size; i++) {
            Customer customer = new Customer(servers, i, faultsOf.apply(i), answerWait);
            customers.add(customer);
            int first = i;
            Random pauses = new Random(seed + i);
            threads.add(new Thread(() -> chat(customer, questions, first, messagesEach, think, pauses),
                    "customer-" + i));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void chat(Customer customer, List<String> questions, int first, int messagesEach, Duration think,
            Random pauses) {
        try {
            for (int n = 0; !stopping && (messagesEach == 0 || n < messagesEach); n++) {
                Customer.Sent sent = customer.ask(questions.get((first + n) % questions.size()));
                if (customer.awaitAnswer(sent)) {
                    answered.incrementAndGet();
                }
                long mean = think.toMillis();
                Waiting.pause(mean / 2 + (mean == 0 ? 0 : pauses.nextLong(mean)));
            }
        } catch (RuntimeException e) {
            failures.add(Thread.currentThread().getName() + ": " + e);
        } finally {
            customer.close();
        }
    }

    /** Questions answered so far, all customers together. */
    int answered() {
        return answered.get();
    }

    /** The customer messages whose answers are awaited right now: the bot turns in flight. */
    Set<String> awaitingNow() {
        Set<String> awaiting = new HashSet<>();
        customers.forEach(customer -> {
            Customer.Sent sent = customer.awaiting();
            if (sent != null) {
                awaiting.add(sent.clientMsgId);
            }
        });
        return awaiting;
    }

    /** The customers connected to {@code server} now. */
    List<Customer> on(Endpoint server) {
        return customers.stream().filter(customer -> customer.server().equals(server)).toList();
    }

    /** Lets each customer finish the question at hand (waiting for its answer), then waits for them all. */
    void stop(Duration limit) {
        stopping = true;
        await(limit);
    }

    /** Waits until every customer has asked its share. */
    void await(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " still chatting after " + limit);
            }
        }
    }

    /** Every customer resumes each of its conversations once more, to receive what was stored after it stopped. */
    void catchUp() {
        customers.forEach(customer -> {
            try {
                customer.catchUp();
            } catch (RuntimeException e) {
                failures.add("catching up: " + e);
            }
        });
    }

    /** The longest a message took from its first send to its ack, resends and failovers included. */
    long longestAckMillis() {
        return customers.stream().flatMap(customer -> customer.conversations().stream())
                .flatMap(conversation -> conversation.sent.stream()).filter(sent -> sent.ackSeq != null)
                .mapToLong(sent -> TimeUnit.NANOSECONDS.toMillis(sent.ackNanos)).max().orElse(0);
    }

    List<Customer> customers() {
        return customers;
    }

    /** What went wrong on the customers' side (a customer that could not carry on), in words. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The customers' counters summed: drops, resends, resumes, errors by code... */
    Map<String, Integer> counters() {
        Map<String, Integer> sum = new TreeMap<>();
        customers.forEach(customer -> customer.counters().forEach((name, n) -> sum.merge(name, n, Integer::sum)));
        return sum;
    }
}
