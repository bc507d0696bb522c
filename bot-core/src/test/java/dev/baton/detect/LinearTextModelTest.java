package dev.baton.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model read back into arrays scores exactly as Tribuo does, and names the words that spoke for a label. */
class LinearTextModelTest {
    private static final List<LinearTextModel.Row> ROWS = List.of(
            new LinearTextModel.Row("request", new float[] {0.9f, 0.1f}, List.of("w:please", "w:cancel")),
            new LinearTextModel.Row("request", new float[] {0.8f, 0.3f}, List.of("w:please", "w:close")),
            new LinearTextModel.Row("question", new float[] {0.1f, 0.9f}, List.of("w:how", "w:cancel")),
            new LinearTextModel.Row("question", new float[] {0.2f, 0.7f}, List.of("w:how", "w:close")));

    @Test
    void the_arrays_give_tribuos_probabilities_and_ignore_unknown_words() throws IOException {
        LinearTextModel model = LinearTextModel.fit(ROWS, 2, 20);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        model.save(saved);
        LinearTextModel loaded = LinearTextModel.load(new ByteArrayInputStream(saved.toByteArray()), 2);

        for (var input : List.of(Map.entry(new float[] {0.7f, 0.2f}, List.of("w:please", "w:unknown")),
                Map.entry(new float[] {0.3f, 0.6f}, List.of("w:how")), Map.entry(new float[] {0.5f, 0.5f},
                        List.<String>of()))) {
            LinearTextModel.Scores scores = loaded.score(input.getKey(), input.getValue());
            Map<String, Double> tribuo = model.tribuoScores(input.getKey(), input.getValue());
            for (int l = 0; l < loaded.labels().size(); l++) {
                assertEquals(tribuo.get(loaded.labels().get(l)), scores.probabilities()[l], 1e-6);
            }
        }
    }

    @Test
    void the_strongest_words_for_a_label_are_those_that_tell_it_from_the_others() {
        LinearTextModel model = LinearTextModel.fit(ROWS, 2, 20);

        LinearTextModel.Scores scores = model.score(new float[] {0.5f, 0.5f}, List.of("w:please", "w:cancel", "w:how"));

        assertEquals(List.of("w:please"), model.strongestFor("request", scores.features(), 1));
        assertEquals(List.of("w:how"), model.strongestFor("question", scores.features(), 1));
    }
}
