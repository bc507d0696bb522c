package dev.baton.kb;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live knowledge base's calibration: read from the store at start (measured only when none is stored for this
 * content), measured again in the background after the articles change (an import or a publish), and set by an
 * admin when they override it. Until the first measure is done, questions get {@link AnswerPolicy#DEFAULT}. An
 * admin's thresholds stay through later changes (the shares are measured again at them). Thread-safe.
 */
public final class KbCalibrations implements Answerer.PolicySource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KbCalibrations.class);
    /** Changes in a row (an import announces every article) share one measure. */
    static final long SETTLE_MILLIS = 1500;

    private final KnowledgeBase knowledgeBase;
    private final KbCalibrator calibrator;
    private final CalibrationStore store;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "baton-calibration");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KbCalibration current;

    public KbCalibrations(KnowledgeBase knowledgeBase, KbCalibrator calibrator, CalibrationStore store) {
        this.knowledgeBase = knowledgeBase;
        this.calibrator = calibrator;
        this.store = store;
    }

    /** Takes the stored calibration when it was measured on this content; otherwise measures soon. */
    public void start() {
        Optional<KbCalibration> stored = store.load();
        stored.ifPresent(calibration -> current = calibration);
        if (stored.isEmpty() || !stored.get().contentHash().equals(KbCalibrator.contentHash(knowledgeBase.all()))) {
            changed();
        }
    }

    /** The articles changed: measure again once they settle (unless another node already stored that measure). */
    public void changed() {
        if (scheduled.compareAndSet(false, true)) {
            worker.schedule(() -> {
                running.set(true);
                scheduled.set(false);
                try {
                    refresh();
                } catch (CancellationException stopping) {
                    log.debug("Calibration stopped: the server is stopping");
                } catch (RuntimeException e) {
                    if (worker.isShutdown()) {
                        // The stop interrupted it wherever it was (Lucene, for one, turns that into its own error).
                        log.debug("Calibration stopped: the server is stopping ({})", e.toString());
                    } else {
                        log.error("Could not calibrate the knowledge base; keeping the previous thresholds", e);
                    }
                } finally {
                    running.set(false);
                }
            }, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** One measure at a time, and never at the same time as an admin's change (which would be overwritten). */
    private synchronized void refresh() {
        var articles = knowledgeBase.all();
        String hash = KbCalibrator.contentHash(articles);
        Optional<KbCalibration> stored = store.load();
        if (stored.isPresent() && stored.get().contentHash().equals(hash)) {
            current = stored.get();
            return;
        }
        KbCalibration measured = stored.filter(KbCalibration::overridden)
                .map(admin -> calibrator.measureAt(articles, admin.policy()))
                .orElseGet(() -> calibrator.calibrate(articles));
        store.save(measured);
        current = measured;
        log.info("Knowledge base calibrated: answer at {}, offer at {}", measured.policy().englishThreshold(),
                measured.policy().englishOfferThreshold());
    }

    @Override
    public AnswerPolicy current() {
        KbCalibration calibration = current;
        return calibration == null ? AnswerPolicy.DEFAULT : calibration.policy();
    }

    /** Whether a measure is pending or under way (the thresholds may change soon). */
    public boolean measuring() {
        return current == null || scheduled.get() || running.get();
    }

    /** The calibration now, or empty while the first one is being measured. */
    public Optional<KbCalibration> calibration() {
        return Optional.ofNullable(current);
    }

    /** An admin's thresholds, measured and stored at once; kept until {@link #automatic()}. */
    public synchronized KbCalibration override(AnswerPolicy policy) {
        KbCalibration measured = calibrator.measureAt(knowledgeBase.all(), policy);
        store.save(measured);
        current = measured;
        return measured;
    }

    /** Back to measured thresholds, measured now. */
    public synchronized KbCalibration automatic() {
        KbCalibration measured = calibrator.calibrate(knowledgeBase.all());
        store.save(measured);
        current = measured;
        return measured;
    }

    /** Waits until no measure is pending or running (for tests and tools). */
    public void awaitIdle() throws Exception {
        while (scheduled.get()) {
            Thread.sleep(50);
        }
        worker.submit(() -> { }).get(5, TimeUnit.MINUTES);
    }

    /** Stops a measure under way and waits for it, so nothing uses the embedding model once it is closed. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("A calibration did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
