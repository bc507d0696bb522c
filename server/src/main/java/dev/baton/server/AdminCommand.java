package dev.baton.server;

import dev.baton.access.AgentAccess;
import dev.baton.access.Passwords;
import dev.baton.access.SessionStore;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisSessionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton admin create} and {@code baton admin password}: add an admin, or set anyone's password, from the
 * command line, on Baton's Redis (embedded or REDIS_URL).
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Manage Baton's admins and passwords.",
        subcommands = {AdminCommand.Create.class, AdminCommand.SetPassword.class})
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

        @Mixin
        RedisOptions store;

        @Override
        public Integer call() throws Exception {
            if (password == null && System.console() != null) {
                password = new String(System.console().readPassword("Password for %s: ", email));
            }
            Passwords.requireAcceptable(password);
            return store.use((redis, keys) -> {
                var agents = new RedisAgentStore(redis, keys, Json.newMapper());
                TeamSetup.createAgent(agents, new Passwords(), email, name, AgentRole.ADMIN, password, List.of());
                System.out.println("Admin " + email + " created.");
                return 0;
            });
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Set an agent's or admin's password, and end their sessions (their consoles close).",
                "The new password is asked for twice on a terminal, read from the first line of stdin otherwise, "
                        + "or generated with --generate. Stop Baton first when it runs on the embedded Redis of "
                        + "the same folder."})
    static final class SetPassword implements Callable<Integer> {
        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--generate", description = "Generate a password and print it (once).")
        boolean generate;

        @Mixin
        RedisOptions store;

        @Override
        public Integer call() throws Exception {
            String password = generate ? Passwords.generate() : read();
            Passwords.requireAcceptable(password);
            return store.use((redis, keys) -> {
                var agents = new RedisAgentStore(redis, keys, Json.newMapper());
                Agent agent = agents.findByEmail(email).orElseThrow(() -> new IllegalArgumentException(
                        "there is no agent with the email " + email));
                var sessions = new RedisSessionStore(redis, keys, SessionStore.Lifetimes.DEFAULTS,
                        Clock.systemUTC());
                new AgentAccess(agents, sessions, new Passwords(), Clock.systemUTC())
                        .changePassword(agent, password, null);
                System.out.println("Password of " + agent.email() + " set" + (generate ? ": " + password : ".")
                        + " Their sessions have ended.");
                return 0;
            });
        }

        private String read() {
            if (System.console() != null) {
                char[] first = System.console().readPassword("New password for %s: ", email);
                char[] again = System.console().readPassword("Again: ");
                if (first == null || !Arrays.equals(first, again)) {
                    throw new IllegalArgumentException("the two passwords differ");
                }
                return new String(first);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine();
                if (line == null || line.isEmpty()) {
                    throw new IllegalArgumentException("give the new password on stdin, or use --generate");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
