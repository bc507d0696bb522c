package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.TestEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingEmbedderTest {

    /** A model stand-in: a text's vector is its characters' codes; it records each call and can hold the first. */
    private static final class RecordingEmbedder implements Embedder {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final CountDownLatch release;

        RecordingEmbedder(boolean holdFirstCall) {
            release = new CountDownLatch(holdFirstCall ? 1 : 0);
        }

        static float[] vectorOf(String text) {
            float[] vector = new float[text.length()];
            for (int i = 0; i < text.length(); i++) {
                vector[i] = text.charAt(i);
            }
            return vector;
        }

        @Override
        public String modelId() {
            return "recording";
        }

        @Override
        public float[] embed(String text) {
            return embedAll(List.of(text)).get(0);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            calls.add(List.copyOf(texts));
            firstCallStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (texts.contains("poison")) {
                throw new IllegalArgumentException("cannot embed poison");
            }
            return texts.stream().map(RecordingEmbedder::vectorOf).toList();
        }
    }

    @Test
    void textsAskedForWhileTheModelIsBusyAreEmbeddedTogetherAndEachCallerGetsItsOwnVector() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(true);
        ExecutorService callers = Executors.newFixedThreadPool(24);
        try (BatchingEmbedder batching = new BatchingEmbedder(model, 1, 8, Duration.ZERO)) {
            Future<float[]> first = callers.submit(() -> batching.embed("first"));
            assertTrue(model.firstCallStarted.await(5, TimeUnit.SECONDS));
            List<Future<float[]>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String text = "question " + i;
                others.add(callers.submit(() -> batching.embed(text)));
            }
            waitUntilQueued(batching, 20);
            model.release.countDown();

            assertArrayEquals(RecordingEmbedder.vectorOf("first"), first.get(5, TimeUnit.SECONDS));
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(RecordingEmbedder.vectorOf("question " + i), others.get(i).get(5, TimeUnit.SECONDS));
            }
            // 20 texts waited while the model was busy: they go in full batches of 8, 8 and 4.
            assertEquals(List.of(1, 8, 8, 4), model.calls.stream().map(List::size).toList());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailingBatchFailsItsOwnCallersAndNoOthers() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(true);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (BatchingEmbedder batching = new BatchingEmbedder(model, 1, 8, Duration.ZERO)) {
            Future<float[]> before = callers.submit(() -> batching.embed("before"));
            assertTrue(model.firstCallStarted.await(5, TimeUnit.SECONDS));
            Future<float[]> poison = callers.submit(() -> batching.embed("poison"));
            Future<float[]> sameBatch = callers.submit(() -> batching.embed("unlucky neighbour"));
            waitUntilQueued(batching, 2);
            model.release.countDown();

            assertArrayEquals(RecordingEmbedder.vectorOf("before"), before.get(5, TimeUnit.SECONDS));
            for (Future<float[]> failed : List.of(poison, sameBatch)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
                assertEquals(IllegalArgumentException.class, e.getCause().getClass());
            }
            // The embedder carries on: the next text is embedded as usual.
            assertArrayEquals(RecordingEmbedder.vectorOf("after"), batching.embed("after"));
            assertEquals(List.of(List.of("before"), List.of("poison", "unlucky neighbour"), List.of("after")),
                    model.calls);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void embedAllKeepsTheOrderOfItsTextsAmongOtherCallers() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(false);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (BatchingEmbedder batching = new BatchingEmbedder(model, 2, 4, Duration.ofMillis(2))) {
            List<Future<List<float[]>>> lists = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int caller = c;
                List<String> texts = IntStream.range(0, 3).mapToObj(i -> "caller " + caller + ", text " + i).toList();
                lists.add(callers.submit(() -> {
                    List<float[]> vectors = batching.embedAll(texts);
                    for (int i = 0; i < texts.size(); i++) {
                        assertArrayEquals(RecordingEmbedder.vectorOf(texts.get(i)), vectors.get(i));
                    }
                    return vectors;
                }));
            }
            for (Future<List<float[]>> list : lists) {
                assertEquals(3, list.get(5, TimeUnit.SECONDS).size());
            }
            assertTrue(model.calls.stream().allMatch(call -> call.size() <= 4), "no batch exceeds its limit");
            // A list longer than a batch goes straight to the model, in one call, in order.
            List<String> many = IntStream.range(0, 10).mapToObj(i -> "article " + i).toList();
            List<float[]> vectors = batching.embedAll(many);
            for (int i = 0; i < many.size(); i++) {
                assertArrayEquals(RecordingEmbedder.vectorOf(many.get(i)), vectors.get(i));
            }
            assertEquals(many, model.calls.get(model.calls.size() - 1));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theRealModelGivesTheSameVectorsBatchedAsOneByOne() throws Exception {
        OnnxEmbedder model = TestEmbedder.get();
        List<String> questions = List.of("Do points expire?", "How do I connect Klaviyo?", "Where are my invoices?",
                "Represent this sentence for searching relevant passages: Do points expire?");
        ExecutorService callers = Executors.newFixedThreadPool(questions.size());
        try (BatchingEmbedder batching = new BatchingEmbedder(model, 2, 8, Duration.ofMillis(1))) {
            List<Future<float[]>> batched = questions.stream().map(q -> callers.submit(() -> batching.embed(q)))
                    .toList();
            for (int i = 0; i < questions.size(); i++) {
                assertArrayEquals(model.embed(questions.get(i)), batched.get(i).get(30, TimeUnit.SECONDS), 1e-6f);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closingFailsTheTextsStillWaitingInsteadOfLeavingTheirCallersBlocked() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(true);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        BatchingEmbedder batching = new BatchingEmbedder(model, 1, 8, Duration.ZERO);
        try {
            callers.submit(() -> batching.embed("busy"));
            assertTrue(model.firstCallStarted.await(5, TimeUnit.SECONDS));
            Future<float[]> stuck = callers.submit(() -> batching.embed("waiting"));
            waitUntilQueued(batching, 1);
            batching.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> stuck.get(5, TimeUnit.SECONDS));
            assertEquals(IllegalStateException.class, e.getCause().getClass());
            assertThrows(IllegalStateException.class, () -> batching.embed("late"));
        } finally {
            model.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void eachTextsWaitForItsBatchIsReportedUpToTheModelCall() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(true);
        List<Long> waits = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (BatchingEmbedder batching = new BatchingEmbedder(model, 1, 8, Duration.ZERO, waits::add)) {
            Future<float[]> first = callers.submit(() -> batching.embed("first"));
            assertTrue(model.firstCallStarted.await(5, TimeUnit.SECONDS));
            long queued = System.nanoTime();
            Future<float[]> second = callers.submit(() -> batching.embed("second"));
            waitUntilQueued(batching, 1);
            Thread.sleep(200); // the model holds the only batch thread
            model.release.countDown();
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
            long held = System.nanoTime() - queued;

            assertEquals(2, waits.size(), waits::toString);
            assertTrue(waits.get(1) >= TimeUnit.MILLISECONDS.toNanos(200), "the second waited for the first's call");
            assertTrue(waits.get(1) <= held, "and no longer than it was there");
        } finally {
            model.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void closingFailsTheTextsABatchThreadHoldsWhileWaitingForMore() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(false);
        // A long linger: the thread that takes the text keeps it while waiting for more.
        BatchingEmbedder batching = new BatchingEmbedder(model, 1, 8, Duration.ofSeconds(30));
        CompletableFuture<float[]> held = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                held.complete(batching.embed("held"));
            } catch (RuntimeException e) {
                held.completeExceptionally(e);
            }
        });
        caller.start();
        awaitState(caller, Thread.State.WAITING); // the text is queued and its caller waits for the vector
        waitUntilNoneWaits(batching); // ... and the batch thread took it
        batching.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> held.get(5, TimeUnit.SECONDS));
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertEquals(List.of(), model.calls, "the model was never called for the held text");
    }

    @Test
    void closingFailsTheTextsOfABatchTheModelDoesNotFinish() throws Exception {
        CountDownLatch modelStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Embedder deaf = new Embedder() { // a model call that outlasts the close and ignores interrupts
            @Override
            public String modelId() {
                return "deaf";
            }

            @Override
            public float[] embed(String text) {
                return embedAll(List.of(text)).get(0);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                modelStarted.countDown();
                boolean interrupted = false;
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return texts.stream().map(RecordingEmbedder::vectorOf).toList();
            }
        };
        ExecutorService callers = Executors.newFixedThreadPool(1);
        BatchingEmbedder batching = new BatchingEmbedder(deaf, 1, 8, Duration.ZERO);
        try {
            Future<float[]> inFlight = callers.submit(() -> batching.embed("in flight"));
            assertTrue(modelStarted.await(5, TimeUnit.SECONDS));
            batching.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
            assertEquals(IllegalStateException.class, e.getCause().getClass());
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void everyCallerAskingWhileTheEmbedderClosesGetsAVectorOrAClearRefusal() throws Exception {
        RecordingEmbedder model = new RecordingEmbedder(false);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                BatchingEmbedder batching = new BatchingEmbedder(model, 2, 4, Duration.ofMillis(1));
                CountDownLatch asking = new CountDownLatch(8);
                List<Future<Integer>> askers = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    askers.add(callers.submit(() -> {
                        asking.countDown();
                        int answered = 0;
                        while (true) {
                            try {
                                assertArrayEquals(RecordingEmbedder.vectorOf("q"), batching.embed("q"));
                                answered++;
                            } catch (IllegalStateException closed) {
                                return answered;
                            }
                        }
                    }));
                }
                assertTrue(asking.await(5, TimeUnit.SECONDS));
                batching.close();
                for (Future<Integer> asker : askers) {
                    asker.get(10, TimeUnit.SECONDS); // a caller left waiting would time out here
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != state) {
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never reached " + state);
            Thread.sleep(2);
        }
    }

    private static void waitUntilNoneWaits(BatchingEmbedder batching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batching.waitingCount() > 0) {
            assertTrue(System.nanoTime() < deadline, "no batch thread took the waiting texts");
            Thread.sleep(2);
        }
    }

    private static void waitUntilQueued(BatchingEmbedder batching, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batching.waitingCount() < count) {
            assertTrue(System.nanoTime() < deadline, "the callers did not queue their texts");
            Thread.sleep(2);
        }
    }
}
