package dev.baton.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * A multinomial logistic regression (Tribuo) over sentence embeddings: given labelled example texts, it gives
 * every label a probability for a new text. Retrieval fits one on the articles' example questions (it knows which
 * directions of the embedding space tell close articles apart, which nearest neighbours don't); the intent
 * detector fits one on its own example phrases.
 */
public final class EmbeddingClassifier {
    /** Tribuo logs every epoch at INFO; keep a reference so the level setting is not garbage-collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private static final long SEED = 42L;

    private final Model<Label> model;
    private final String[] featureNames;

    private EmbeddingClassifier(Model<Label> model, String[] featureNames) {
        this.model = model;
        this.featureNames = featureNames;
    }

    /** One labelled training example: the embedding of a text and its label. */
    public record TrainingExample(String label, float[] vector) {}

    /** Fits a classifier, or returns null when there is nothing to tell apart (fewer than two labels). */
    public static EmbeddingClassifier fit(List<TrainingExample> examples, int dimension, int epochs) {
        if (examples.stream().map(TrainingExample::label).distinct().count() < 2) {
            return null;
        }
        String[] names = featureNames(dimension);
        LabelFactory labels = new LabelFactory();
        var dataset = new MutableDataset<>(new SimpleDataSourceProvenance("examples", labels), labels);
        for (TrainingExample example : examples) {
            dataset.add(new ArrayExample<>(new Label(example.label()), names, toDoubles(example.vector())));
        }
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), epochs, Integer.MAX_VALUE,
                1, SEED);
        return new EmbeddingClassifier(trainer.train(dataset), names);
    }

    /** Writes the fitted model in Tribuo's own format, to ship it as a resource. */
    public void save(OutputStream out) throws IOException {
        model.serializeToStream(out);
    }

    /** Reads a model written by {@link #save}. */
    @SuppressWarnings("unchecked")
    public static EmbeddingClassifier load(InputStream in, int dimension) throws IOException {
        Model<Label> model = (Model<Label>) Model.deserializeFromStream(in);
        return new EmbeddingClassifier(model, featureNames(dimension));
    }

    private static String[] featureNames(int dimension) {
        String[] names = new String[dimension];
        for (int i = 0; i < dimension; i++) {
            names[i] = String.format("e%03d", i);
        }
        return names;
    }

    /** The probability of each label, for a text's embedding. */
    public Map<String, Double> probabilities(float[] question) {
        Example<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, toDoubles(question));
        Prediction<Label> prediction = model.predict(example);
        Map<String, Double> probabilities = new HashMap<>();
        prediction.getOutputScores().forEach((name, label) -> probabilities.put(name, label.getScore()));
        return probabilities;
    }

    private static double[] toDoubles(float[] vector) {
        double[] values = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            values[i] = vector[i];
        }
        return values;
    }
}
