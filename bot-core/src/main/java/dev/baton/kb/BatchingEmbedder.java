package dev.baton.kb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * An embedder that gathers the texts many threads ask for at about the same time into one call of the embedder it
 * wraps, on a fixed number of threads (as many as the model can keep busy). A thread that finds texts waiting takes
 * them all, up to {@code maxBatch}, and waits up to {@code linger} for more; so an idle embedder adds no more than
 * the linger, and a busy one embeds in batches what would otherwise queue for the model one by one.
 *
 * <p>Closing it fails every text not embedded yet with an {@link IllegalStateException}: the ones still waiting, the
 * ones a thread holds while it waits for more, and the ones of a model call that does not end within the close's
 * wait. A text asked for during or after the close is refused the same way, so no caller waits forever.
 */
public final class BatchingEmbedder implements Embedder, AutoCloseable {
    private final Embedder embedder;
    private final int maxBatch;
    private final long lingerNanos;
    private final LongConsumer queueWaits;
    private final BlockingQueue<Request> waiting = new LinkedBlockingQueue<>();
    /** Every text asked for and not answered yet, wherever it is (queued, in a batch, in the model): close fails them. */
    private final Set<Request> unanswered = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** A text, who waits for its vector, and since when ({@link System#nanoTime()}). */
    private record Request(String text, CompletableFuture<float[]> vector, long askedAt) {}

    /**
     * @param batchThreads how many batches run at once
     * @param maxBatch the most texts one call embeds; longer lists given to {@link #embedAll} go straight through
     * @param linger how long a thread holding some texts waits for more before embedding them
     */
    public BatchingEmbedder(Embedder embedder, int batchThreads, int maxBatch, Duration linger) {
        this(embedder, batchThreads, maxBatch, linger, waited -> {});
    }

    /**
     * @param queueWaits hears, for each text, how many nanoseconds it waited before its batch went to the embedder
     *     (for a batch thread, and the linger); called on the batch threads, so it must be quick and never throw
     */
    public BatchingEmbedder(Embedder embedder, int batchThreads, int maxBatch, Duration linger,
            LongConsumer queueWaits) {
        if (batchThreads < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("a batching embedder needs a thread and room for a text");
        }
        this.embedder = embedder;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.queueWaits = queueWaits;
        for (int i = 0; i < batchThreads; i++) {
            Thread thread = new Thread(this::run, "baton-embed-batch-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public String modelId() {
        return embedder.modelId();
    }

    @Override
    public float[] embed(String text) {
        return await(submit(text));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.size() > maxBatch) {
            return embedder.embedAll(texts); // bulk work (indexing) is a batch already
        }
        List<CompletableFuture<float[]>> vectors = texts.stream().map(this::submit).toList();
        return vectors.stream().map(BatchingEmbedder::await).toList();
    }

    /** How many texts wait for a batch thread. */
    public int waitingCount() {
        return waiting.size();
    }

    private CompletableFuture<float[]> submit(String text) {
        if (closed) {
            throw closedError();
        }
        Request request = new Request(text, new CompletableFuture<>(), System.nanoTime());
        unanswered.add(request);
        request.vector().whenComplete((vector, error) -> unanswered.remove(request));
        if (closed) {
            // close() may have failed the unanswered texts before this one was among them
            request.vector().completeExceptionally(closedError());
        } else {
            waiting.add(request);
        }
        return request.vector();
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("the embedder is closed");
    }

    private static float[] await(CompletableFuture<float[]> vector) {
        try {
            return vector.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Request first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                embed(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what is waiting, and what arrives within the linger, up to a full batch. */
    private void gather(List<Request> batch) throws InterruptedException {
        waiting.drainTo(batch, maxBatch - batch.size());
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Request next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            waiting.drainTo(batch, maxBatch - batch.size());
        }
    }

    /** One call for the whole batch; when it fails, every text of this batch fails with it, and only those. */
    private void embed(List<Request> batch) {
        long start = System.nanoTime();
        batch.forEach(request -> queueWaits.accept(start - request.askedAt()));
        List<float[]> vectors;
        try {
            vectors = embedder.embedAll(batch.stream().map(Request::text).toList());
            if (vectors.size() != batch.size()) {
                throw new IllegalStateException("the embedder returned " + vectors.size() + " vectors for "
                        + batch.size() + " texts");
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(request -> request.vector().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).vector().complete(vectors.get(i));
        }
    }

    /** Stops the threads (waiting up to 5 s for each model call under way), then fails every text not embedded. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        waiting.clear();
        unanswered.forEach(request -> request.vector().completeExceptionally(closedError()));
    }
}
