package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The eval command on a tiny data set written here, with the real model: its figures are known in advance. */
class EvalCommandTest {
    private static final String TRAIN = """
            text,label
            how do I reset my password,reset_password
            I forgot my password,reset_password
            can't remember my login password,reset_password
            change my password please,reset_password
            when are you open,opening_hours
            what are your opening hours,opening_hours
            are you open on sunday,opening_hours
            what time do you close today,opening_hours
            how much is shipping,shipping_cost
            what does delivery cost,shipping_cost
            is shipping free,shipping_cost
            shipping fee to Canada,shipping_cost
            """;
    private static final String TEST = """
            text,label
            I need a new password because I lost mine,reset_password
            until what time are you open on saturday,opening_hours
            how much do you charge for delivery,shipping_cost
            who won the football world cup in 1998,oos
            "recommend a good recipe for lasagna, please",oos
            """;

    @TempDir
    Path dir;

    /** Runs {@code baton args...} and returns what it printed on stdout. */
    private String run(int expectedExit, String... args) {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine commandLine = Main.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            assertEquals(expectedExit, commandLine.execute(args), () -> "stderr: " + err);
        } finally {
            System.setOut(originalOut);
        }
        return out.toString(StandardCharsets.UTF_8) + err;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<String> kb(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("eval", "kb", "--train", write("train.csv", TRAIN).toString(),
                "--test", write("test.csv", TEST).toString(), "--embedding-cache", dir.resolve("cache.bin").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void kb_prints_ranking_answers_choices_and_latency_and_ends_with_json() throws IOException {
        String output = run(0, kb("--uncalibrated", "--json").toArray(String[]::new));

        assertTrue(output.contains("knowledge base     3 articles, 12 example questions"), output);
        assertTrue(output.contains("test               3 in scope (0 Japanese), 2 out of scope"), output);
        assertTrue(output.contains("thresholds         answer 0.60, offer 0.25; by words answer 0.55, offer 0.35 "
                + "(defaults)"), output);
        assertTrue(output.contains("top-1 / top-3      100.0% / 100.0%"), output);
        String[] lines = output.strip().split("\n");
        JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(1.0, figures.path("top1").asDouble());
        assertEquals(1.0, figures.path("top3").asDouble());
        assertEquals(1.0, figures.path("rightAnswered").asDouble() + figures.path("offered").asDouble()
                + figures.path("notSure").asDouble() + figures.path("wrongAnswered").asDouble(), 1e-9);
        assertEquals(0.0, figures.path("oosAnswered").asDouble(), output);
        assertEquals(0.6, figures.path("answerThreshold").asDouble());
        assertEquals(3, figures.path("inScope").asInt());
        assertEquals(2, figures.path("outOfScope").asInt());
        assertTrue(figures.path("p99Ms").asDouble() >= figures.path("p50Ms").asDouble());
        assertTrue(figures.path("p50Ms").asDouble() > 0);
    }

    @Test
    void shots_keep_the_first_rows_of_each_label_and_errors_list_what_was_not_answered_right() throws IOException {
        String output = run(0, kb("--shots", "1", "--uncalibrated", "--errors", "10").toArray(String[]::new));

        assertTrue(output.contains("knowledge base     3 articles, 3 example questions"), output);
        assertTrue(output.contains("mistakes (expected -> got, confidence):"), output);
    }

    @Test
    void by_default_the_knowledge_base_is_calibrated_as_an_import_would_be() throws IOException {
        String output = run(0, kb("--json").toArray(String[]::new));

        assertTrue(output.contains("left out and "), output);
        assertTrue(output.contains("calibration says   examples answered right"), output);
    }

    @Test
    void the_demo_knowledge_base_answers_or_offers_the_demo_questions_and_answers_none_of_the_rest()
            throws IOException {
        Path knowledgeBase = dir.resolve("demo-kb.json");
        Path questions = dir.resolve("demo-questions.csv");
        try (var in = getClass().getResourceAsStream("/demo/knowledge-base.json");
                var asked = getClass().getResourceAsStream("/demo-questions.csv")) {
            Files.copy(in, knowledgeBase);
            Files.copy(asked, questions);
        }

        String output = run(0, "eval", "kb", "--kb", knowledgeBase.toString(), "--test", questions.toString(),
                "--embedding-cache", dir.resolve("cache.bin").toString(), "--json");

        String[] lines = output.strip().split("\n");
        JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(figures.path("top1").asDouble() >= 0.85, output);
        assertTrue(figures.path("rightAnsweredOrOffered").asDouble() >= 0.9, output);
        assertTrue(figures.path("wrongAnswered").asDouble() <= 0.05, output);
        assertEquals(0.0, figures.path("oosAnswered").asDouble(), output);
    }

    @Test
    void bad_arguments_end_with_a_clear_message() throws IOException {
        assertTrue(run(2, "eval", "kb", "--test", "x.csv").contains("Give either --train or --kb."));
        assertTrue(run(2, "eval", "kb", "--train", dir.resolve("missing.csv").toString(), "--test", "x.csv")
                .contains("No such file"));
        Path wrongColumns = write("wrong.csv", "question,answer\nhi,there\n");
        assertTrue(run(2, "eval", "kb", "--train", wrongColumns.toString(), "--test", wrongColumns.toString())
                .contains("needs the columns [text, label]"));
    }

    @Test
    void split_puts_every_kth_row_of_each_label_in_check() throws IOException {
        Path out = dir.resolve("split");

        run(0, "eval", "split", "--input", write("train.csv", TRAIN).toString(), "--every", "4", "--out",
                out.toString());

        List<String> check = Files.readAllLines(out.resolve("check.csv"));
        assertEquals(List.of("text,label", "change my password please,reset_password",
                "what time do you close today,opening_hours", "shipping fee to Canada,shipping_cost"), check);
        assertEquals(1 + 9, Files.readAllLines(out.resolve("fit.csv")).size());
    }

    private static final String HANDOFF = """
            text,intent,handoff,language
            please close my account and stop billing me,cancel,1,en
            I was charged twice this month and want one payment back,refund,1,en
            can I talk to a real person,human,1,en
            解約してください,cancel,1,ja
            is there a fee if I cancel my plan?,none,0,en
            how long does a refund take to arrive?,none,0,en
            返金ポリシーを教えてください,none,0,ja
            how do I add a product,none,0,en
            """;

    @Test
    void handoff_reports_precision_and_recall_per_language_and_intent_and_in_scope_questions() throws IOException {
        Path questions = write("questions.csv", "text,label\nwhat time do you close today,opening_hours\n"
                + "how much is shipping,shipping_cost\nplay some jazz,oos\n");

        String output = run(0, "eval", "handoff", "--test", write("handoff.csv", HANDOFF).toString(),
                "--questions", questions.toString(), "--embedding-cache", dir.resolve("cache.bin").toString(),
                "--json");

        assertTrue(output.contains("en               P 1.000  R 1.000"), output);
        assertTrue(output.contains("ja               P 1.000  R 1.000"), output);
        assertTrue(output.contains("intent refund    1 of 1 handed over"), output);
        assertTrue(output.contains("intent none      0 of 4 handed over"), output);
        assertTrue(output.contains("in-scope questions handed over  0 of 2 (0.0%)"), output);
        JsonNode figures = new ObjectMapper().readTree(output.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(1.0, figures.path("precision").asDouble());
        assertEquals(1.0, figures.path("recall").asDouble());
    }

    @Test
    void conversations_are_played_through_the_real_server_and_judged_by_the_turn_of_the_handoff() throws IOException {
        Path kb = write("kb.json", """
                [{"id": "shipping", "title": "Shipping costs", "language": "en", "tags": [],
                  "body": "Shipping is free above 50 euros. Below that it costs 4.90 euros.",
                  "examples": ["how much is shipping", "what does delivery cost", "is shipping free"]}]
                """);
        Path conversations = write("conversations.jsonl", """
                {"id": "answered", "language": "en", "customer": {"name": "Ann", "email": "ann@example.com"}, \
                "turns": ["how much does shipping cost?", "thanks, that's all"], "handoff_at": null, "reason": "none"}
                {"id": "refund", "language": "en", "customer": {"name": "Bo", "email": "bo@example.com"}, \
                "turns": ["is shipping free?", "you charged me shipping twice, please give me that money back"], \
                "handoff_at": 1, "reason": "refund"}
                """);

        String output = run(0, "eval", "conversations", "--kb", kb.toString(), "--test", conversations.toString(),
                "--errors", "5", "--json");

        assertTrue(output.contains("conversations    2"), output);
        assertTrue(output.contains("right            2 (100.0%)"), output);
        assertTrue(output.contains("reason refund    1 of 1 right"), output);
    }

    @Test
    void split_by_another_column_keeps_every_column() throws IOException {
        Path out = dir.resolve("split-handoff");

        run(0, "eval", "split", "--input", write("handoff.csv", HANDOFF).toString(), "--by", "intent", "--every", "2",
                "--out", out.toString());

        assertEquals(List.of("text,intent,handoff,language", "解約してください,cancel,1,ja",
                "how long does a refund take to arrive?,none,0,en",
                "how do I add a product,none,0,en"), Files.readAllLines(out.resolve("check.csv")));
    }
}
