package dev.baton.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Answer;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.Article;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.kb.Language;
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
 * {@code baton eval kb}: builds a knowledge base from a labelled training file (one article per label, its rows as
 * the example questions), answers every test row through the same answerer the chat uses, and reports in-scope
 * accuracy, out-of-scope recall and latency.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure answers and refusals: a knowledge base from --train, questions from --test.")
final class KbEval implements Callable<Integer> {
    static final String OUT_OF_SCOPE = "oos";

    @Option(names = "--train", description = "CSV text,label: one article per label.")
    Path train;

    @Option(names = "--kb", description = "Instead of --train: a knowledge base as a JSON array of articles "
            + "({id, title, body, tags, language, examples}); test labels are article ids.")
    Path knowledgeBaseFile;

    @Option(names = "--test", required = true, description = "CSV text,label to answer; label oos must be "
            + "refused. Repeat to add files (e.g. extra out-of-scope questions).")
    List<Path> tests;

    @Option(names = "--shots", description = "Keep only the first N rows of each label as examples.")
    Integer shots;

    @Option(names = "--threshold", description = "A confidence threshold, or 'auto' to choose one from the "
            + "training examples alone. Default: the product's default.")
    String threshold;

    @Option(names = "--word-threshold", description = "The threshold for languages matched by words (Japanese): "
            + "the share of the question an article must cover. Default: the product's default.")
    Double wordThreshold;

    @Option(names = "--calibrate", description = "CSV text,label to choose the threshold on (never the test file).")
    Path calibrate;

    @Option(names = "--oos-recall", description = "With --calibrate: the lowest threshold that refuses at least "
            + "this share (0-1) of the file's out-of-scope questions. Default: the best mean of both rates.")
    Double oosRecallTarget;

    @Option(names = "--errors", defaultValue = "0", description = "List up to N mistakes.")
    int errors;

    @Option(names = "--json", description = "End with one line of JSON holding the figures.")
    boolean json;

    @Option(names = "--sweep", description = "Also print both rates at thresholds FROM:TO:STEP (e.g. 0.6:0.9:0.02).")
    String sweep;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs "
            + "(default: ~/.cache/baton/embeddings-<model>.bin).")
    Path embeddingCache;

    /** One answered test row. */
    record Outcome(String text, String expected, String answered, double confidence, boolean confident) {
        boolean right() {
            return expected.equals(OUT_OF_SCOPE) ? !confident : confident && expected.equals(answered);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (calibrate != null && threshold != null) {
            throw new IllegalArgumentException("Give --threshold or --calibrate, not both.");
        }
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
            ThresholdChoice choice = "auto".equals(threshold) ? autoThreshold(answering, articles) : null;
            System.err.printf("Indexing %d articles with %d example questions…%n", articles.size(),
                    articles.stream().mapToInt(a -> a.examples().size()).sum());
            answering.knowledgeBase().saveAll(articles);
            answering.awaitSettled();
            if (choice == null) {
                choice = chooseThreshold(answering);
            }
            warmUp(answering.answerer(AnswerPolicy.DEFAULT), articles);
            AnswerPolicy policy = new AnswerPolicy(choice.value(),
                    wordThreshold != null ? wordThreshold : AnswerPolicy.DEFAULT.wordThreshold());
            Answerer answerer = answering.answerer(policy);
            Latencies latencies = new Latencies();
            List<Outcome> outcomes = answerAll(answerer, testRows, latencies, "answering");
            report(articles, outcomes, choice, policy, latencies);
        }
        return 0;
    }

    record ThresholdChoice(double value, String how) {}

    private ThresholdChoice chooseThreshold(Answering answering) {
        if (calibrate != null) {
            var rows = LabeledCsv.read(calibrate, List.of("text", "label"));
            var outcomes = answerAll(answering.answerer(AnswerPolicy.DEFAULT), rows, new Latencies(), "calibrating");
            if (oosRecallTarget != null) {
                return new ThresholdChoice(Calibration.lowestThresholdWithOosRecall(outcomes, oosRecallTarget),
                        "lowest refusing " + Scores.percent(oosRecallTarget) + " of out-of-scope in " + calibrate);
            }
            return new ThresholdChoice(Calibration.bestMeanThreshold(outcomes), "best mean on " + calibrate);
        }
        if (oosRecallTarget != null) {
            throw new IllegalArgumentException("--oos-recall goes with --calibrate.");
        }
        if (threshold == null) {
            return new ThresholdChoice(AnswerPolicy.DEFAULT.englishThreshold(), "product default");
        }
        try {
            return new ThresholdChoice(Double.parseDouble(threshold), "given");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold takes a number or 'auto', not '" + threshold + "'");
        }
    }

    /** Share of correct answers to held-out examples that the automatic threshold keeps. */
    static final double AUTO_KEEP = 0.97;
    static final int AUTO_HOLD_OUT_EVERY = 5;

    /**
     * A threshold from the training data alone, with no out-of-scope examples: every 5th example question of each
     * article (with at least 5) is held out, the rest indexed, the held-out ones asked; the threshold keeps 97% of
     * the right answers among them.
     */
    private ThresholdChoice autoThreshold(Answering answering, List<Article> articles) {
        List<Article> kept = new ArrayList<>();
        List<Map<String, String>> heldOut = new ArrayList<>();
        for (Article article : articles) {
            List<String> examples = new ArrayList<>();
            for (int i = 0; i < article.examples().size(); i++) {
                if (article.examples().size() >= AUTO_HOLD_OUT_EVERY && (i + 1) % AUTO_HOLD_OUT_EVERY == 0) {
                    heldOut.add(Map.of("text", article.examples().get(i), "label", article.id()));
                } else {
                    examples.add(article.examples().get(i));
                }
            }
            kept.add(new Article(article.id(), article.title(), article.body(), article.tags(), article.language(),
                    examples));
        }
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("--threshold auto needs articles with at least "
                    + AUTO_HOLD_OUT_EVERY + " example questions.");
        }
        System.err.printf("Choosing a threshold on %d held-out examples…%n", heldOut.size());
        answering.knowledgeBase().saveAll(kept);
        answering.awaitSettled();
        var outcomes = answerAll(answering.answerer(AnswerPolicy.DEFAULT), heldOut, new Latencies(), "calibrating");
        return new ThresholdChoice(Calibration.keepingRightAnswers(outcomes, AUTO_KEEP),
                "auto: keeps " + Scores.percent(AUTO_KEEP) + " of right answers to held-out examples");
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

    private static List<Outcome> answerAll(Answerer answerer, List<Map<String, String>> rows, Latencies latencies,
            String task) {
        List<Outcome> outcomes = new ArrayList<>();
        try (ProgressBar bar = Progress.bar(task, rows.size())) {
            for (Map<String, String> row : rows) {
                long start = System.nanoTime();
                Optional<Answer> answer = answerer.answer(row.get("text"));
                latencies.add(System.nanoTime() - start);
                outcomes.add(new Outcome(row.get("text"), row.get("label"),
                        answer.map(a -> a.article().id()).orElse(null),
                        answer.map(Answer::confidence).orElse(0.0), answer.map(Answer::confident).orElse(false)));
                bar.step();
            }
        }
        return outcomes;
    }

    private void printSweep(List<Outcome> outcomes) {
        String[] parts = sweep.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--sweep takes FROM:TO:STEP, for example 0.6:0.9:0.02");
        }
        double from = Double.parseDouble(parts[0]);
        double to = Double.parseDouble(parts[1]);
        double step = Double.parseDouble(parts[2]);
        if (step <= 0 || to < from) {
            throw new IllegalArgumentException("--sweep needs FROM <= TO and a positive STEP");
        }
        System.out.println();
        System.out.println("threshold  in-scope acc.  oos recall");
        for (double t = from; t <= to + 1e-9; t += step) {
            Scores at = Scores.of(Calibration.decidedAt(outcomes, t));
            System.out.printf("%9.3f  %13s  %10s%n", t, Scores.percent(at.inScopeAccuracy()),
                    Scores.percent(at.oosRecall()));
        }
    }

    private void report(List<Article> articles, List<Outcome> outcomes, ThresholdChoice choice, AnswerPolicy policy,
            Latencies latencies) throws Exception {
        Scores scores = Scores.of(outcomes);
        System.out.printf("knowledge base   %d articles, %d example questions%n", articles.size(),
                articles.stream().mapToInt(a -> a.examples().size()).sum());
        System.out.printf("test             %d in scope, %d out of scope%n", scores.inScope(), scores.outOfScope());
        System.out.printf("threshold        %.3f (%s); by words %.3f%n", choice.value(), choice.how(),
                policy.wordThreshold());
        System.out.printf("in-scope acc.    %s%n", Scores.percent(scores.inScopeAccuracy()));
        System.out.printf("oos recall       %s%n", Scores.percent(scores.oosRecall()));
        System.out.printf("mean             %s%n", Scores.percent(scores.mean()));
        System.out.printf("overall acc.     %s (all rows)%n", Scores.percent(scores.overallAccuracy()));
        System.out.printf("ms per query     p50 %.2f, p99 %.2f%n", latencies.percentileMillis(50),
                latencies.percentileMillis(99));
        if (sweep != null) {
            printSweep(outcomes);
        }
        if (errors > 0) {
            System.out.println();
            System.out.println("mistakes (expected -> answered, confidence):");
            outcomes.stream().filter(o -> !o.right()).limit(errors).forEach(o -> System.out.printf(
                    "  %s -> %s (%.3f)  %s%n", o.expected(), o.confident() ? o.answered() : "not sure",
                    o.confidence(), o.text()));
        }
        if (json) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("inScopeAccuracy", scores.inScopeAccuracy());
            figures.put("oosRecall", scores.oosRecall());
            figures.put("threshold", choice.value());
            figures.put("p50Ms", latencies.percentileMillis(50));
            figures.put("p99Ms", latencies.percentileMillis(99));
            figures.put("inScope", scores.inScope());
            figures.put("outOfScope", scores.outOfScope());
            figures.put("overallAccuracy", scores.overallAccuracy());
            System.out.println(new ObjectMapper().writeValueAsString(figures));
        }
    }
}
