package dev.baton.server;

import dev.baton.access.Passwords;
import dev.baton.routing.AgentRole;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.RedisClient;

/** {@code baton admin create}: adds an admin from the command line, on Baton's Redis (embedded or REDIS_URL). */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Manage Baton's admins.",
        subcommands = AdminCommand.Create.class)
final class AdminCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create an admin. Stop Baton first when it runs on the embedded Redis of the same folder.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--name", defaultValue = "Admin")
        String name;

        @Option(names = "--password", defaultValue = "${env:BATON_ADMIN_PASSWORD}",
                description = "At least 10 characters (env BATON_ADMIN_PASSWORD; asked for when missing).")
        String password;

        @Option(names = "--data-dir", defaultValue = "${env:BATON_DATA_DIR:-data}")
        Path dataDir;

        @Option(names = "--redis-url", defaultValue = "${env:REDIS_URL}")
        String redisUrl;

        @Override
        public Integer call() {
            if (password == null && System.console() != null) {
                password = new String(System.console().readPassword("Password for %s: ", email));
            }
            Passwords.requireAcceptable(password);
            EmbeddedRedis embedded = redisUrl == null ? EmbeddedRedis.start(dataDir) : null;
            try (RedisClient redis = RedisClient.create(URI.create(embedded != null ? embedded.url() : redisUrl))) {
                var agents = new RedisAgentStore(redis, new RedisKeys("baton"), Json.newMapper());
                TeamSetup.createAgent(agents, new Passwords(), email, name, AgentRole.ADMIN, password, List.of());
                System.out.println("Admin " + email + " created.");
                return 0;
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }
}
