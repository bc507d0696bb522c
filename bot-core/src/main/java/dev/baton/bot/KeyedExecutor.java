package dev.baton.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks with the same key one after another in the order given, and tasks with different keys in parallel on
 * a fixed number of threads. The bot uses it so that replies within one conversation keep their order. Its queues
 * hold only what the bot's work queue took, and that takes no more events than it has room for.
 */
final class KeyedExecutor implements AutoCloseable {
    private final List<ExecutorService> lanes = new ArrayList<>();

    KeyedExecutor(String name, int threads) {
        for (int i = 0; i < threads; i++) {
            String threadName = name + "-" + i;
            lanes.add(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    void execute(String key, Runnable task) {
        lanes.get(Math.floorMod(key.hashCode(), lanes.size())).execute(task);
    }

    /**
     * Finishes what was queued, for a few seconds in all, then stops. Work not done by then is not lost: its event
     * was never acknowledged, so another node (or the next start) takes it.
     */
    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
            }
        }
    }
}
