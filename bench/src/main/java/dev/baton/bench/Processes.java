package dev.baton.bench;

import java.util.concurrent.TimeUnit;

/** Ending the harness's child processes (Redis, Baton nodes) and waiting until they are gone. */
final class Processes {
    private Processes() {}

    /** SIGKILL: the process gets no chance to finish anything. */
    static void kill(Process process) {
        process.destroyForcibly();
        awaitExit(process);
    }

    /** SIGTERM, when it still runs: the process shuts down cleanly. */
    static void stop(Process process) {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit(process);
        }
    }

    static void awaitExit(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
