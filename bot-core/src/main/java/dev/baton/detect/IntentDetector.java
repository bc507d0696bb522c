package dev.baton.detect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.EmbeddingClassifier;
import dev.baton.kb.Embedder;
import dev.baton.kb.Language;
import dev.baton.kb.TextAnalysis;
import dev.baton.kb.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells, per customer message, whether they ask to cancel, for a refund, to complain or for a person, as opposed to
 * asking about those things. English: an embedding classifier over the project's own example phrases (closest
 * example, centre of the examples and a logistic regression fitted on them) plus {@link IntentRules}. Japanese,
 * which the model does not know: the examples' words (kuromoji) plus the rules.
 */
public final class IntentDetector {
    private static final String EXAMPLES = "/dev/baton/detect/intent-examples.json";
    private static final String NONE = IntentRules.NONE;
    private static final int DIMENSION = 384;
    private static final double CLASSIFIER_WEIGHT = 0.3;
    /** A Japanese message must share at least this much (Dice) with an example, unless a rule speaks. */
    private static final double JAPANESE_MIN_SIMILARITY = 0.3;

    private final TextAnalysis analysis;
    private final List<String> labels;
    private final Map<String, List<String>> englishExamples = new LinkedHashMap<>();
    private final Map<String, float[]> englishRows = new LinkedHashMap<>();
    private final Map<String, float[]> centroids = new LinkedHashMap<>();
    private final Map<String, List<Set<String>>> japaneseTerms = new LinkedHashMap<>();
    private final Map<String, List<String>> japaneseExamples = new LinkedHashMap<>();
    private final EmbeddingClassifier classifier;

    /** The detector's verdict: the request, or null for none; how sure; and why. */
    public record Result(Intent intent, double score, List<String> evidence) {}

    private IntentDetector(Map<String, List<String>> examples, Embedder embedder, TextAnalysis analysis) {
        this.analysis = analysis;
        this.labels = List.copyOf(examples.keySet());
        List<EmbeddingClassifier.TrainingExample> training = new ArrayList<>();
        for (var entry : examples.entrySet()) {
            List<String> english = new ArrayList<>();
            List<Set<String>> japanese = new ArrayList<>();
            List<String> japaneseTexts = new ArrayList<>();
            for (String example : entry.getValue()) {
                if (Language.detect(example).equals(Language.JAPANESE)) {
                    japanese.add(analysis.terms(example, Language.JAPANESE));
                    japaneseTexts.add(example);
                } else {
                    english.add(example);
                }
            }
            List<float[]> vectors = embedder.embedAll(english);
            float[] rows = new float[vectors.size() * DIMENSION];
            for (int i = 0; i < vectors.size(); i++) {
                System.arraycopy(vectors.get(i), 0, rows, i * DIMENSION, DIMENSION);
                training.add(new EmbeddingClassifier.TrainingExample(entry.getKey(), vectors.get(i)));
            }
            englishExamples.put(entry.getKey(), english);
            englishRows.put(entry.getKey(), rows);
            centroids.put(entry.getKey(), Vectors.centroid(rows, vectors.size(), DIMENSION));
            japaneseTerms.put(entry.getKey(), japanese);
            japaneseExamples.put(entry.getKey(), japaneseTexts);
        }
        this.classifier = EmbeddingClassifier.fit(training, DIMENSION, 30);
    }

    /** Loads the shipped example phrases and fits the classifier (a second or two, once per process). */
    public static IntentDetector load(Embedder embedder, TextAnalysis analysis) {
        try (InputStream in = IntentDetector.class.getResourceAsStream(EXAMPLES)) {
            Map<String, List<String>> examples = new ObjectMapper().readValue(in,
                    new TypeReference<LinkedHashMap<String, List<String>>>() {});
            return new IntentDetector(examples, embedder, analysis);
        } catch (IOException e) {
            throw new UncheckedIOException("the intent examples are missing from the classpath", e);
        }
    }

    /**
     * @param vector the message's embedding, already computed for retrieval; null for Japanese
     */
    public Result detect(String text, String language, float[] vector) {
        boolean english = vector != null && Language.ENGLISH.equals(language);
        List<IntentRules.Hit> hits = english ? IntentRules.english(text) : IntentRules.japanese(text);
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> closest = new LinkedHashMap<>();
        if (english) {
            Map<String, Double> probabilities = classifier.probabilities(vector);
            for (String label : labels) {
                float[] rows = englishRows.get(label);
                double best = -1;
                int bestRow = -1;
                for (int r = 0; r * DIMENSION < rows.length; r++) {
                    double similarity = Vectors.dot(vector, rows, r * DIMENSION);
                    if (similarity > best) {
                        best = similarity;
                        bestRow = r;
                    }
                }
                scores.put(label, 0.5 * best + 0.5 * Vectors.dot(vector, centroids.get(label), 0)
                        + CLASSIFIER_WEIGHT * probabilities.getOrDefault(label, 0.0));
                if (bestRow >= 0) {
                    closest.put(label, englishExamples.get(label).get(bestRow));
                }
            }
        } else {
            Set<String> terms = analysis.terms(text, Language.JAPANESE);
            for (String label : labels) {
                double best = 0;
                List<Set<String>> examples = japaneseTerms.get(label);
                for (int i = 0; i < examples.size(); i++) {
                    double similarity = dice(terms, examples.get(i));
                    if (similarity > best) {
                        best = similarity;
                        closest.put(label, japaneseExamples.get(label).get(i));
                    }
                }
                scores.put(label, best);
            }
        }
        hits.forEach(hit -> scores.merge(hit.label(), hit.boost(), Double::sum));
        String top = NONE;
        for (var entry : scores.entrySet()) {
            if (entry.getValue() > scores.getOrDefault(top, Double.NEGATIVE_INFINITY)) {
                top = entry.getKey();
            }
        }
        boolean weakJapanese = !english && hits.isEmpty() && scores.get(top) < JAPANESE_MIN_SIMILARITY;
        if (top.equals(NONE) || weakJapanese) {
            return new Result(null, 0, List.of());
        }
        List<String> evidence = new ArrayList<>();
        String winner = top;
        hits.stream().filter(hit -> hit.label().equals(winner)).forEach(hit -> evidence.add(hit.evidence()));
        if (closest.containsKey(top)) {
            evidence.add("reads like \"" + closest.get(top) + "\"");
        }
        return new Result(Intent.valueOf(top.toUpperCase(java.util.Locale.ROOT)), Math.min(1, scores.get(top)),
                evidence);
    }

    private static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        return 2.0 * shared.size() / (a.size() + b.size());
    }
}
