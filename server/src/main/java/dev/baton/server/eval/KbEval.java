package dev.baton.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Answer;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.Article;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.kb.KbCalibration;
import dev.baton.kb.Language;
import dev.baton.kb.Match;
import dev.baton.kb.Question;
import dev.baton.server.Answering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval kb}: builds a knowledge base (from a labelled training file, one article per label, or from a
 * file of articles), calibrates it as an import does, answers every test row through the same answerer the chat
 * uses, and reports ranking (top-1, top-3), what the customer would get (answered right, offered, wrong, not sure),
 * out-of-scope rows answered, Japanese rows and latency.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure answers, choices and refusals: a knowledge base from --train or --kb, questions "
                + "from --test.")
final class KbEval implements Callable<Integer> {
    static final String OUT_OF_SCOPE = "oos";

    @Option(names = "--train", description = "CSV text,label: one article per label.")
    Path train;

    @Option(names = "--kb", description = "Instead of --train: a knowledge base as a JSON array of articles "
            + "({id, title, body, tags, language, examples}); test labels are article ids.")
    Path knowledgeBaseFile;

    @Option(names = "--test", required = true, description = "CSV text,label to answer; label oos must not be "
            + "answered. Repeat to add files (e.g. extra out-of-scope questions).")
    List<Path> tests;

    @Option(names = "--shots", description = "Keep only the first N rows of each label as examples.")
    Integer shots;

    @Option(names = "--uncalibrated", description = "Use the default thresholds instead of calibrating the "
            + "knowledge base.")
    boolean uncalibrated;

    @Option(names = "--errors", defaultValue = "0", description = "List up to N mistakes.")
    int errors;

    @Option(names = "--json", description = "End with one line of JSON holding the figures.")
    boolean json;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs "
            + "(default: ~/.cache/baton/embeddings-<model>.bin).")
    Path embeddingCache;

    /** One answered test row: the ranking, and what the customer got. */
    record Outcome(String text, String expected, String language, List<String> ranked, double confidence,
            boolean confident, List<String> choices) {
        boolean outOfScope() {
            return expected.equals(OUT_OF_SCOPE);
        }

        boolean top1() {
            return !ranked.isEmpty() && ranked.get(0).equals(expected);
        }

        boolean top3() {
            return ranked.subList(0, Math.min(3, ranked.size())).contains(expected);
        }

        boolean offered() {
            return !confident && !choices.isEmpty();
        }

        boolean rightAnswered() {
            return confident && top1();
        }

        boolean rightAnsweredOrOffered() {
            return rightAnswered() || offered() && choices.contains(expected);
        }

        String got() {
            return confident ? ranked.get(0) : offered() ? "offered " + choices : "not sure";
        }
    }

    @Override
    public Integer call() throws Exception {
        if ((train == null) == (knowledgeBaseFile == null)) {
            throw new IllegalArgumentException("Give either --train or --kb.");
        }
        List<Article> articles = train != null ? articles(LabeledCsv.read(train, List.of("text", "label")), shots)
                : ArticlesFile.read(knowledgeBaseFile);
        List<Map<String, String>> testRows = new ArrayList<>();
        for (Path test : tests) {
            testRows.addAll(LabeledCsv.read(test, List.of("text", "label")));
        }
        try (Answering answering = new Answering(new InMemoryArticleStore(),
                model -> EmbeddingCacheFiles.open(embeddingCache, model))) {
            System.err.printf("Indexing %d articles with %d example questions…%n", articles.size(),
                    articles.stream().mapToInt(a -> a.examples().size()).sum());
            answering.knowledgeBase().saveAll(articles);
            long start = System.nanoTime();
            KbCalibration calibration = uncalibrated ? null : answering.calibrator().calibrate(articles);
            double calibrationSeconds = (System.nanoTime() - start) / 1e9;
            AnswerPolicy policy = calibration == null ? AnswerPolicy.DEFAULT : calibration.policy();
            Answerer answerer = answering.answerer(policy);
            warmUp(answerer, articles);
            Latencies latencies = new Latencies();
            List<Outcome> outcomes = answerAll(answerer, testRows, latencies);
            report(articles, outcomes, policy, calibration, calibrationSeconds, latencies);
        }
        return 0;
    }

    /** Enough for the JIT to compile the hot paths; a server answers thousands of questions a day. */
    static final int WARM_UP_QUESTIONS = 1000;

    /** Answers some example questions untimed, so the timings measure the warm code customers get. */
    private static void warmUp(Answerer answerer, List<Article> articles) {
        articles.stream().flatMap(a -> a.examples().stream()).limit(WARM_UP_QUESTIONS).forEach(answerer::answer);
    }

    static List<Article> articles(List<Map<String, String>> rows, Integer shots) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String label = row.get("label");
            if (!label.equals(OUT_OF_SCOPE)) {
                List<String> texts = examples.computeIfAbsent(label, l -> new ArrayList<>());
                if (shots == null || texts.size() < shots) {
                    texts.add(row.get("text"));
                }
            }
        }
        List<Article> articles = new ArrayList<>();
        examples.forEach((label, texts) -> articles.add(new Article(label, readable(label), "", List.of(),
                majorityLanguage(texts), texts)));
        return articles;
    }

    /** {@code card_arrival} and {@code CARD_ARRIVAL} become "Card arrival". */
    static String readable(String label) {
        String words = label.replace('_', ' ').replace('-', ' ').trim().toLowerCase(Locale.ROOT);
        return words.isEmpty() ? label : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String majorityLanguage(List<String> texts) {
        long japanese = texts.stream().filter(t -> Language.detect(t).equals(Language.JAPANESE)).count();
        return japanese * 2 > texts.size() ? Language.JAPANESE : Language.ENGLISH;
    }

    private static List<Outcome> answerAll(Answerer answerer, List<Map<String, String>> rows, Latencies latencies) {
        List<Outcome> outcomes = new ArrayList<>();
        try (ProgressBar bar = Progress.bar("answering", rows.size())) {
            for (Map<String, String> row : rows) {
                long start = System.nanoTime();
                Question question = answerer.prepare(row.get("text"));
                Optional<Answer> answer = answerer.answer(question);
                latencies.add(System.nanoTime() - start);
                List<String> ranked = answerer.ranked(question).stream().map(Match::articleId).distinct().toList();
                outcomes.add(new Outcome(row.get("text"), row.get("label"), question.language(), ranked,
                        answer.map(Answer::confidence).orElse(0.0), answer.map(Answer::confident).orElse(false),
                        answer.map(a -> a.choices().stream().map(Article::id).toList()).orElse(List.of())));
                bar.step();
            }
        }
        return outcomes;
    }

    private void report(List<Article> articles, List<Outcome> outcomes, AnswerPolicy policy,
            KbCalibration calibration, double calibrationSeconds, Latencies latencies) throws Exception {
        KbFigures figures = KbFigures.of(outcomes);
        Map<String, Double> s = figures.shares();
        System.out.printf("knowledge base     %d articles, %d example questions%n", articles.size(),
                articles.stream().mapToInt(a -> a.examples().size()).sum());
        System.out.printf("test               %d in scope (%d Japanese), %d out of scope%n", figures.inScope(),
                figures.japaneseInScope(), figures.outOfScope());
        System.out.printf("thresholds         answer %.2f, offer %.2f; by words answer %.2f, offer %.2f (%s)%n",
                policy.englishThreshold(), policy.englishOfferThreshold(), policy.wordThreshold(),
                policy.wordOfferThreshold(), calibration == null ? "defaults" : String.format(
                        "calibrated in %.1f s on %d examples left out and %d off-topic questions",
                        calibrationSeconds, calibration.examplesAsked(), calibration.offTopicAsked()));
        if (calibration != null) {
            System.out.printf("calibration says   examples answered right %s, answered or offered %s, wrong %s; "
                    + "off-topic answered %s, offered %s%n", Percent.of(calibration.examplesAnswered()),
                    Percent.of(calibration.examplesAnsweredOrOffered()),
                    Percent.of(calibration.examplesWrongAnswered()),
                    Percent.of(calibration.offTopicAnswered()),
                    Percent.of(calibration.offTopicOffered()));
        }
        System.out.printf("top-1 / top-3      %s / %s%n", Percent.of(s.get("top1")),
                Percent.of(s.get("top3")));
        System.out.printf("right answered     %s%n", Percent.of(s.get("rightAnswered")));
        System.out.printf("right ans./offered %s%n", Percent.of(s.get("rightAnsweredOrOffered")));
        System.out.printf("wrong answered     %s%n", Percent.of(s.get("wrongAnswered")));
        System.out.printf("offered choices    %s (not sure %s)%n", Percent.of(s.get("offered")),
                Percent.of(s.get("notSure")));
        System.out.printf("oos answered       %s (offered %s, not sure %s)%n", Percent.of(s.get("oosAnswered")),
                Percent.of(s.get("oosOffered")), Percent.of(s.get("oosNotSure")));
        System.out.printf("Japanese right     answered %s, answered or offered %s%n",
                Percent.of(s.get("japaneseRightAnswered")),
                Percent.of(s.get("japaneseRightAnsweredOrOffered")));
        System.out.printf("ms per query       p50 %.2f, p99 %.2f%n", latencies.percentileMillis(50),
                latencies.percentileMillis(99));
        if (errors > 0) {
            System.out.println();
            System.out.println("mistakes (expected -> got, confidence):");
            outcomes.stream().filter(o -> o.outOfScope() ? o.confident() : !o.rightAnswered()).limit(errors)
                    .forEach(o -> System.out.printf("  %s -> %s (%.3f)  %s%n", o.expected(), o.got(),
                            o.confidence(), o.text()));
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>(s);
            all.put("inScope", figures.inScope());
            all.put("outOfScope", figures.outOfScope());
            all.put("answerThreshold", policy.englishThreshold());
            all.put("offerThreshold", policy.englishOfferThreshold());
            all.put("p50Ms", latencies.percentileMillis(50));
            all.put("p99Ms", latencies.percentileMillis(99));
            System.out.println(new ObjectMapper().writeValueAsString(all));
        }
    }
}
