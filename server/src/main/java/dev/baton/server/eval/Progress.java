package dev.baton.server.eval;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr when a person is watching, so stdout keeps only the results (and the JSON line) for
 * scripts. Without a terminal nothing is drawn: redrawing costs the measured thread time on a single core.
 */
final class Progress {
    private Progress() {}

    static ProgressBar bar(String task, long total) {
        boolean watched = System.console() != null;
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setConsumer(watched ? new ConsoleProgressBarConsumer(System.err)
                        : new DelegatingProgressBarConsumer(line -> { }))
                .setUpdateIntervalMillis(watched ? 250 : 60_000)
                .clearDisplayOnFinish()
                .build();
    }
}
