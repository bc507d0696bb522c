package dev.baton.server.eval;

import dev.baton.kb.CachingEmbedder;
import dev.baton.kb.EmbeddingClassifier;
import dev.baton.kb.OnnxEmbedder;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval fit-frustration}: fits the frustration detector's model (a logistic regression over
 * bge-small embeddings) on a {@code text,frustrated} file and writes it in Tribuo's format. Baton ships the model
 * fitted on the GoEmotions training split; this is how it was made, and how to make it again.
 */
@Command(name = "fit-frustration", mixinStandardHelpOptions = true,
        description = "Fit the frustration model on a text,frustrated CSV and write it to --out.")
final class FitFrustrationCommand implements Callable<Integer> {
    /** Five passes were as good as twenty on the GoEmotions dev split, and four times faster. */
    static final int EPOCHS = 5;

    @Option(names = "--train", required = true, description = "CSV text,frustrated (1 or 0).")
    Path train;

    @Option(names = "--out", required = true, description = "Where to write the model.")
    Path out;

    @Option(names = "--embedding-cache", description = "File caching embeddings between runs.")
    Path embeddingCache;

    @Override
    public Integer call() throws Exception {
        List<Map<String, String>> rows = LabeledCsv.read(train, List.of("text", "frustrated"));
        try (OnnxEmbedder embedder = new OnnxEmbedder(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            var cached = new CachingEmbedder(embedder, EmbeddingCacheFiles.open(embeddingCache, embedder.modelId()));
            System.err.printf("Embedding %d messages…%n", rows.size());
            List<float[]> vectors = cached.embedAll(rows.stream().map(row -> row.get("text")).toList());
            List<EmbeddingClassifier.TrainingExample> examples = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String label = rows.get(i).get("frustrated").trim();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new IllegalArgumentException("row " + (i + 1) + ": frustrated must be 0 or 1, not " + label);
                }
                examples.add(new EmbeddingClassifier.TrainingExample(label, vectors.get(i)));
            }
            EmbeddingClassifier model = EmbeddingClassifier.fit(examples, vectors.get(0).length, EPOCHS);
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(out)) {
                model.save(file);
            }
            System.out.printf("model fitted on %d messages written to %s%n", rows.size(), out);
        }
        return 0;
    }
}
