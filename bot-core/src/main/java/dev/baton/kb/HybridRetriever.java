package dev.baton.kb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Retrieval by meaning and by words. For English, every article gets {@link RankFeatures} (cosine to its example
 * questions and title, cosine with the search instruction to its passages, BM25, the margin to the next article)
 * and the shipped {@link Ranker} turns them into the probability that it answers. Japanese, which the embedding
 * model does not know, is matched by kuromoji BM25 against Japanese articles and scored by how many of the
 * question's words an article has, scaled by its BM25 against the best article's; read through the glossary into
 * English, it also reaches English articles.
 */
public final class HybridRetriever implements Retriever, AutoCloseable {
    /** bge-small-en-v1.5's instruction for a short query that looks for passages (not for question to question). */
    static final String PASSAGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    private static final int DIMENSION = 384;
    private static final int LEXICAL_CANDIDATES = 50;

    private final Embedder articleEmbedder;
    private final Embedder questionEmbedder;
    private final LexicalIndex lexical;
    private final Glossary glossary;
    private final Ranker ranker;
    private final Spelling spelling;
    private final VectorIndex vectors = new VectorIndex(DIMENSION);

    /** One article's features for one question, before the ranker. */
    public record Candidate(String articleId, RankFeatures features) {}

    /**
     * @param articleEmbedder embeds article texts when indexing; usually a {@link CachingEmbedder}
     * @param questionEmbedder embeds questions, on the caller's thread
     */
    public HybridRetriever(TextAnalysis analysis, Embedder articleEmbedder, Embedder questionEmbedder) {
        this(analysis, articleEmbedder, questionEmbedder, Ranker.load());
    }

    public HybridRetriever(TextAnalysis analysis, Embedder articleEmbedder, Embedder questionEmbedder,
            Ranker ranker) {
        this.articleEmbedder = articleEmbedder;
        this.questionEmbedder = questionEmbedder;
        this.lexical = new LexicalIndex(analysis);
        this.spelling = new Spelling(lexical::spellingInArticles);
        this.glossary = Glossary.load();
        this.ranker = ranker;
    }

    @Override
    public Question prepare(String text) {
        String language = Language.detect(text);
        if (Language.ENGLISH.equals(language)) {
            return english(spelling.correct(text));
        }
        String gloss = glossary.english(text);
        return new Question(text, language, null, null, gloss.isBlank() ? null : english(gloss));
    }

    private Question english(String text) {
        return new Question(text, Language.ENGLISH, questionEmbedder.embed(text),
                questionEmbedder.embed(PASSAGE_QUERY_INSTRUCTION + text), null);
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
            List<String> passages = new ArrayList<>();
            passages.add(article.title());
            passages.addAll(ArticleText.of(article).passages(article.title()));
            spans.add(new int[] {texts.size(), questions.size(), passages.size()});
            texts.addAll(questions);
            texts.addAll(passages);
        }
        List<float[]> embedded = articleEmbedder.embedAll(texts);
        List<VectorIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            int[] span = spans.get(i);
            float[] questions = flatten(embedded.subList(span[0], span[0] + span[1]));
            float[] passages = flatten(embedded.subList(span[0] + span[1], span[0] + span[1] + span[2]));
            entries.add(new VectorIndex.Entry(english.get(i).id(), questions,
                    Vectors.centroid(questions, span[1], DIMENSION), passages));
        }
        vectors.putAll(entries);
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
    }

    @Override
    public List<Match> search(Question question, int limit) {
        if (question.vector() != null) {
            return best(ranked(question), limit);
        }
        List<Match> byWords = new ArrayList<>();
        Map<String, Double> bm25 = lexical.scores(question.text(), question.language(), LEXICAL_CANDIDATES);
        double bestWords = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (Map.Entry<String, Double> hit : bm25.entrySet()) {
            // Two articles can both have every word of the question (a long pricing page mentions bank transfers
            // too); BM25, which weighs titles and examples over the body, tells which one is about it.
            double confidence = lexical.coverage(question.text(), question.language(), hit.getKey())
                    * hit.getValue() / bestWords;
            byWords.add(new Match(hit.getKey(), confidence, confidence, true));
        }
        List<Match> matches = new ArrayList<>(best(byWords, limit));
        if (question.english() != null) {
            // Read in English it reaches English articles too; scores of both kinds are not comparable, so each
            // kind keeps its best and the answerer weighs them against their own thresholds.
            matches.addAll(best(ranked(question.english()), limit));
        }
        return matches;
    }

    private List<Match> ranked(Question english) {
        List<Match> matches = new ArrayList<>();
        for (Candidate candidate : candidates(english)) {
            double p = ranker.probability(candidate.features());
            matches.add(new Match(candidate.articleId(), p, p, false));
        }
        return matches;
    }

    private static List<Match> best(List<Match> matches, int limit) {
        List<Match> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparingDouble(Match::score).reversed());
        return sorted.size() > limit ? List.copyOf(sorted.subList(0, limit)) : sorted;
    }

    /** Every English article with its features for an English question (or a question read in English). */
    public List<Candidate> candidates(Question question) {
        Map<String, Double> bm25 = lexical.scores(question.text(), Language.ENGLISH, LEXICAL_CANDIDATES);
        double bestBm25 = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double unknown = lexical.unknownShare(question.text(), Language.ENGLISH);
        VectorIndex.Similarities s = vectors.similarities(question.vector(), question.passageVector());
        int n = s.articleIds().size();
        double[] meaning = new double[n];
        int best = -1;
        int second = -1;
        for (int a = 0; a < n; a++) {
            meaning[a] = RankFeatures.meaning(s.bestQuestion()[a], s.centroid()[a], s.bestUnit()[a]);
            if (best < 0 || meaning[a] > meaning[best]) {
                second = best;
                best = a;
            } else if (second < 0 || meaning[a] > meaning[second]) {
                second = a;
            }
        }
        List<Candidate> candidates = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            int other = a == best ? second : best;
            double margin = other < 0 ? meaning[a] : meaning[a] - meaning[other];
            String id = s.articleIds().get(a);
            candidates.add(new Candidate(id, new RankFeatures(s.bestQuestion()[a], s.centroid()[a],
                    s.bestUnit()[a], bm25.getOrDefault(id, 0.0) / bestBm25, margin, unknown)));
        }
        return candidates;
    }

    @Override
    public double[] unitSimilarities(String articleId, Question question) {
        Question english = question.vector() != null ? question : question.english();
        return english == null ? null : vectors.unitSimilarities(articleId, english.passageVector());
    }

    @Override
    public void close() throws IOException {
        lexical.close();
    }
}
