package dev.baton.kb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Chooses a knowledge base's thresholds from the knowledge base itself, at import and publish, never per question.
 * Its example questions are asked of it with that example left out (in folds: the k-th example of every article
 * is left out at once), so each is a near miss to the other articles; the built-in bank of off-topic and
 * other-company questions ({@code off-topic-questions.txt}) is asked of the whole of it. The thresholds are the
 * lowest that keep to the targets below, per kind of confidence (ranker probability, share of words).
 */
public final class KbCalibrator {
    /** At most this share of the examples may be answered with a wrong article. */
    static final double WRONG_ANSWERED_TARGET = 0.03;
    /** At most this share of the off-topic bank may be answered with an article. */
    static final double OFF_TOPIC_ANSWERED_TARGET = 0.08;
    /** At most this share of the off-topic bank may be answered or offered choices; the rest is "not sure". */
    static final double OFF_TOPIC_OFFERED_TARGET = 0.30;
    /** The lowest thresholds whatever the measures say: below them an answer is a coin toss. */
    static final double MIN_ANSWER = 0.35;
    static final double MIN_OFFER = 0.08;
    /** Folds of left-out examples (an article rarely has more than a few) and examples asked at most. */
    static final int FOLDS = 4;
    static final int MAX_EXAMPLES_ASKED = 600;
    private static final String BANK = "/dev/baton/kb/off-topic-questions.txt";
    /**
     * Names how confidences are computed beyond the ranker's weights; changed with them, so thresholds stored for
     * the old ones are measured again instead of read.
     */
    private static final String SCORING = "words-by-bm25, spelling";

    /** A throwaway knowledge base over some articles; closing it frees its index. */
    public interface Scratch extends AutoCloseable {
        Answerer answerer();

        @Override
        void close();
    }

    /** One question asked: its best match and whether that was the right article (null for off-topic). */
    record Asked(Match best, Boolean right) {}

    private final Function<List<Article>, Scratch> scratch;
    private final List<String> offTopic;

    /** @param scratch builds a knowledge base of the given articles (from cached embeddings, so it is cheap) */
    public KbCalibrator(Function<List<Article>, Scratch> scratch) {
        this.scratch = scratch;
        this.offTopic = loadBank();
    }

    /** A hash of everything answering depends on, so stored calibrations are matched to their content. */
    public static String contentHash(List<Article> articles) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            articles.stream().sorted(java.util.Comparator.comparing(Article::id)).forEach(a -> digest.update(
                    (a.id() + "\u0000" + a.title() + "\u0000" + a.body() + "\u0000" + a.language() + "\u0000"
                            + String.join("\u0001", a.examples()) + "\u0002").getBytes(StandardCharsets.UTF_8)));
            digest.update((Ranker.load().fingerprint() + SCORING).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public KbCalibration calibrate(List<Article> articles) {
        List<Asked> examples = askExamples(articles);
        List<Asked> offTopicAsked;
        try (Scratch whole = scratch.apply(articles)) {
            offTopicAsked = offTopic.stream().map(q -> ask(whole.answerer(), q, null)).flatMap(Optional::stream)
                    .toList();
        }
        List<Asked> all = new ArrayList<>(examples);
        all.addAll(offTopicAsked);
        double english = answerThreshold(all, false, AnswerPolicy.DEFAULT.englishThreshold());
        double words = answerThreshold(all, true, AnswerPolicy.DEFAULT.wordThreshold());
        AnswerPolicy policy = new AnswerPolicy(english, words,
                offerThreshold(offTopicAsked, false, english), offerThreshold(offTopicAsked, true, words));
        return measure(policy, examples, offTopicAsked, contentHash(articles), false);
    }

    /** The shares of {@link KbCalibration} at thresholds an admin chose. */
    public KbCalibration measureAt(List<Article> articles, AnswerPolicy policy) {
        List<Asked> examples = askExamples(articles);
        try (Scratch whole = scratch.apply(articles)) {
            List<Asked> offTopicAsked = offTopic.stream().map(q -> ask(whole.answerer(), q, null))
                    .flatMap(Optional::stream).toList();
            return measure(policy, examples, offTopicAsked, contentHash(articles), true);
        }
    }

    private List<Asked> askExamples(List<Article> articles) {
        // At most one example per article and fold can be left out; of those, every n-th article's (a sample).
        int candidates = articles.stream().mapToInt(a -> Math.min(FOLDS, a.examples().size())).sum();
        int every = Math.max(1, (int) Math.ceil(candidates / (double) MAX_EXAMPLES_ASKED));
        List<Asked> asked = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Article> without = new ArrayList<>();
            List<String[]> held = new ArrayList<>();
            for (int a = 0; a < articles.size(); a++) {
                Article article = articles.get(a);
                int k = fold;
                if (article.examples().size() > k && article.examples().size() > 1 && a % every == 0) {
                    held.add(new String[] {article.examples().get(k), article.id()});
                    List<String> rest = new ArrayList<>(article.examples());
                    rest.remove(k);
                    article = new Article(article.id(), article.title(), article.body(), article.tags(),
                            article.language(), rest);
                }
                without.add(article);
            }
            if (held.isEmpty()) {
                continue;
            }
            try (Scratch kb = scratch.apply(without)) {
                for (String[] question : held) {
                    ask(kb.answerer(), question[0], question[1]).ifPresent(asked::add);
                }
            }
        }
        return asked;
    }

    /** Stops between questions when the thread is interrupted (the server is stopping and frees the model). */
    private static Optional<Asked> ask(Answerer answerer, String text, String expected) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("calibration stopped");
        }
        List<Match> ranked = answerer.ranked(answerer.prepare(text));
        return ranked.isEmpty() ? Optional.empty()
                : Optional.of(new Asked(ranked.get(0), expected == null ? null : expected.equals(
                        ranked.get(0).articleId())));
    }

    /** The lowest threshold at which few examples get a wrong article and few off-topic questions any. */
    private static double answerThreshold(List<Asked> asked, boolean byWords, double fallback) {
        List<Asked> kind = asked.stream().filter(a -> a.best().byWords() == byWords).toList();
        long examples = asked.stream().filter(a -> a.right() != null).count();
        long offTopic = asked.stream().filter(a -> a.right() == null).count();
        if (kind.isEmpty()) {
            return fallback;
        }
        for (double t = MIN_ANSWER; t < 0.99; t += 0.01) {
            double at = t;
            long wrong = kind.stream().filter(a -> Boolean.FALSE.equals(a.right()) && a.best().confidence() >= at)
                    .count();
            long slipped = kind.stream().filter(a -> a.right() == null && a.best().confidence() >= at).count();
            if (wrong <= WRONG_ANSWERED_TARGET * examples && slipped <= OFF_TOPIC_ANSWERED_TARGET * offTopic) {
                return round(t);
            }
        }
        return 0.99;
    }

    /** The lowest threshold at which few off-topic questions get choices (never above the answer threshold). */
    private static double offerThreshold(List<Asked> offTopic, boolean byWords, double answer) {
        for (double t = MIN_OFFER; t < answer; t += 0.01) {
            double at = t;
            long offered = offTopic.stream().filter(a -> a.best().byWords() == byWords
                    && a.best().confidence() >= at).count();
            if (offered <= OFF_TOPIC_OFFERED_TARGET * offTopic.size()) {
                return round(t);
            }
        }
        return answer;
    }

    private static KbCalibration measure(AnswerPolicy policy, List<Asked> examples, List<Asked> offTopic,
            String hash, boolean overridden) {
        int n = Math.max(1, examples.size());
        int m = Math.max(1, offTopic.size());
        long answered = examples.stream().filter(a -> a.right() && answered(policy, a.best())).count();
        long wrong = examples.stream().filter(a -> !a.right() && answered(policy, a.best())).count();
        long answeredOrOffered = examples.stream().filter(a -> a.right() && offered(policy, a.best())).count();
        long slipped = offTopic.stream().filter(a -> answered(policy, a.best())).count();
        long offered = offTopic.stream().filter(a -> offered(policy, a.best())).count() - slipped;
        return new KbCalibration(policy, answered / (double) n, answeredOrOffered / (double) n, wrong / (double) n,
                slipped / (double) m, offered / (double) m, examples.size(), offTopic.size(), hash,
                Instant.now().toString(), overridden);
    }

    private static boolean answered(AnswerPolicy policy, Match best) {
        return best.confidence() >= policy.thresholdFor(best);
    }

    /** Answered or offered: the right article among the choices counts only as the first here (a lower bound). */
    private static boolean offered(AnswerPolicy policy, Match best) {
        return best.confidence() >= policy.offerThresholdFor(best);
    }

    private static double round(double t) {
        return Math.round(t * 100) / 100.0;
    }

    private static List<String> loadBank() {
        List<String> lines = new ArrayList<>();
        try (InputStream in = KbCalibrator.class.getResourceAsStream(BANK);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(lines);
    }
}
