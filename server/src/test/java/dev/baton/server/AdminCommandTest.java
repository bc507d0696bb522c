package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.access.Passwords;
import dev.baton.access.SessionStore;
import dev.baton.routing.AgentRole;
import dev.baton.server.ops.RedisWatch;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisSessionStore;
import dev.baton.testing.TestCluster;
import dev.baton.testing.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.UnifiedJedis;

/** {@code baton admin password}: a new password from stdin or generated, and the agent's sessions ended. */
class AdminCommandTest {
    private static final RedisKeys BATON = new RedisKeys("baton");
    private final RedisClient redis = TestRedis.newClient();
    private final RedisAgentStore agents = new RedisAgentStore(redis, BATON, Json.newMapper());
    private final RedisSessionStore sessions = new RedisSessionStore(redis, BATON, SessionStore.Lifetimes.DEFAULTS,
            Clock.systemUTC());
    private final Passwords passwords = new Passwords();

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, BATON);
        redis.close();
    }

    /** Runs the CLI with {@code stdin} as its input; returns the exit code and what it printed. */
    private record Run(int exit, String out) {}

    private Run run(String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return new Run(Main.commandLine().execute(args), printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    @Test
    void a_password_from_stdin_replaces_the_old_one_and_ends_every_session() {
        TeamSetup.createAgent(agents, passwords, "ops@perkful.example", "Ops", AgentRole.ADMIN, "the old password",
                List.of());
        String agentId = agents.findByEmail("ops@perkful.example").orElseThrow().id();
        String token = sessions.start(agentId).token();

        Run set = run("a much better password\n", "admin", "password", "--email", "OPS@perkful.example",
                "--redis-url", TestRedis.url());

        assertEquals(0, set.exit(), set.out());
        String hash = agents.find(agentId).orElseThrow().passwordHash();
        assertTrue(passwords.matches("a much better password", hash));
        assertFalse(passwords.matches("the old password", hash));
        assertTrue(sessions.find(token).isEmpty(), "logged out everywhere");
        assertFalse(set.out().contains("a much better password"), "a password typed in is not echoed");
    }

    @Test
    void a_generated_password_is_printed_once_and_bad_input_is_refused_with_a_message() {
        TeamSetup.createAgent(agents, passwords, "sam@perkful.example", "Sam", AgentRole.AGENT, "the old password",
                List.of());

        Run generated = run("", "admin", "password", "--email", "sam@perkful.example", "--generate", "--redis-url",
                TestRedis.url());
        Run unknown = run("whatever password\n", "admin", "password", "--email", "nobody@perkful.example",
                "--redis-url", TestRedis.url());
        Run tooShort = run("short\n", "admin", "password", "--email", "sam@perkful.example", "--redis-url",
                TestRedis.url());
        Run nothing = run("", "admin", "password", "--email", "sam@perkful.example", "--redis-url", TestRedis.url());

        assertEquals(0, generated.exit(), generated.out());
        Matcher shown = Pattern.compile("set: (\\S{16,})").matcher(generated.out());
        assertTrue(shown.find(), generated.out());
        String password = shown.group(1);
        assertTrue(passwords.matches(password, agents.findByEmail("sam@perkful.example").orElseThrow()
                .passwordHash()));
        assertEquals(2, unknown.exit());
        assertTrue(unknown.out().contains("no agent with the email"), unknown.out());
        assertEquals(2, tooShort.exit());
        assertTrue(tooShort.out().contains("at least 10 characters"), tooShort.out());
        assertEquals(2, nothing.exit());
        assertTrue(passwords.matches(password, agents.findByEmail("sam@perkful.example").orElseThrow()
                .passwordHash()), "a refused change changes nothing");
    }

    @Test
    void on_a_redis_cluster_the_command_finds_the_agents_in_the_clusters_layout_and_ends_their_sessions() {
        RedisAddress address = RedisAddress.parse(RedisAddress.clusterUrl(TestCluster.seeds(), 4));
        RedisKeys clustered = address.keys("baton");
        // Baton's own cluster client: sessions start in a transaction, which Jedis' RedisClusterClient refuses.
        try (UnifiedJedis cluster = address.connect(new ConnectionPoolConfig(), RedisWatch.NONE, clustered)) {
            var clusterAgents = new RedisAgentStore(cluster, clustered, Json.newMapper());
            var clusterSessions = new RedisSessionStore(cluster, clustered, SessionStore.Lifetimes.DEFAULTS,
                    Clock.systemUTC());
            TeamSetup.createAgent(clusterAgents, passwords, "kai@perkful.example", "Kai", AgentRole.ADMIN,
                    "the old password", List.of());
            String agentId = clusterAgents.findByEmail("kai@perkful.example").orElseThrow().id();
            String token = clusterSessions.start(agentId).token();

            Run set = run("a much better password\n", "admin", "password", "--email", "kai@perkful.example",
                    "--redis-cluster", TestCluster.seeds(), "--feed-partitions", "4");
            Run mixed = run("another good password\n", "admin", "password", "--email", "kai@perkful.example", "--redis-cluster",
                    TestCluster.seeds(), "--redis-url", TestRedis.url());

            assertEquals(0, set.exit(), set.out());
            assertTrue(passwords.matches("a much better password",
                    clusterAgents.find(agentId).orElseThrow().passwordHash()));
            assertTrue(clusterSessions.find(token).isEmpty(), "logged out everywhere");
            assertEquals(2, mixed.exit(), mixed.out());
            assertTrue(mixed.out().contains("give one of --redis-url, --redis-sentinels and --redis-cluster"),
                    mixed.out());
        }
    }
}
