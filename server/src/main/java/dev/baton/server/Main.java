package dev.baton.server;

import dev.baton.server.eval.EvalCommand;
import dev.baton.access.SessionStore;
import dev.baton.access.TrustedProxies;
import dev.baton.detect.Intent;
import dev.baton.handoff.HandoffPolicy;
import dev.baton.llm.LlmSettings;
import dev.baton.routing.AgentRole;
import dev.baton.widget.ChatLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar baton.jar [options]}: starts Baton; subcommands do everything else. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "Baton 0.1.0",
        description = "Runs Baton, the in-app support messenger.", sortOptions = false,
        subcommands = {EvalCommand.class, AdminCommand.class, KbCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:PORT:-7070}", description = "HTTP port (env PORT; default 7070).")
    int port;

    @Mixin
    RedisOptions redis;

    @Mixin
    MailOptions mail;

    @Option(names = "--demo", negatable = true, defaultValue = "${env:BATON_DEMO}",
            description = "Load the demo knowledge base (env BATON_DEMO; default: only when it is empty).")
    Boolean demo;

    @Option(names = "--public-url", defaultValue = "${env:BATON_PUBLIC_URL}",
            description = "Address customers reach Baton at, for article links (env BATON_PUBLIC_URL).")
    String publicUrl;

    @Option(names = "--bot-name", defaultValue = "${env:BATON_BOT_NAME:-Baton}",
            description = "The bot's display name (env BATON_BOT_NAME; default Baton).")
    String botName;

    @Option(names = "--handoff-frustration", defaultValue = "${env:BATON_HANDOFF_FRUSTRATION:-0.8}",
            description = "Hand over when the conversation's frustration reaches this score, 0-1 "
                    + "(env BATON_HANDOFF_FRUSTRATION; default 0.8).")
    double handoffFrustration;

    @Option(names = "--handoff-intents", split = ",", defaultValue = "${env:BATON_HANDOFF_INTENTS:-cancel,refund,"
            + "complaint,human}", description = "Requests handed over at once (env BATON_HANDOFF_INTENTS; "
            + "default cancel,refund,complaint,human).")
    List<String> handoffIntents;

    @Option(names = "--handoff-low-confidence", defaultValue = "${env:BATON_HANDOFF_LOW_CONFIDENCE:-2}",
            description = "Hand over after this many unsure answers in a row (env BATON_HANDOFF_LOW_CONFIDENCE; "
                    + "default 2).")
    int handoffLowConfidence;

    @Option(names = "--handoff-not-helpful", defaultValue = "${env:BATON_HANDOFF_NOT_HELPFUL:-2}",
            description = "Hand over after this many answers in a row that did not help "
                    + "(env BATON_HANDOFF_NOT_HELPFUL; default 2).")
    int handoffNotHelpful;

    @Option(names = "--response-target", defaultValue = "${env:BATON_RESPONSE_TARGET_SECONDS:-300}",
            description = "Seconds after which the console highlights a wait or a first response "
                    + "(env BATON_RESPONSE_TARGET_SECONDS; default 300).")
    int responseTargetSeconds;

    @Option(names = "--identity-secret", defaultValue = "${env:BATON_IDENTITY_SECRET}",
            description = "Secret (32+ bytes) host products sign identity tokens with, HS256 "
                    + "(env BATON_IDENTITY_SECRET).")
    String identitySecret;

    @Option(names = "--identity-required", defaultValue = "${env:BATON_IDENTITY_REQUIRED:-false}",
            description = "Refuse visitors without a verified identity token (env BATON_IDENTITY_REQUIRED).")
    boolean identityRequired;

    @Option(names = "--allowed-origins", split = ",", defaultValue = "${env:BATON_ALLOWED_ORIGINS}",
            description = "Web origins whose pages may open the messenger, comma-separated, or * "
                    + "(env BATON_ALLOWED_ORIGINS; default: only Baton's own pages).")
    List<String> allowedOrigins;

    @Option(names = "--trusted-proxies", split = ",", defaultValue = "${env:BATON_TRUSTED_PROXIES}",
            description = "Reverse proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For "
                    + "and X-Forwarded-Proto are believed (env BATON_TRUSTED_PROXIES; default: none).")
    List<String> trustedProxies;

    @Option(names = "--session-idle-minutes", defaultValue = "${env:BATON_SESSION_IDLE_MINUTES:-720}",
            description = "A console session ends after this many minutes unused (env BATON_SESSION_IDLE_MINUTES; "
                    + "default 720, 12 hours).")
    long sessionIdleMinutes;

    @Option(names = "--session-max-hours", defaultValue = "${env:BATON_SESSION_MAX_HOURS:-24}",
            description = "A console session ends this many hours after its login, however much it is used "
                    + "(env BATON_SESSION_MAX_HOURS; default 24).")
    long sessionMaxHours;

    @Option(names = "--webhook-allow-private", defaultValue = "${env:BATON_WEBHOOK_ALLOW_PRIVATE:-false}",
            description = "Let webhooks reach loopback, private and link-local addresses "
                    + "(env BATON_WEBHOOK_ALLOW_PRIVATE; default false).")
    boolean webhookAllowPrivate;
    @Option(names = "--chat-clients-per-address", defaultValue = "${env:BATON_CHAT_CLIENTS_PER_ADDRESS:-20}",
            description = "How many customers behind one address (an office, a mobile carrier) may chat at full "
                    + "pace: the budget of frames one client address shares, in connections' worth "
                    + "(env BATON_CHAT_CLIENTS_PER_ADDRESS; default 20).")
    int chatClientsPerAddress;

    @Option(names = "--metrics-token", defaultValue = "${env:BATON_METRICS_TOKEN}",
            description = "Bearer token that lets any address read /metrics, 16 characters at least "
                    + "(env BATON_METRICS_TOKEN, better than the flag, which others on the machine can see; "
                    + "default: /metrics answers only this machine's loopback).")
    String metricsToken;

    @Option(names = "--llm", defaultValue = "${env:BATON_LLM}",
            description = "A language model to word answers, handoff summaries and reply drafts: openai (any "
                    + "OpenAI-compatible endpoint) or ollama (env BATON_LLM; default: none, see docs/llm.md).")
    String llm;

    @Option(names = "--llm-base-url", defaultValue = "${env:BATON_LLM_BASE_URL}",
            description = "The model's address (env BATON_LLM_BASE_URL; default https://api.openai.com/v1, "
                    + "or http://localhost:11434 for ollama).")
    String llmBaseUrl;

    @Option(names = "--llm-model", defaultValue = "${env:BATON_LLM_MODEL}",
            description = "The model's name, e.g. gpt-4o-mini or llama3.1 (env BATON_LLM_MODEL).")
    String llmModel;

    @Option(names = "--llm-api-key", defaultValue = "${env:BATON_LLM_API_KEY}",
            description = "The endpoint's API key (env BATON_LLM_API_KEY, better than the flag, which others on the "
                    + "machine can see).")
    String llmApiKey;

    @Option(names = "--llm-share-identity", defaultValue = "${env:BATON_LLM_SHARE_IDENTITY:-false}",
            description = "Send the customer's name and plan with handoff summaries and reply drafts "
                    + "(env BATON_LLM_SHARE_IDENTITY; default false: no customer identity is sent).")
    boolean llmShareIdentity;

    @Option(names = "--llm-budget-ms", defaultValue = "${env:BATON_LLM_BUDGET_MS:-2500}",
            description = "How long a model call may take before Baton answers without it "
                    + "(env BATON_LLM_BUDGET_MS; default 2500).")
    long llmBudgetMs;

    @Option(names = "--llm-stream", defaultValue = "${env:BATON_LLM_STREAM:-false}", arity = "1",
            paramLabel = "true|false",
            description = "Show the model's written answer to the customer as it is written, before it is checked "
                    + "(the checked answer, or the passage, replaces it); false shows checked answers only "
                    + "(env BATON_LLM_STREAM; default false: nothing unchecked reaches a customer).")
    boolean llmStream;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private HandoffPolicy handoffPolicy() {
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        for (String name : handoffIntents) {
            if (!name.isBlank()) {
                try {
                    intents.add(Intent.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--handoff-intents takes cancel, refund, complaint and human, "
                            + "not '" + name.trim() + "'");
                }
            }
        }
        return new HandoffPolicy(intents, handoffFrustration, handoffLowConfidence, handoffNotHelpful);
    }

    /** The command line with all subcommands; a bad argument or file ends with its message, not a stack trace. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof IllegalArgumentException || error instanceof IllegalStateException
                    || error instanceof java.io.UncheckedIOException) {
                command.getErr().println("baton: " + error.getMessage());
                return 2;
            }
            throw error;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        var config = new BatonConfig(port, redis.dataDir, redis.redisUrl(), demo, publicUrl, botName,
                RedisOptions.NAMESPACE, handoffPolicy(),
                responseTargetSeconds, System.getenv("BATON_ADMIN_EMAIL"), System.getenv("BATON_ADMIN_PASSWORD"),
                new BatonConfig.Messenger(identitySecret, identityRequired, allowedOrigins),
                TrustedProxies.of(trustedProxies), new SessionStore.Lifetimes(Duration.ofMinutes(sessionIdleMinutes),
                        Duration.ofHours(sessionMaxHours)), new BatonConfig.Webhooks(webhookAllowPrivate, null),
                ChatLimits.DEFAULTS.withClientsPerAddress(chatClientsPerAddress), metricsToken,
                LlmSettings.of(llm, llmBaseUrl, llmModel, llmApiKey, llmShareIdentity, Duration.ofMillis(llmBudgetMs))
                        .withStreaming(llmStream));
        BatonApp app = BatonApp.start(config, mail.settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Baton…");
            app.close();
            stopped.countDown();
        }, "baton-shutdown"));
        banner(app).forEach(System.out::println);
        stopped.await();
        return 0;
    }

    /** What a start prints: where Baton is, and the demo logins. */
    static List<String> banner(BatonApp app) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("  Baton is running at " + app.url());
        lines.add("  Demo store page with the messenger: " + app.url() + "/");
        lines.add("  Agent console: " + app.url() + "/console/");
        if (!app.demoLogins().isEmpty()) {
            lines.add("  Demo logins:");
            for (DemoLogin login : app.demoLogins()) {
                lines.add("    " + login.email() + (login.role() == AgentRole.ADMIN ? " (admin)" : "")
                        + (login.password() != null ? "  password: " + login.password() : ""));
            }
            boolean shown = app.demoLogins().stream().anyMatch(login -> login.password() != null);
            lines.add(shown ? "  These passwords are shown only now; Baton keeps only their hashes."
                    : "  Their passwords were shown when they were created.");
            lines.add("  To set a new one (with Baton stopped when it runs on its embedded Redis):");
            lines.add("    java -jar server/target/baton.jar admin password --email <email>");
        }
        lines.add("  Press Ctrl-C to stop.");
        lines.add("");
        return lines;
    }
}
