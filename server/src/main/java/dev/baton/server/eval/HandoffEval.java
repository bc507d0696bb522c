package dev.baton.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.History;
import dev.baton.detect.Analysis;
import dev.baton.detect.FrustrationDetector;
import dev.baton.detect.IntentDetector;
import dev.baton.detect.MessageAnalyzer;
import dev.baton.handoff.Decision;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.Language;
import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.TextAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval handoff}: reads each labelled message ({@code text,intent,handoff}, optionally {@code language})
 * as the first message of a conversation, the way the bot does (intent and frustration, then the handoff policy),
 * and reports precision, recall and F1 of the decision to hand over at once, overall, per language and per intent.
 */
@Command(name = "handoff", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the immediate-handoff decision (cancel, refund, complaint, a person, frustration).")
final class HandoffEval implements Callable<Integer> {
    private static final String FIRST_MESSAGE = "1-0";

    @Option(names = "--test", required = true, description = "CSV text,intent,handoff (handoff 1 or 0), "
            + "optionally language.")
    Path test;

    @Option(names = "--questions", description = "Also read the in-scope rows (label not oos) of a knowledge-base "
            + "test file (text,label) and count those handed over: questions the knowledge base answers.")
    Path questions;

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
            MessageAnalyzer analyzer = new MessageAnalyzer(IntentDetector.load(), FrustrationDetector.load(),
                    analysis);
            HandoffPolicy policy = HandoffPolicy.DEFAULT;
            History empty = History.of(List.of());
            List<String> texts = rows.stream().map(row -> row.get("text")).toList();
            List<float[]> vectors = cached.embedAll(texts);
            Latencies latencies = new Latencies();
            BinaryScores scores = new BinaryScores();
            Map<String, BinaryScores> byLanguage = new TreeMap<>();
            Map<String, int[]> byIntent = new TreeMap<>();
            List<String> mistakes = new ArrayList<>();
            for (int pass = 0; pass < 2; pass++) { // the first pass warms the code up, untimed
                boolean timed = pass == 1;
                try (ProgressBar bar = Progress.bar(timed ? "detecting" : "warming up", rows.size())) {
                    for (int i = 0; i < rows.size(); i++) {
                        String text = texts.get(i);
                        String language = Language.detect(text);
                        float[] vector = language.equals(Language.ENGLISH) ? vectors.get(i) : null;
                        long start = System.nanoTime();
                        Analysis read = analyzer.analyze(FIRST_MESSAGE, text, language, vector, empty);
                        Optional<Decision> decision = policy.decide(read, false, empty.with(FIRST_MESSAGE, read));
                        long took = System.nanoTime() - start;
                        bar.step();
                        if (!timed) {
                            continue;
                        }
                        latencies.add(took);
                        boolean expected = "1".equals(rows.get(i).get("handoff").trim());
                        boolean predicted = decision.isPresent();
                        scores.add(expected, predicted);
                        byLanguage.computeIfAbsent(rows.get(i).getOrDefault("language", language),
                                l -> new BinaryScores()).add(expected, predicted);
                        int[] counts = byIntent.computeIfAbsent(rows.get(i).get("intent"), k -> new int[2]);
                        counts[0]++;
                        counts[1] += predicted ? 1 : 0;
                        if (expected != predicted && mistakes.size() < errors) {
                            mistakes.add(String.format("  %s (%s) -> %s  %s  %s", expected ? "handoff" : "no handoff",
                                    rows.get(i).get("intent"), decision.map(d -> d.reason().code()).orElse("none"),
                                    text, read.evidence()));
                        }
                    }
                }
            }
            byLanguage.forEach((language, s) -> System.out.printf("%-16s P %.3f  R %.3f  F1 %.3f%n", language,
                    s.precision(), s.recall(), s.f1()));
            byIntent.forEach((intent, c) -> System.out.printf("intent %-9s %d of %d handed over%n", intent, c[1],
                    c[0]));
            if (questions != null) {
                List<String> inScope = LabeledCsv.read(questions, List.of("text", "label")).stream()
                        .filter(row -> !"oos".equals(row.get("label"))).map(row -> row.get("text")).toList();
                List<float[]> questionVectors = cached.embedAll(inScope);
                int handedOver = 0;
                for (int i = 0; i < inScope.size(); i++) {
                    String language = Language.detect(inScope.get(i));
                    Analysis read = analyzer.analyze(FIRST_MESSAGE, inScope.get(i), language,
                            language.equals(Language.ENGLISH) ? questionVectors.get(i) : null, empty);
                    if (policy.decide(read, false, empty.with(FIRST_MESSAGE, read)).isPresent()) {
                        handedOver++;
                        if (errors > 0) {
                            System.out.printf("  in-scope question handed over: %s  %s%n", inScope.get(i),
                                    read.evidence());
                        }
                    }
                }
                System.out.printf("in-scope questions handed over  %d of %d (%s)%n", handedOver, inScope.size(),
                        Percent.of(handedOver / (double) Math.max(1, inScope.size())));
            }
            scores.print(rows.size(), latencies, mistakes, json, new ObjectMapper());
        }
        return 0;
    }
}
