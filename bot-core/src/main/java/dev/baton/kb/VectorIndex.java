package dev.baton.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meaning side of retrieval: every article's question-like texts (example questions and title) and its
 * passages (the title as a passage, then one per body unit) as unit vectors, kept in flat arrays so a question is compared with all of them in one pass (a dot product
 * over 15,000 rows takes a few milliseconds this way, several times longer as {@code float[][]}).
 */
final class VectorIndex {

    /** One article's vectors: question rows and body-unit rows, each {@code dimension} floats one after another. */
    record Entry(String articleId, float[] questions, float[] centroid, float[] units) {}

    /** Similarities of one question to every article, aligned with {@code articleIds}. */
    record Similarities(List<String> articleIds, double[] bestQuestion, double[] centroid, double[] bestUnit) {}

    /** Everything flattened for scoring; replaced whole on every change, so searches never see half an update. */
    private record Snapshot(List<String> articleIds, float[] questionRows, int[] questionOwner, float[] centroids,
            float[] unitRows, int[] unitOwner) {}

    private final int dimension;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), new float[0], new int[0], new float[0],
            new float[0], new int[0]);

    VectorIndex(int dimension) {
        this.dimension = dimension;
    }

    synchronized void putAll(Collection<Entry> added) {
        added.forEach(entry -> entries.put(entry.articleId(), entry));
        rebuild();
    }

    synchronized void remove(String articleId) {
        if (entries.remove(articleId) != null) {
            rebuild();
        }
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }


    private void rebuild() {
        List<Entry> all = new ArrayList<>(entries.values());
        int questionCount = all.stream().mapToInt(e -> e.questions().length / dimension).sum();
        int unitCount = all.stream().mapToInt(e -> e.units().length / dimension).sum();
        float[] questionRows = new float[questionCount * dimension];
        int[] questionOwner = new int[questionCount];
        float[] centroids = new float[all.size() * dimension];
        float[] unitRows = new float[unitCount * dimension];
        int[] unitOwner = new int[unitCount];
        int q = 0;
        int u = 0;
        for (int a = 0; a < all.size(); a++) {
            Entry entry = all.get(a);
            System.arraycopy(entry.questions(), 0, questionRows, q * dimension, entry.questions().length);
            for (int end = q + entry.questions().length / dimension; q < end; q++) {
                questionOwner[q] = a;
            }
            System.arraycopy(entry.units(), 0, unitRows, u * dimension, entry.units().length);
            for (int end = u + entry.units().length / dimension; u < end; u++) {
                unitOwner[u] = a;
            }
            System.arraycopy(entry.centroid(), 0, centroids, a * dimension, dimension);
        }
        snapshot = new Snapshot(all.stream().map(Entry::articleId).toList(), questionRows, questionOwner, centroids,
                unitRows, unitOwner);
    }

    /**
     * @param query the question's embedding, matched with question-like texts
     * @param passageQuery its embedding with the search instruction, matched with passages
     */
    Similarities similarities(float[] query, float[] passageQuery) {
        Snapshot s = snapshot;
        int articles = s.articleIds().size();
        double[] bestQuestion = new double[articles];
        double[] centroid = new double[articles];
        double[] bestUnit = new double[articles];
        Arrays.fill(bestQuestion, -1);
        Arrays.fill(bestUnit, -1);
        for (int r = 0; r < s.questionOwner().length; r++) {
            double similarity = Vectors.dot(query, s.questionRows(), r * dimension);
            int owner = s.questionOwner()[r];
            if (similarity > bestQuestion[owner]) {
                bestQuestion[owner] = similarity;
            }
        }
        for (int r = 0; r < s.unitOwner().length; r++) {
            double similarity = Vectors.dot(passageQuery, s.unitRows(), r * dimension);
            int owner = s.unitOwner()[r];
            if (similarity > bestUnit[owner]) {
                bestUnit[owner] = similarity;
            }
        }
        for (int a = 0; a < articles; a++) {
            centroid[a] = Vectors.dot(query, s.centroids(), a * dimension);
        }
        return new Similarities(s.articleIds(), bestQuestion, centroid, bestUnit);
    }

    /**
     * The question's similarity to each body unit of one article, in the article's order (the title's passage, the
     * first row, left out); null if not indexed.
     */
    double[] unitSimilarities(String articleId, float[] passageQuery) {
        Entry entry = entries.get(articleId);
        if (entry == null) {
            return null;
        }
        double[] similarities = new double[entry.units().length / dimension - 1];
        for (int i = 0; i < similarities.length; i++) {
            similarities[i] = Vectors.dot(passageQuery, entry.units(), (i + 1) * dimension);
        }
        return similarities;
    }
}
