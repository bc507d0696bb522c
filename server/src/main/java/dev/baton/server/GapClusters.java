package dev.baton.server;

import com.google.re2j.Pattern;
import dev.baton.kb.ContentGaps;
import dev.baton.kb.Vectors;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups failed questions that mean the same thing: English ones by their sentence embeddings (a question joins
 * the first group whose founding question is at least {@link #SIMILAR} alike, cosine), others by their normalized
 * text, as there is no in-process model for them. Largest groups first, then the most recent.
 */
final class GapClusters {
    /** Paraphrases of one question score above this with bge-small; different questions on one topic below. */
    static final double SIMILAR = 0.85;
    /** How many of the latest failed questions are grouped (each is embedded, about 5 ms). */
    static final int GROUPED = 1_000;
    private static final int EXAMPLES = 8;
    /** What two wordings of one question may differ in; a linear-time pattern, as it reads customers' words. */
    private static final Pattern PUNCTUATION_AND_SPACE = Pattern.compile("[[:punct:]\\p{P}\\s？！。、]+");

    private final Answering answering;

    GapClusters(Answering answering) {
        this.answering = answering;
    }

    private static final class Group {
        final float[] vector;
        final String key;
        final Set<String> questions = new LinkedHashSet<>();
        int count;
        long latestAt;
        int notSure;
        int notHelpful;

        Group(float[] vector, String key) {
            this.vector = vector;
            this.key = key;
        }

        ContentGaps.GapGroup view() {
            return new ContentGaps.GapGroup(count, latestAt, List.copyOf(questions), notSure, notHelpful);
        }
    }

    /** {@code gaps} newest first. */
    List<ContentGaps.GapGroup> group(List<ContentGaps.Gap> gaps) {
        List<Group> groups = new ArrayList<>();
        for (ContentGaps.Gap gap : gaps) {
            // Cached: the same failed questions are grouped again every time an admin opens the gaps.
            float[] vector = answering.cachedEmbedding(gap.question());
            String key = normalized(gap.question());
            Group home = null;
            for (Group group : groups) {
                boolean alike = vector != null && group.vector != null
                        ? Vectors.dot(vector, group.vector, 0) >= SIMILAR
                        : key.equals(group.key);
                if (alike) {
                    home = group;
                    break;
                }
            }
            if (home == null) {
                home = new Group(vector, key);
                groups.add(home);
            }
            home.count++;
            home.latestAt = Math.max(home.latestAt, gap.at());
            if (home.questions.size() < EXAMPLES) {
                home.questions.add(gap.question().strip());
            }
            if ("not_helpful".equals(gap.why())) {
                home.notHelpful++;
            } else {
                home.notSure++;
            }
        }
        groups.sort(Comparator.comparingInt((Group g) -> g.count).reversed()
                .thenComparing(Comparator.comparingLong((Group g) -> g.latestAt).reversed()));
        return groups.stream().map(Group::view).toList();
    }

    private static String normalized(String text) {
        return PUNCTUATION_AND_SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replaceAll("");
    }
}
