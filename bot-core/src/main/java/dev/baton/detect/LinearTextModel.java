package dev.baton.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A multinomial logistic regression over a message's sentence embedding (optional) and named word features, fitted
 * with Tribuo and read back into plain arrays: scoring a message is a few hundred multiplications, and the weight of
 * each word feature can be shown as the evidence of a verdict. Immutable and thread-safe once built.
 */
public final class LinearTextModel {
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private static final long SEED = 42L;

    private final List<String> labels;
    private final int dimension;
    /** [label][embedding component]. */
    private final double[][] dense;
    /** A word feature's weight for each label. */
    private final Map<String, double[]> sparse;
    private final double[] bias;
    private final Model<Label> fitted;

    /** One training message: its label, its embedding (null when the model has none) and its word features. */
    public record Row(String label, float[] vector, Iterable<String> features) {}

    /** The probability of each label (in {@link #labels()} order) and the word features that spoke. */
    public record Scores(double[] probabilities, List<String> features) {}

    private LinearTextModel(Model<Label> model, int dimension) {
        this.fitted = model;
        this.dimension = dimension;
        var outputs = model.getOutputIDInfo();
        int labelCount = outputs.size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < labelCount; i++) {
            names.add(outputs.getOutput(i).getLabel());
        }
        this.labels = List.copyOf(names);
        DenseMatrix weights = ((LinearSGDModel) model).getWeightsCopy();
        ImmutableFeatureMap features = model.getFeatureIDMap();
        this.dense = new double[labelCount][dimension];
        this.sparse = new HashMap<>();
        this.bias = new double[labelCount];
        int featureCount = features.size();
        for (VariableInfo info : features) {
            int id = features.getID(info.getName());
            double[] column = new double[labelCount];
            for (int l = 0; l < labelCount; l++) {
                column[l] = weights.get(l, id);
            }
            int component = denseIndex(info.getName());
            if (component >= 0 && component < dimension) {
                for (int l = 0; l < labelCount; l++) {
                    dense[l][component] = column[l];
                }
            } else {
                sparse.put(info.getName(), column);
            }
        }
        for (int l = 0; l < labelCount; l++) {
            bias[l] = weights.get(l, featureCount);
        }
    }

    /**
     * Fits a model (AdaGrad, a fixed seed: the same rows give the same weights).
     *
     * @param dimension the embedding's length, 0 for a model of word features only
     */
    public static LinearTextModel fit(List<Row> rows, int dimension, int epochs) {
        LabelFactory factory = new LabelFactory();
        var dataset = new MutableDataset<>(new SimpleDataSourceProvenance("rows", factory), factory);
        for (Row row : rows) {
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            if (dimension > 0) {
                for (int i = 0; i < dimension; i++) {
                    names.add(denseName(i));
                    values.add((double) row.vector()[i]);
                }
            }
            for (String feature : row.features()) {
                names.add(feature);
                values.add(1.0);
            }
            dataset.add(new ArrayExample<>(new Label(row.label()), names.toArray(String[]::new),
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), epochs, Integer.MAX_VALUE,
                1, SEED);
        return new LinearTextModel(trainer.train(dataset), dimension);
    }

    /** Reads a model written by {@link #save}. */
    @SuppressWarnings("unchecked")
    public static LinearTextModel load(InputStream in, int dimension) {
        try {
            return new LinearTextModel((Model<Label>) Model.deserializeFromStream(in), dimension);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a model", e);
        }
    }

    /** Writes the model in Tribuo's own format, to ship it as a resource. */
    public void save(OutputStream out) throws IOException {
        fitted.serializeToStream(out);
    }

    public List<String> labels() {
        return labels;
    }

    /**
     * @param vector the message's embedding, or null (then only the word features speak)
     * @param features the message's word features; unknown ones are ignored
     */
    public Scores score(float[] vector, Iterable<String> features) {
        double[] logits = bias.clone();
        if (vector != null && dimension > 0) {
            for (int l = 0; l < logits.length; l++) {
                double sum = 0;
                double[] weights = dense[l];
                for (int i = 0; i < dimension; i++) {
                    sum += weights[i] * vector[i];
                }
                logits[l] += sum;
            }
        }
        List<String> known = new ArrayList<>();
        for (String feature : features) {
            double[] column = sparse.get(feature);
            if (column != null) {
                known.add(feature);
                for (int l = 0; l < logits.length; l++) {
                    logits[l] += column[l];
                }
            }
        }
        return new Scores(softmax(logits), known);
    }

    /** The word features of a scored message that pushed {@code label} up most, strongest first. */
    public List<String> strongestFor(String label, List<String> features, int limit) {
        int l = labels.indexOf(label);
        return features.stream().filter(f -> weightFor(l, f) > 0)
                .sorted(Comparator.comparingDouble((String f) -> -weightFor(l, f))).distinct().limit(limit).toList();
    }

    /** How much one feature speaks for one label against the average of the others. */
    private double weightFor(int label, String feature) {
        double[] column = sparse.get(feature);
        double others = 0;
        for (int l = 0; l < column.length; l++) {
            others += l == label ? 0 : column[l];
        }
        return column[label] - others / (column.length - 1);
    }

    /** Tribuo's own prediction of the label probabilities, to check the arrays against it. */
    Map<String, Double> tribuoScores(float[] vector, Iterable<String> features) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; vector != null && i < dimension; i++) {
            names.add(denseName(i));
            values.add((double) vector[i]);
        }
        for (String feature : features) {
            names.add(feature);
            values.add(1.0);
        }
        var example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Double> scores = new HashMap<>();
        fitted.predict(example).getOutputScores().forEach((name, label) -> scores.put(name, label.getScore()));
        return scores;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        double[] probabilities = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp(logits[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    private static String denseName(int component) {
        return String.format("e%03d", component);
    }

    /** The embedding component a feature name stands for, or -1 for a word feature. */
    private static int denseIndex(String name) {
        if (name.length() == 4 && name.charAt(0) == 'e' && Character.isDigit(name.charAt(1))) {
            return Integer.parseInt(name.substring(1));
        }
        return -1;
    }
}
