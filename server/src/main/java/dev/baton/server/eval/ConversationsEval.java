package dev.baton.server.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.kb.Article;
import dev.baton.server.BatonApp;
import dev.baton.server.BatonConfig;
import dev.baton.server.EmbeddedRedis;
import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.RedisClient;

/**
 * {@code baton eval conversations}: plays multi-turn conversations through the real server (a Baton on a free port
 * with its own embedded Redis and the given knowledge base), over {@code /ws/chat} like the widget, and reports at
 * which customer turn the bot handed over against the turn it should have: at the right turn, too early, too late,
 * or never.
 */
@Command(name = "conversations", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Play JSONL conversations {id, language, customer, turns, handoff_at, reason} through the bot.")
final class ConversationsEval implements Callable<Integer> {
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--kb", required = true, description = "The knowledge base: a JSON array of articles.")
    Path knowledgeBaseFile;

    @Option(names = "--test", required = true, description = "JSONL, one conversation a line; handoff_at is the "
            + "0-based customer turn where a person must take over, or null.")
    Path test;

    @Option(names = "--handoff-low-confidence", description = "Hand over after N answers in a row the bot was "
            + "not sure of (default: the product's, as --handoff-low-confidence of the server).")
    Integer lowConfidence;

    @Option(names = "--errors", defaultValue = "0", description = "List up to N conversations not handed over at "
            + "the right turn, with what the bot did at each turn.")
    int errors;

    @Option(names = "--json", description = "End with one line of JSON holding the figures.")
    boolean json;

    /** One conversation played: the turn expected, the turn it happened (null: never) and each turn's outcome. */
    record Played(String id, String language, String reason, Integer expected, Integer actual,
            List<ChatPlayer.Outcome> turns) {
        String verdict() {
            if (expected == null) {
                return actual == null ? "right" : "early";
            }
            if (actual == null) {
                return "never";
            }
            return actual.equals(expected) ? "right" : actual < expected ? "early" : "late";
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Article> articles = ArticlesFile.read(knowledgeBaseFile);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> conversations = new ArrayList<>();
        for (String line : Files.readAllLines(test)) {
            if (!line.isBlank()) {
                conversations.add(mapper.readTree(line));
            }
        }
        Path dataDir = Files.createTempDirectory("baton-eval-");
        List<Played> played = new ArrayList<>();
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir)) {
            BatonConfig config = BatonConfig.defaults().withPort(0).withRedisUrl(redis.url()).withDemo(false)
                    .withDataDir(dataDir);
            if (lowConfidence != null) {
                HandoffPolicy policy = config.handoff();
                config = config.withHandoff(new HandoffPolicy(policy.immediateIntents(), policy.frustrationThreshold(),
                        lowConfidence, policy.notHelpfulLimit()));
            }
            try (RedisClient client = RedisClient.builder().fromURI(URI.create(redis.url())).build()) {
                var store = new RedisArticleStore(client, new RedisKeys(config.namespace()), Json.newMapper());
                articles.forEach(store::save);
            }
            try (BatonApp app = BatonApp.start(config)) {
                URI chat = URI.create("ws://127.0.0.1:" + app.port() + "/ws/chat");
                // Until the knowledge base is calibrated the bot answers by the default thresholds, so the first
                // conversations would be judged by other thresholds than the rest, depending on the machine's speed.
                app.awaitCalibrated();
                warmUp(chat);
                for (JsonNode conversation : conversations) {
                    played.add(play(chat, conversation));
                    System.err.printf("%s: %s%n", played.get(played.size() - 1).id(),
                            played.get(played.size() - 1).verdict());
                }
            }
        }
        report(played, mapper);
        return 0;
    }

    /** One question first, so the first conversation meets warm code like the others. */
    private static void warmUp(URI chat) throws Exception {
        try (ChatPlayer customer = new ChatPlayer(chat, "en", "Warm Up", "warm@up.example", TURN_TIMEOUT)) {
            customer.say("hello");
        }
    }

    private static Played play(URI chat, JsonNode conversation) throws Exception {
        JsonNode customer = conversation.path("customer");
        List<ChatPlayer.Outcome> outcomes = new ArrayList<>();
        Integer handedOffAt = null;
        try (ChatPlayer player = new ChatPlayer(chat, conversation.path("language").asText("en"),
                customer.path("name").asText(), customer.path("email").asText(), TURN_TIMEOUT)) {
            JsonNode turns = conversation.path("turns");
            for (int i = 0; i < turns.size(); i++) {
                ChatPlayer.Outcome outcome = player.say(turns.get(i).asText());
                outcomes.add(outcome);
                if (outcome.handedOff()) {
                    handedOffAt = i;
                    break;
                }
            }
        }
        JsonNode expected = conversation.path("handoff_at");
        return new Played(conversation.path("id").asText(), conversation.path("language").asText(),
                conversation.path("reason").asText(), expected.isNull() || expected.isMissingNode() ? null
                        : expected.asInt(), handedOffAt, outcomes);
    }

    private void report(List<Played> played, ObjectMapper mapper) throws Exception {
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        List.of("right", "early", "late", "never").forEach(v -> verdicts.put(v, 0));
        Map<String, int[]> byReason = new TreeMap<>();
        Map<String, int[]> byLanguage = new TreeMap<>();
        for (Played p : played) {
            verdicts.merge(p.verdict(), 1, Integer::sum);
            int right = p.verdict().equals("right") ? 1 : 0;
            int[] reason = byReason.computeIfAbsent(p.reason(), r -> new int[2]);
            reason[0]++;
            reason[1] += right;
            int[] language = byLanguage.computeIfAbsent(p.language(), l -> new int[2]);
            language[0]++;
            language[1] += right;
        }
        System.out.printf("conversations    %d%n", played.size());
        verdicts.forEach((verdict, count) -> System.out.printf("%-16s %d (%s)%n", verdict, count,
                Percent.of(count / (double) Math.max(1, played.size()))));
        byLanguage.forEach((language, c) -> System.out.printf("language %-7s %d of %d right%n", language, c[1], c[0]));
        byReason.forEach((reason, c) -> System.out.printf("reason %-9s %d of %d right%n", reason, c[1], c[0]));
        List<Played> wrong = played.stream().filter(p -> !p.verdict().equals("right")).limit(errors).toList();
        if (!wrong.isEmpty()) {
            System.out.println();
            System.out.println("not at the right turn (expected turn, reason -> what the bot did at each turn):");
            wrong.forEach(p -> System.out.printf("  %s %s (at %s, %s) -> %s%n", p.id(), p.verdict(), p.expected(),
                    p.reason(), p.turns()));
        }
        if (json) {
            Map<String, Object> figures = new LinkedHashMap<>(verdicts);
            figures.put("n", played.size());
            figures.put("rightShare", verdicts.get("right") / (double) Math.max(1, played.size()));
            System.out.println(mapper.writeValueAsString(figures));
        }
    }
}
