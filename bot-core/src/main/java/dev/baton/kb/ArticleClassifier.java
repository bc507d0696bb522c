package dev.baton.kb;

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
 * A multinomial logistic regression (Tribuo) over the embeddings of the articles' example questions, fitted again
 * whenever they change. It gives every article a probability for a question; retrieval adds a share of it to the
 * ranking (it knows which directions of the embedding space tell close articles apart, which nearest neighbours
 * don't), while the confidence threshold stays on cosine similarity, which transfers between knowledge bases.
 */
final class ArticleClassifier {
    /** Tribuo logs every epoch at INFO; keep a reference so the level setting is not garbage-collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private static final int EPOCHS = 10;
    private static final long SEED = 42L;

    private final Model<Label> model;
    private final String[] featureNames;

    private ArticleClassifier(Model<Label> model, String[] featureNames) {
        this.model = model;
        this.featureNames = featureNames;
    }

    /** One labelled training example: the embedding of a text and the article it asks for. */
    record TrainingExample(String articleId, float[] vector) {}

    /** Fits a classifier, or returns null when there is nothing to tell apart (fewer than two articles). */
    static ArticleClassifier fit(List<TrainingExample> examples, int dimension) {
        if (examples.stream().map(TrainingExample::articleId).distinct().count() < 2) {
            return null;
        }
        String[] names = new String[dimension];
        for (int i = 0; i < dimension; i++) {
            names[i] = String.format("e%03d", i);
        }
        LabelFactory labels = new LabelFactory();
        var dataset = new MutableDataset<>(new SimpleDataSourceProvenance("article examples", labels), labels);
        for (TrainingExample example : examples) {
            dataset.add(new ArrayExample<>(new Label(example.articleId()), names, toDoubles(example.vector())));
        }
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS, Integer.MAX_VALUE,
                1, SEED);
        return new ArticleClassifier(trainer.train(dataset), names);
    }

    /** The probability of each article the classifier knows, for a question's embedding. */
    Map<String, Double> probabilities(float[] question) {
        Example<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, toDoubles(question));
        Prediction<Label> prediction = model.predict(example);
        Map<String, Double> probabilities = new HashMap<>();
        prediction.getOutputScores().forEach((article, label) -> probabilities.put(article, label.getScore()));
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
