package dev.baton.kb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Retrieval by meaning and by words. For English, each article's score is the cosine similarity of the question
 * to its closest example question and to the centre of all of them (half each; measured better than either alone),
 * or to its closest body sentence, plus a small share of BM25. Japanese, which the embedding model does not know,
 * is matched by kuromoji BM25 and scored by how many of the question's words the article has. A classifier
 * fitted on the example questions re-ranks the English candidates.
 */
public final class HybridRetriever implements Retriever, AutoCloseable {
    /** BM25, normalised by the best article's, adds a little; measured on BANKING77, more starts to hurt. */
    static final double BM25_WEIGHT = 0.05;
    /** The classifier's probability re-ranks close articles; measured on CLINC150 val and BANKING77 fit/check. */
    static final double CLASSIFIER_WEIGHT = 0.2;
    private static final int CLASSIFIER_EPOCHS = 10;
    private static final int DIMENSION = 384;
    private static final int LEXICAL_CANDIDATES = 50;

    private final Embedder articleEmbedder;
    private final Embedder questionEmbedder;
    private final LexicalIndex lexical;
    private final VectorIndex vectors = new VectorIndex(DIMENSION);
    private final ExecutorService training = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "baton-classifier");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean trainingScheduled = new AtomicBoolean();
    private volatile CompletableFuture<Void> latestTraining = CompletableFuture.completedFuture(null);
    private volatile EmbeddingClassifier classifier;

    /**
     * @param articleEmbedder embeds article texts when indexing; usually a {@link CachingEmbedder}
     * @param questionEmbedder embeds questions, on the caller's thread
     */
    public HybridRetriever(TextAnalysis analysis, Embedder articleEmbedder, Embedder questionEmbedder) {
        this.articleEmbedder = articleEmbedder;
        this.questionEmbedder = questionEmbedder;
        this.lexical = new LexicalIndex(analysis);
    }

    @Override
    public Question prepare(String text) {
        String language = Language.detect(text);
        return new Question(text, language, Language.ENGLISH.equals(language) ? questionEmbedder.embed(text) : null);
    }

    @Override
    public void index(Collection<Article> articles) {
        List<Article> all = List.copyOf(articles);
        lexical.index(all);
        List<Article> english = all.stream().filter(a -> Language.ENGLISH.equals(a.language())).toList();
        all.stream().filter(a -> !Language.ENGLISH.equals(a.language())).forEach(a -> vectors.remove(a.id()));
        List<String> texts = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (Article article : english) {
            List<String> questions = questionTexts(article);
            List<String> units = ArticleText.of(article).units();
            spans.add(new int[] {texts.size(), questions.size(), units.size()});
            texts.addAll(questions);
            texts.addAll(units);
        }
        List<float[]> embedded = articleEmbedder.embedAll(texts);
        List<VectorIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            int[] span = spans.get(i);
            float[] questions = flatten(embedded.subList(span[0], span[0] + span[1]));
            float[] units = flatten(embedded.subList(span[0] + span[1], span[0] + span[1] + span[2]));
            entries.add(new VectorIndex.Entry(english.get(i).id(), questions,
                    Vectors.centroid(questions, span[1], DIMENSION), units));
        }
        vectors.putAll(entries);
        retrainSoon();
    }

    /**
     * Fits the classifier again in the background; changes that arrive while one fit runs share the next one.
     * Until it is done, the previous classifier (or none) ranks, so answering never waits for training.
     */
    private void retrainSoon() {
        if (trainingScheduled.compareAndSet(false, true)) {
            latestTraining = CompletableFuture.runAsync(() -> {
                trainingScheduled.set(false);
                List<EmbeddingClassifier.TrainingExample> examples = new ArrayList<>();
                for (VectorIndex.Entry entry : vectors.entries()) {
                    float[] rows = entry.questions();
                    for (int offset = 0; offset < rows.length; offset += DIMENSION) {
                        examples.add(new EmbeddingClassifier.TrainingExample(entry.articleId(),
                                Arrays.copyOfRange(rows, offset, offset + DIMENSION)));
                    }
                }
                classifier = EmbeddingClassifier.fit(examples, DIMENSION, CLASSIFIER_EPOCHS);
            }, training);
        }
    }

    /** Waits until the classifier reflects every change so far (tools that measure need it settled). */
    public void awaitClassifier() {
        while (true) {
            CompletableFuture<Void> current = latestTraining;
            current.join();
            if (current == latestTraining && !trainingScheduled.get()) {
                return;
            }
        }
    }

    /** What a customer might type for this article: its example questions and its title. */
    private static List<String> questionTexts(Article article) {
        List<String> texts = new ArrayList<>(article.examples());
        texts.add(article.title());
        return texts;
    }

    private static float[] flatten(List<float[]> rows) {
        float[] flat = new float[rows.size() * DIMENSION];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * DIMENSION, DIMENSION);
        }
        return flat;
    }

    @Override
    public void remove(String articleId) {
        lexical.remove(articleId);
        vectors.remove(articleId);
        retrainSoon();
    }

    @Override
    public List<Match> search(Question question, int limit) {
        Map<String, Double> bm25 = lexical.scores(question.text(), question.language(), LEXICAL_CANDIDATES);
        double bestBm25 = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<Match> matches = new ArrayList<>();
        if (question.vector() == null) {
            // Without embeddings BM25 ranks (example questions weigh double); coverage says how sure that is.
            for (var hit : bm25.entrySet()) {
                double coverage = lexical.coverage(question.text(), question.language(), hit.getKey());
                matches.add(new Match(hit.getKey(), hit.getValue() / bestBm25, coverage));
            }
        } else {
            VectorIndex.Similarities similarities = vectors.similarities(question.vector());
            EmbeddingClassifier current = classifier;
            Map<String, Double> probabilities = current == null ? Map.of() : current.probabilities(question.vector());
            for (int a = 0; a < similarities.articleIds().size(); a++) {
                String id = similarities.articleIds().get(a);
                double meaning = Math.max(0.5 * similarities.bestQuestion()[a] + 0.5 * similarities.centroid()[a],
                        similarities.bestUnit()[a]);
                double words = bm25.getOrDefault(id, 0.0) / bestBm25;
                double score = meaning + BM25_WEIGHT * words + CLASSIFIER_WEIGHT * probabilities.getOrDefault(id, 0.0);
                matches.add(new Match(id, score, meaning));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
    }

    @Override
    public double[] unitSimilarities(String articleId, Question question) {
        return question.vector() == null ? null : vectors.unitSimilarities(articleId, question.vector());
    }

    @Override
    public void close() throws IOException {
        training.shutdownNow();
        lexical.close();
    }
}
