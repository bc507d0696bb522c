package dev.baton.detect;

import dev.baton.conversation.CustomerText;
import dev.baton.kb.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells, per customer message, whether they ask to cancel, for a refund, to complain or for a person, as opposed to
 * asking about those things (a policy or how-to question) or saying something else. A learned judgement: a
 * multinomial logistic regression per language, shipped as a resource and made again by {@code baton eval
 * fit-intents} (docs/quality.md). English reads the sentence embedding the bot already computed for retrieval plus
 * word features; Japanese, which the embedding model does not know, kuromoji token features. The evidence quotes the
 * message's own words that weighed most, with the model's probability.
 */
public final class IntentDetector {
    static final String ENGLISH_MODEL = "/dev/baton/detect/intent-model-en.tribuo";
    static final String JAPANESE_MODEL = "/dev/baton/detect/intent-model-ja.tribuo";
    public static final int DIMENSION = 384;
    /** A request counts from this probability on; below, the message is answered like any other. */
    static final double MIN_PROBABILITY = 0.5;
    /**
     * A question that requests nothing in words ({@link IntentRules#asksWithoutRequesting}) counts as a request to
     * cancel, for a refund or a complaint only from this probability: asked to be answered, it is answered unless
     * the model is sure. A person is asked for in question form ("can I talk to someone?"), so that keeps 0.5.
     */
    static final double MIN_PROBABILITY_OF_A_QUESTION = 0.8;
    private static final int QUOTED_PHRASES = 3;
    private static final int QUOTE_LIMIT = 80;

    /** The model's classes, as {@code eval fit-intents} labels its training rows. */
    public enum Label {
        CANCEL_REQUEST(Intent.CANCEL), REFUND_REQUEST(Intent.REFUND), COMPLAINT(Intent.COMPLAINT),
        PERSON_REQUEST(Intent.HUMAN), POLICY_OR_HOWTO_QUESTION(null), OTHER(null);

        private final Intent intent;

        Label(Intent intent) {
            this.intent = intent;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Label of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One per process: it holds kuromoji's analyser, which is thread-safe. */
    private static final IntentFeatures FEATURES = new IntentFeatures();

    private final LinearTextModel english;
    private final LinearTextModel japanese;

    /** The detector's verdict: the request, or null for none; the model's probability of it; and why. */
    public record Result(Intent intent, double score, List<String> evidence) {}

    public IntentDetector(LinearTextModel english, LinearTextModel japanese) {
        this.english = english;
        this.japanese = japanese;
    }

    /** The shipped models. */
    public static IntentDetector load() {
        return new IntentDetector(model(ENGLISH_MODEL, DIMENSION), model(JAPANESE_MODEL, 0));
    }

    private static LinearTextModel model(String resource, int dimension) {
        try (InputStream in = IntentDetector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the intent model " + resource + " is missing from the classpath");
            }
            return LinearTextModel.load(in, dimension);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The word features the models read, for fitting them. */
    public static Map<String, String> featuresOf(String text, String language) {
        return FEATURES.of(text, language);
    }

    /**
     * @param vector the message's embedding, already computed for retrieval; null for Japanese
     */
    public Result detect(String text, String language, float[] vector) {
        boolean isJapanese = Language.JAPANESE.equals(language) || vector == null;
        LinearTextModel model = isJapanese ? japanese : english;
        Map<String, String> words = FEATURES.of(text, isJapanese ? Language.JAPANESE : Language.ENGLISH);
        LinearTextModel.Scores scores = model.score(isJapanese ? null : vector, words.keySet());
        int top = 0;
        for (int i = 1; i < scores.probabilities().length; i++) {
            if (scores.probabilities()[i] > scores.probabilities()[top]) {
                top = i;
            }
        }
        String label = model.labels().get(top);
        Intent intent = Label.of(label).intent;
        double probability = scores.probabilities()[top];
        boolean forTheirCustomers = !isJapanese && IntentRules.howToForTheirCustomers(text).isPresent();
        boolean onlyAsks = !isJapanese && intent != null && intent != Intent.HUMAN
                && probability < MIN_PROBABILITY_OF_A_QUESTION && IntentRules.asksWithoutRequesting(text);
        if (intent == null || probability < MIN_PROBABILITY || forTheirCustomers || onlyAsks) {
            return new Result(null, 0, List.of());
        }
        List<String> quoted = new ArrayList<>();
        for (String feature : model.strongestFor(label, scores.features(), QUOTED_PHRASES)) {
            String phrase = words.get(feature);
            if (quoted.stream().noneMatch(q -> q.contains(phrase))) {
                quoted.removeIf(phrase::contains);
                quoted.add(phrase);
            }
        }
        String inTheirWords = quoted.isEmpty() ? CustomerText.oneLine(text, QUOTE_LIMIT) : String.join("\", \"", quoted);
        String evidence = String.format("%s %.2f: \"%s\"", describe(intent), probability, inTheirWords);
        return new Result(intent, probability, List.of(evidence));
    }

    private static String describe(Intent intent) {
        return switch (intent) {
            case CANCEL -> "asks to cancel";
            case REFUND -> "asks for money back";
            case COMPLAINT -> "complains";
            case HUMAN -> "asks for a person";
        };
    }
}
