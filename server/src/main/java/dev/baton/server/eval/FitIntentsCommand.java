package dev.baton.server.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.detect.IntentDetector;
import dev.baton.detect.IntentDetector.Label;
import dev.baton.detect.LinearTextModel;
import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.Language;
import dev.baton.kb.OnnxEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval fit-intents}: fits the intent detector's two models (English over the bge-small embedding and
 * word features, Japanese over kuromoji tokens) on public data and the project's own rows, and writes them in
 * Tribuo's format. Baton ships the models this command made; docs/quality.md records the command line and the
 * sha256 of every input, which it prints.
 */
@Command(name = "fit-intents", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit the intent models (cancel, refund, complaint, person, question, other) and write them.")
final class FitIntentsCommand implements Callable<Integer> {
    /** Bitext's intents that ask for a person at once; its other intents are questions the knowledge base answers. */
    static final Map<String, Label> BITEXT = Map.of("cancel_order", Label.CANCEL_REQUEST, "delete_account",
            Label.CANCEL_REQUEST, "get_refund", Label.REFUND_REQUEST, "track_refund", Label.REFUND_REQUEST,
            "complaint", Label.COMPLAINT, "contact_human_agent", Label.PERSON_REQUEST);
    /** BANKING77's requests; its other labels are customers' questions (a sample of each). */
    static final Map<String, Label> BANKING77 = Map.of("request_refund", Label.REFUND_REQUEST,
            "Refund_not_showing_up", Label.REFUND_REQUEST, "terminate_account", Label.CANCEL_REQUEST);
    /** CLINC150's intents that are neither a support question nor other small talk: left out, not guessed at. */
    static final Set<String> CLINC_LEFT_OUT = Set.of("cancel", "freeze_account", "report_fraud", "account_blocked");
    static final int MIN_FEATURE_ROWS = 2;
    static final String ENGLISH_FILE = "intent-model-en.tribuo";
    static final String JAPANESE_FILE = "intent-model-ja.tribuo";

    @Option(names = "--bitext", required = true, description = "Bitext CSV text,intent,handoff.")
    Path bitext;

    @Option(names = "--banking77", required = true, description = "BANKING77 CSV text,label.")
    Path banking77;

    @Option(names = "--clinc150", required = true, description = "CLINC150 CSV text,label (chit-chat and other "
            + "domains: the class 'other').")
    Path clinc150;

    @Option(names = "--augment", required = true, description = "The project's own rows: CSV text,label,language "
            + "with the model's labels. Repeatable.")
    List<Path> augment;

    @Option(names = "--other", description = "CSV with a text column whose every row is 'other' (requests of "
            + "other domains, such as xSID's alarms and weather). Repeatable.")
    List<Path> other = List.of();

    @Option(names = "--examples", description = "JSON {cancel|refund|complaint|human|none: [phrases]}: "
            + "the earlier detector's example phrases.")
    Path examples;

    @Option(names = "--per-label", defaultValue = "15", description = "Rows taken from each BANKING77 question "
            + "label and CLINC150 intent (the first N).")
    int perLabel;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the data.")
    int epochs;

    @Option(names = "--out", required = true, description = "Directory to write " + ENGLISH_FILE + " and "
            + JAPANESE_FILE + " to.")
    Path out;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs.")
    Path embeddingCache;

    /** A training message before it is embedded. */
    record Labelled(String text, Label label, String language) {}

    @Override
    public Integer call() throws Exception {
        Map<Path, String> hashes = new LinkedHashMap<>();
        List<Labelled> rows = new ArrayList<>();
        for (var row : read(bitext, List.of("text", "intent"), hashes)) {
            rows.add(new Labelled(row.get("text"), BITEXT.getOrDefault(row.get("intent"),
                    Label.POLICY_OR_HOWTO_QUESTION), Language.ENGLISH));
        }
        rows.addAll(sampled(read(banking77, List.of("text", "label"), hashes), Set.of(), BANKING77,
                Label.POLICY_OR_HOWTO_QUESTION));
        rows.addAll(sampled(read(clinc150, List.of("text", "label"), hashes), CLINC_LEFT_OUT, Map.of(), Label.OTHER));
        for (Path file : augment) {
            for (var row : read(file, List.of("text", "label", "language"), hashes)) {
                rows.add(new Labelled(row.get("text"), Label.of(row.get("label")), row.get("language")));
            }
        }
        for (Path file : other) {
            for (var row : read(file, List.of("text"), hashes)) {
                rows.add(new Labelled(row.get("text"), Label.OTHER, Language.detect(row.get("text"))));
            }
        }
        if (examples != null) {
            hashes.put(examples, sha256(examples));
            Map<String, List<String>> phrases = new ObjectMapper().readValue(examples.toFile(),
                    new TypeReference<LinkedHashMap<String, List<String>>>() {});
            phrases.forEach((label, texts) -> texts.forEach(text -> rows.add(new Labelled(text,
                    fromExampleLabel(label), Language.detect(text)))));
        }
        hashes.forEach((file, hash) -> System.out.printf("sha256 %s  %s%n", hash, file));

        List<Labelled> english = rows.stream().filter(r -> !Language.JAPANESE.equals(r.language())).toList();
        List<Labelled> japanese = rows.stream().filter(r -> Language.JAPANESE.equals(r.language())).toList();
        Files.createDirectories(out);
        try (OnnxEmbedder embedder = new OnnxEmbedder(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            var cached = new CachingEmbedder(embedder, EmbeddingCacheFiles.open(embeddingCache, embedder.modelId()));
            System.err.printf("Embedding %d English rows…%n", english.size());
            List<float[]> vectors = cached.embedAll(english.stream().map(Labelled::text).toList());
            List<LinearTextModel.Row> englishRows = new ArrayList<>();
            for (int i = 0; i < english.size(); i++) {
                englishRows.add(new LinearTextModel.Row(english.get(i).label().code(), vectors.get(i),
                        IntentDetector.featuresOf(english.get(i).text(), Language.ENGLISH).keySet()));
            }
            englishRows = withoutRareFeatures(englishRows);
            write(LinearTextModel.fit(englishRows, IntentDetector.DIMENSION, epochs), ENGLISH_FILE, englishRows);
        }
        List<LinearTextModel.Row> japaneseRows = withoutRareFeatures(japanese.stream().map(r -> new LinearTextModel.Row(
                r.label().code(), null, IntentDetector.featuresOf(r.text(), Language.JAPANESE).keySet())).toList());
        write(LinearTextModel.fit(japaneseRows, 0, epochs), JAPANESE_FILE, japaneseRows);
        return 0;
    }

    private void write(LinearTextModel model, String name, List<LinearTextModel.Row> rows) throws IOException {
        try (OutputStream file = Files.newOutputStream(out.resolve(name))) {
            model.save(file);
        }
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(row.label(), 1, Integer::sum));
        System.out.printf("%s: fitted on %d rows %s%n", out.resolve(name), rows.size(), counts);
    }

    /** Word features of a single row teach the model that row, not a pattern; they are left out. */
    static List<LinearTextModel.Row> withoutRareFeatures(List<LinearTextModel.Row> rows) {
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach(row -> row.features().forEach(feature -> counts.merge(feature, 1, Integer::sum)));
        return rows.stream().map(row -> {
            List<String> kept = new ArrayList<>();
            row.features().forEach(feature -> {
                if (counts.get(feature) >= MIN_FEATURE_ROWS) {
                    kept.add(feature);
                }
            });
            return new LinearTextModel.Row(row.label(), row.vector(), kept);
        }).toList();
    }

    private static Label fromExampleLabel(String label) {
        return switch (label) {
            case "cancel" -> Label.CANCEL_REQUEST;
            case "refund" -> Label.REFUND_REQUEST;
            case "complaint" -> Label.COMPLAINT;
            case "human" -> Label.PERSON_REQUEST;
            default -> Label.POLICY_OR_HOWTO_QUESTION;
        };
    }

    /** Every row of the requests in {@code requests}; the first {@code perLabel} of each other label as {@code rest}. */
    private List<Labelled> sampled(List<Map<String, String>> rows, Set<String> leftOut, Map<String, Label> requests,
            Label rest) {
        Map<String, Integer> taken = new HashMap<>();
        List<Labelled> kept = new ArrayList<>();
        for (var row : rows) {
            String label = row.get("label");
            if (leftOut.contains(label) || "oos".equals(label)) {
                continue;
            }
            if (requests.containsKey(label)) {
                kept.add(new Labelled(row.get("text"), requests.get(label), Language.ENGLISH));
            } else if (taken.merge(label, 1, Integer::sum) <= perLabel) {
                kept.add(new Labelled(row.get("text"), rest, Language.ENGLISH));
            }
        }
        return kept;
    }

    private static List<Map<String, String>> read(Path file, List<String> columns, Map<Path, String> hashes)
            throws IOException {
        hashes.put(file, sha256(file));
        return LabeledCsv.read(file, columns);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
