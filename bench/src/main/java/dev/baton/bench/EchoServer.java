package dev.baton.bench;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor for the relay: a bare Javalin (the same version and Jetty as Baton) whose one socket sends back every
 * text frame it gets, in a JVM of its own like Baton's. {@link #main} is that server; {@link #roundTrips} times it.
 */
public final class EchoServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private EchoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Usage: {@code EchoServer PORT}; runs until killed. */
    public static void main(String[] args) {
        Javalin.create(app -> {
            app.startup.showJavalinBanner = false;
            app.routes.ws("/echo", ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
        }).start(Integer.parseInt(args[0]));
    }

    /** Starts the echo server from this bench's jars, on a free port, and waits until it accepts connections. */
    static EchoServer start(Path logDir) {
        int port = RedisProcess.freePort();
        String classpath = BatonProcess.batonJar() + java.io.File.pathSeparator + benchJar();
        try {
            Process process = new ProcessBuilder(List.of(BatonProcess.javaBinary(), "-Xmx256m", "-cp", classpath,
                    EchoServer.class.getName(), Integer.toString(port))).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("echo.log").toFile()).start();
            EchoServer echo = new EchoServer(process, port);
            Waiting.until(Duration.ofSeconds(60), "the echo server to listen", echo::listening);
            return echo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String benchJar() {
        try {
            return Path.of(EchoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the echo server exited with " + process.exitValue());
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Round trips of a short text frame, one after another, in nanoseconds. */
    List<Long> roundTrips(int count) {
        JsonSocket socket = JsonSocket.open(URI.create("ws://localhost:" + port + "/echo"), Map.of());
        if (socket == null) {
            throw new IllegalStateException("could not connect to the echo server");
        }
        try {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                long sent = System.nanoTime();
                socket.send("{\"type\":\"echo\",\"n\":" + n + "}");
                ChatBench.await(socket, frame -> frame.path("n").asInt(-1) == n);
                times.add(System.nanoTime() - sent);
            }
            return times;
        } finally {
            socket.close();
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
