package dev.baton.server.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Article;
import dev.baton.kb.HybridRetriever;
import dev.baton.kb.InMemoryArticleStore;
import dev.baton.kb.Language;
import dev.baton.kb.Question;
import dev.baton.kb.RankFeatures;
import dev.baton.kb.Ranker;
import dev.baton.server.Answering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval fit-ranker}: fits the answer ranker ({@link Ranker}) once, on public data sets and on help
 * centers the project wrote, and writes {@code ranker.json}. For every question, the articles retrieval puts first
 * are the rows (the right one is a positive, the others negatives; for an out-of-scope question all are
 * negatives); every set weighs the same, whatever its size. Baton ships what the command in docs/quality.md wrote.
 */
@Command(name = "fit-ranker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit the answer ranker and write it to --out.")
final class FitRankerCommand implements Callable<Integer> {
    /** Rows per question: the articles a question could really be confused with. */
    static final int CANDIDATES = 5;
    static final double L2 = 1.0;

    @Option(names = "--kb", description = "ARTICLES.json:QUESTIONS.csv, a help center and its questions "
            + "(text,label; label oos for none). Repeatable.")
    List<String> knowledgeBases = new ArrayList<>();

    @Option(names = "--kb-examples", description = "ARTICLES.json:N, a help center whose examples after the first "
            + "N are asked as questions. Repeatable.")
    List<String> knowledgeBaseExamples = new ArrayList<>();

    @Option(names = "--labels", description = "TRAIN.csv:TEST.csv:SHOTS, one article per label of TRAIN (its first "
            + "SHOTS rows as examples, titled from the label) and TEST's rows as questions. Repeatable.")
    List<String> labelSets = new ArrayList<>();

    @Option(names = "--oos", description = "CSV text,label of out-of-scope questions asked of every set as well "
            + "(all its candidates are negatives). Repeatable.")
    List<Path> outOfScope = new ArrayList<>();

    @Option(names = "--max-questions", defaultValue = "1000", description = "Questions used per set at most "
            + "(every n-th row).")
    int maxQuestions;

    @Option(names = "--out", required = true, description = "Where to write ranker.json.")
    Path out;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs.")
    Path embeddingCache;

    private record TrainingSet(String name, List<Article> articles, List<Map<String, String>> questions) {}

    @Override
    public Integer call() throws Exception {
        List<TrainingSet> sets = new ArrayList<>();
        for (String spec : knowledgeBases) {
            String[] parts = parts(spec, 2);
            sets.add(new TrainingSet(spec, ArticlesFile.read(Path.of(parts[0])),
                    LabeledCsv.read(Path.of(parts[1]), List.of("text", "label"))));
        }
        for (String spec : knowledgeBaseExamples) {
            String[] parts = parts(spec, 2);
            int keep = Integer.parseInt(parts[1]);
            List<Article> articles = new ArrayList<>();
            List<Map<String, String>> questions = new ArrayList<>();
            for (Article a : ArticlesFile.read(Path.of(parts[0]))) {
                List<String> examples = a.examples();
                articles.add(new Article(a.id(), a.title(), a.body(), a.tags(), a.language(),
                        examples.subList(0, Math.min(keep, examples.size()))));
                examples.stream().skip(keep).forEach(q -> questions.add(Map.of("text", q, "label", a.id())));
            }
            sets.add(new TrainingSet(spec, articles, questions));
        }
        for (String spec : labelSets) {
            String[] parts = parts(spec, 3);
            List<Article> articles = KbEval.articles(LabeledCsv.read(Path.of(parts[0]), List.of("text", "label")),
                    Integer.parseInt(parts[2]));
            Set<String> examples = new HashSet<>();
            articles.forEach(a -> examples.addAll(a.examples()));
            // TEST may be TRAIN itself (a set with one file): its rows that became examples are not questions.
            sets.add(new TrainingSet(spec, articles, LabeledCsv.read(Path.of(parts[1]), List.of("text", "label")).stream()
                    .filter(row -> !examples.contains(row.get("text"))).toList()));
        }
        List<Map<String, String>> extra = new ArrayList<>();
        for (Path file : outOfScope) {
            extra.addAll(LabeledCsv.read(file, List.of("text", "label")));
        }
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        for (TrainingSet set : sets) {
            int before = x.size();
            rows(set, extra, x, y);
            int added = x.size() - before;
            System.err.printf("%s: %d rows%n", set.name(), added);
            for (int i = 0; i < added; i++) {
                weight.add(1000.0 / added);
            }
        }
        boolean[] labels = new boolean[y.size()];
        double[] weights = new double[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
            weights[i] = weight.get(i);
        }
        double[] w = LogisticFit.fit(x.toArray(double[][]::new), labels, weights, L2);
        double[] featureWeights = Arrays.copyOf(w, RankFeatures.NAMES.length);
        Ranker ranker = new Ranker(List.of(RankFeatures.NAMES), featureWeights, w[w.length - 1],
                String.join(" + ", sets.stream().map(TrainingSet::name).toList()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), ranker);
        System.out.printf("ranker fitted on %d rows written to %s: %s bias %.3f%n", x.size(), out,
                Arrays.toString(featureWeights), w[w.length - 1]);
        return 0;
    }

    private static String[] parts(String spec, int count) {
        String[] parts = spec.split(":");
        if (parts.length != count) {
            throw new IllegalArgumentException("'" + spec + "' should have " + count + " parts separated by ':'");
        }
        return parts;
    }

    /** Indexes the set's knowledge base and adds the candidate rows of its (English) questions. */
    private void rows(TrainingSet set, List<Map<String, String>> extra, List<double[]> x, List<Boolean> y)
            throws Exception {
        try (Answering answering = new Answering(new InMemoryArticleStore(),
                model -> EmbeddingCacheFiles.open(embeddingCache, model))) {
            answering.knowledgeBase().saveAll(set.articles());
            HybridRetriever retriever = answering.retriever();
            List<Map<String, String>> english = set.questions().stream()
                    .filter(q -> Language.ENGLISH.equals(Language.detect(q.get("text")))).toList();
            int every = Math.max(1, (int) Math.ceil(english.size() / (double) maxQuestions));
            List<Map<String, String>> asked = new ArrayList<>();
            for (int i = 0; i < english.size(); i += every) {
                asked.add(english.get(i));
            }
            asked.addAll(extra.stream().filter(q -> Language.ENGLISH.equals(Language.detect(q.get("text")))).toList());
            for (Map<String, String> row : asked) {
                Question question = retriever.prepare(row.get("text"));
                String label = row.get("label");
                List<HybridRetriever.Candidate> top = retriever.candidates(question).stream()
                        .sorted(Comparator.comparingDouble((HybridRetriever.Candidate c) -> c.features().margin())
                                .reversed()).limit(CANDIDATES).toList();
                for (HybridRetriever.Candidate candidate : top) {
                    x.add(candidate.features().values());
                    y.add(candidate.articleId().equals(label));
                }
            }
        }
    }
}
