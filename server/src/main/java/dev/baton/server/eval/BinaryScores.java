package dev.baton.server.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Precision, recall and F1 of a yes/no decision, and how they are printed by the eval commands. */
final class BinaryScores {
    private int truePositives;
    private int falsePositives;
    private int falseNegatives;

    void add(boolean expected, boolean predicted) {
        if (expected && predicted) {
            truePositives++;
        } else if (predicted) {
            falsePositives++;
        } else if (expected) {
            falseNegatives++;
        }
    }

    double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : truePositives / (double) predicted;
    }

    double recall() {
        int expected = truePositives + falseNegatives;
        return expected == 0 ? 0 : truePositives / (double) expected;
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    void print(int n, Latencies latencies, List<String> mistakes, boolean json, ObjectMapper mapper)
            throws JsonProcessingException {
        System.out.printf("messages         %d (%d positive)%n", n, truePositives + falseNegatives);
        System.out.printf("precision        %.3f%n", precision());
        System.out.printf("recall           %.3f%n", recall());
        System.out.printf("f1               %.3f%n", f1());
        System.out.printf("ms per message   p50 %.3f, p99 %.3f (detection, embedding excluded)%n",
                latencies.percentileMillis(50), latencies.percentileMillis(99));
        if (!mistakes.isEmpty()) {
            System.out.println();
            System.out.println("mistakes (expected -> detected):");
            mistakes.forEach(System.out::println);
        }
        if (json) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("precision", precision());
            figures.put("recall", recall());
            figures.put("f1", f1());
            figures.put("n", n);
            figures.put("p99Ms", latencies.percentileMillis(99));
            System.out.println(mapper.writeValueAsString(figures));
        }
    }
}
