package dev.baton.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.detect.FrustrationDetector;
import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.Language;
import dev.baton.kb.OnnxEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton eval frustration}: the per-message frustration score against labelled messages. */
@Command(name = "frustration", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the per-message frustration score on a text,frustrated CSV.")
final class FrustrationEval implements Callable<Integer> {

    @Option(names = "--test", required = true, description = "CSV text,frustrated (1 or 0).")
    Path test;

    @Option(names = "--threshold", description = "Score from which a message counts as frustrated "
            + "(default: the detector's, " + FrustrationDetector.FRUSTRATED + ").")
    Double threshold;

    @Option(names = "--errors", defaultValue = "0", description = "List up to N mistakes.")
    int errors;

    @Option(names = "--json", description = "End with one line of JSON holding the figures.")
    boolean json;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs.")
    Path embeddingCache;

    @Override
    public Integer call() throws Exception {
        double cut = threshold != null ? threshold : FrustrationDetector.FRUSTRATED;
        List<Map<String, String>> rows = LabeledCsv.read(test, List.of("text", "frustrated"));
        try (OnnxEmbedder embedder = new OnnxEmbedder(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            var cached = new CachingEmbedder(embedder, EmbeddingCacheFiles.open(embeddingCache, embedder.modelId()));
            FrustrationDetector detector = FrustrationDetector.load();
            List<String> texts = rows.stream().map(row -> row.get("text")).toList();
            List<float[]> vectors = cached.embedAll(texts);
            Latencies latencies = new Latencies();
            BinaryScores scores = new BinaryScores();
            List<String> mistakes = new ArrayList<>();
            try (ProgressBar bar = Progress.bar("scoring", rows.size())) {
                for (int i = 0; i < rows.size(); i++) {
                    String text = texts.get(i);
                    boolean english = Language.detect(text).equals(Language.ENGLISH);
                    long start = System.nanoTime();
                    var score = detector.score(text, english ? vectors.get(i) : null);
                    latencies.add(System.nanoTime() - start);
                    boolean expected = "1".equals(rows.get(i).get("frustrated").trim());
                    boolean predicted = score.value() >= cut;
                    scores.add(expected, predicted);
                    if (expected != predicted && mistakes.size() < errors) {
                        mistakes.add(String.format("  %s -> %.2f %s  %s", expected ? "frustrated" : "calm",
                                score.value(), score.evidence(), text));
                    }
                    bar.step();
                }
            }
            System.out.printf("threshold        %.2f%n", cut);
            scores.print(rows.size(), latencies, mistakes, json, new ObjectMapper());
        }
        return 0;
    }
}
