package dev.baton.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.detect.IntentDetector;
import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.Language;
import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.TextAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval handoff}: runs the intent detector on labelled messages ({@code text,intent,handoff}) and
 * reports precision, recall and F1 of the decision to hand over at once.
 */
@Command(name = "handoff", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the immediate-handoff decision (cancel, refund, complaint, a person) per message.")
final class HandoffEval implements Callable<Integer> {

    @Option(names = "--test", required = true, description = "CSV text,intent,handoff (handoff 1 or 0).")
    Path test;

    @Option(names = "--errors", defaultValue = "0", description = "List up to N mistakes.")
    int errors;

    @Option(names = "--json", description = "End with one line of JSON holding the figures.")
    boolean json;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs "
            + "(default: ~/.cache/baton/embeddings-<model>.bin).")
    Path embeddingCache;

    @Override
    public Integer call() throws Exception {
        List<Map<String, String>> rows = LabeledCsv.read(test, List.of("text", "intent", "handoff"));
        try (TextAnalysis analysis = new TextAnalysis(); OnnxEmbedder embedder = new OnnxEmbedder(
                Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            var cached = new CachingEmbedder(embedder, EmbeddingCacheFiles.open(embeddingCache, embedder.modelId()));
            IntentDetector detector = IntentDetector.load(cached, analysis);
            List<String> texts = rows.stream().map(row -> row.get("text")).toList();
            List<float[]> vectors = cached.embedAll(texts);
            Latencies latencies = new Latencies();
            BinaryScores scores = new BinaryScores();
            List<String> mistakes = new ArrayList<>();
            try (ProgressBar bar = Progress.bar("detecting", rows.size())) {
                for (int i = 0; i < rows.size(); i++) {
                    String text = texts.get(i);
                    String language = Language.detect(text);
                    long start = System.nanoTime();
                    var result = detector.detect(text, language, language.equals(Language.ENGLISH) ? vectors.get(i)
                            : null);
                    latencies.add(System.nanoTime() - start);
                    boolean expected = "1".equals(rows.get(i).get("handoff"));
                    boolean predicted = result.intent() != null;
                    scores.add(expected, predicted);
                    if (expected != predicted && mistakes.size() < errors) {
                        mistakes.add(String.format("  %s (%s) -> %s  %s", expected ? "handoff" : "no handoff",
                                rows.get(i).get("intent"), predicted ? result.intent().code() : "none", text));
                    }
                    bar.step();
                }
            }
            scores.print(rows.size(), latencies, mistakes, json, new ObjectMapper());
        }
        return 0;
    }
}
