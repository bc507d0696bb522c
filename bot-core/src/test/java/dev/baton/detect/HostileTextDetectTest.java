package dev.baton.detect;

import dev.baton.testing.HostileText;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the bot reads in every customer message (intent words, frustration) stays quick on the worst message. */
class HostileTextDetectTest {
    private static FrustrationDetector frustration;

    @BeforeAll
    static void load() {
        frustration = FrustrationDetector.load();
    }

    @Test
    void the_intent_rules_read_hostile_texts_quickly() {
        for (String text : HostileText.all()) {
            HostileText.assertQuick("English intent rules on " + HostileText.describe(text),
                    () -> IntentRules.english(text));
            HostileText.assertQuick("Japanese intent rules on " + HostileText.describe(text),
                    () -> IntentRules.japanese(text));
            HostileText.assertQuick("the how-to override on " + HostileText.describe(text),
                    () -> IntentRules.howToForTheirCustomers(text));
        }
    }

    @Test
    void the_intent_features_read_hostile_texts_quickly() {
        for (String text : HostileText.all()) {
            HostileText.assertQuick("English intent features of " + HostileText.describe(text),
                    () -> IntentDetector.featuresOf(text, "en"));
            HostileText.assertQuick("Japanese intent features of " + HostileText.describe(text),
                    () -> IntentDetector.featuresOf(text, "ja"));
        }
    }

    @Test
    void the_frustration_words_capitals_and_punctuation_are_read_quickly() {
        for (String text : HostileText.all()) {
            HostileText.assertQuick("frustration of " + HostileText.describe(text),
                    () -> frustration.score(text, null));
            String upper = text.toUpperCase(Locale.ROOT);
            HostileText.assertQuick("frustration of " + HostileText.describe(upper),
                    () -> frustration.score(upper, null));
        }
    }
}
