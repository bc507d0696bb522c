package dev.baton.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The probability that an article answers a question, from its {@link RankFeatures}: a logistic regression fitted
 * once on public data and on help centers the project wrote ({@code baton eval fit-ranker}), shipped as
 * {@code ranker.json}, never fitted per knowledge base. Immutable and thread-safe.
 *
 * @param features the feature names, in {@link RankFeatures#NAMES} order
 */
public record Ranker(List<String> features, double[] weights, double bias, String fittedOn) {
    static final String RESOURCE = "/dev/baton/kb/ranker.json";

    public Ranker {
        if (!features.equals(List.of(RankFeatures.NAMES)) || weights.length != features.size()) {
            throw new IllegalArgumentException("a ranker for " + features + ", not " + Arrays.toString(
                    RankFeatures.NAMES));
        }
    }

    /** The shipped ranker. */
    public static Ranker load() {
        try (InputStream in = Ranker.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper().readValue(in, Ranker.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its weights as text, the same for the same ranker in every JVM (for content hashes). */
    public String fingerprint() {
        return features + Arrays.toString(weights) + bias;
    }

    public double probability(RankFeatures features) {
        double[] x = features.values();
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
