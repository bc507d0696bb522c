package dev.baton.bench;

import dev.baton.server.BatonApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Baton server in a JVM of its own, started from baton.jar as an operator starts it ({@code java -jar baton.jar
 * --redis-url ...}), on a free port; {@link #kill()} is {@code kill -9}.
 */
final class BatonProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The harness's customers all connect from 127.0.0.1, standing for many addresses: the per-address chat budget
     * is sized for that crowd. Each connection keeps the default limits of its own.
     */
    static final int CLIENTS_PER_ADDRESS = 1_000;

    private final String name;
    private final int port;
    private final String redisUrl;
    private final Path logDir;
    private final Process process;

    private BatonProcess(String name, int port, String redisUrl, Path logDir, Process process) {
        this.name = name;
        this.port = port;
        this.redisUrl = redisUrl;
        this.logDir = logDir;
        this.process = process;
    }

    /**
     * Starts a node on {@code redisUrl} and waits until it is healthy; {@code demo} loads the demo knowledge base
     * (the first node of a store does).
     */
    static BatonProcess start(String name, String redisUrl, boolean demo, Path logDir) {
        return start(name, RedisProcess.freePort(), redisUrl, demo, logDir);
    }

    private static BatonProcess start(String name, int port, String redisUrl, boolean demo, Path logDir) {
        return start(name, port, redisUrl, demo, logDir, CLIENTS_PER_ADDRESS, List.of("-Xmx768m"));
    }

    /**
     * A node for the speed bench: {@code clientsPerAddress} as large as its crowd from 127.0.0.1, and the server
     * JVM's options ({@code -Xmx}, a flight recording) as given.
     */
    static BatonProcess start(String name, String redisUrl, Path logDir, int clientsPerAddress, List<String> jvm) {
        return start(name, RedisProcess.freePort(), redisUrl, true, logDir, clientsPerAddress, jvm);
    }

    private static BatonProcess start(String name, int port, String redisUrl, boolean demo, Path logDir,
            int clientsPerAddress, List<String> jvm) {
        try {
            Path dataDir = Files.createTempDirectory(logDir, name + "-data");
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(jvm);
            command.addAll(List.of("-jar", batonJar(),
                    "--port", Integer.toString(port), "--redis-url", redisUrl, "--data-dir", dataDir.toString(),
                    demo ? "--demo" : "--no-demo", "--chat-clients-per-address",
                    Integer.toString(clientsPerAddress)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(name + ".log").toFile()).start();
            BatonProcess node = new BatonProcess(name, port, redisUrl, logDir, process);
            Waiting.until(Duration.ofMinutes(3), name + " to answer /health", node::healthy);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The node started again after a kill, on the same port, as a supervisor restarts a crashed server. */
    BatonProcess restarted(int times) {
        return start(name + "-restart-" + times, port, redisUrl, false, logDir);
    }

    /** Runs a Baton command ({@code baton admin create ...}) to its end; fails unless it succeeds. */
    static void command(Path logDir, String name, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", batonJar()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(name + ".log").toFile()).start();
            Processes.awaitExit(process);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("baton " + String.join(" ", arguments.subList(0, 2)) + " failed; see "
                        + logDir.resolve(name + ".log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The jar this bench runs next to: the one that holds the server. */
    static String batonJar() {
        try {
            return Path.of(BatonApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where customers and agents reach it. */
    Endpoint endpoint() {
        return new Endpoint(name, port);
    }

    /** Waits until the node's log has a line containing {@code text} (a background task done, say). */
    void awaitLog(String text, Duration limit) {
        Path log = logDir.resolve(name + ".log");
        Waiting.until(limit, name + " to log \"" + text + "\"", () -> {
            try {
                return Files.readString(log).contains(text);
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** The server JVM's process id, for {@code jcmd}. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code GET /health} answers 200 (Redis answers and the knowledge base is loaded). */
    boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue());
        }
        try {
            HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint().url() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the JVM gets no chance to finish anything. */
    void kill() {
        Processes.kill(process);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
