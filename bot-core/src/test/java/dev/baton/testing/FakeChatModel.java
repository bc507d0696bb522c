package dev.baton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.llm.LlmSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for a language model: a real HTTP server on a free loopback port that answers OpenAI's
 * {@code POST /v1/chat/completions} (and Ollama's {@code /api/chat}, with {@link #ollamaChat}) with canned replies
 * and records every request body it was sent. A request with {@code "stream": true} gets its canned reply's message
 * streamed in pieces, {@link #pace} apart: as server-sent events of chunks for OpenAI, as lines of JSON for Ollama.
 */
public final class FakeChatModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many characters of a reply each streamed piece holds. */
    private static final int PIECE = 8;

    /** One canned HTTP answer, sent after {@code delay}. */
    public record Reply(int status, String body, Duration delay) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Function<String, Reply> replies = request -> completion("{}", Duration.ZERO);
    private volatile Duration pace = Duration.ZERO;

    private FakeChatModel() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/api/chat", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FakeChatModel start() {
        return new FakeChatModel();
    }

    /** Settings for Baton to call this server as an OpenAI-compatible endpoint. */
    public LlmSettings settings(Duration budget) {
        return new LlmSettings(LlmSettings.Provider.OPENAI, baseUrl(), "fake-model", "test-key", false, budget,
                true);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every call gets {@code content} as the assistant's message. */
    public void replyWith(String content) {
        replies = request -> completion(content, Duration.ZERO);
    }

    /** Every call gets {@code content}, but only after {@code delay}. */
    public void replyAfter(Duration delay, String content) {
        replies = request -> completion(content, delay);
    }

    /** Each call gets what {@code reply} makes of its request body. */
    public void reply(Function<String, Reply> reply) {
        replies = reply;
    }

    /** Streamed replies wait this long between pieces (none by default). */
    public void pace(Duration gap) {
        pace = gap;
    }

    /** The request bodies received, oldest first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** A chat completion whose assistant message is {@code content}, as OpenAI's API shapes it. */
    public static Reply completion(String content, Duration delay) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1).put("model", "fake-model");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
        return new Reply(200, body.toString(), delay);
    }

    /** An answer of Ollama's {@code /api/chat} whose assistant message is {@code content}. */
    public static Reply ollamaChat(String content) {
        ObjectNode body = JSON.createObjectNode().put("model", "fake-model").put("created_at", "2026-12-02T00:00:00Z")
                .put("done", true).put("done_reason", "stop");
        body.putObject("message").put("role", "assistant").put("content", content);
        return new Reply(200, body.toString(), Duration.ZERO);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(request);
        Reply reply = replies.apply(request);
        try {
            Thread.sleep(reply.delay().toMillis());
            if (reply.status() == 200 && JSON.readTree(request).path("stream").asBoolean(false)) {
                stream(exchange, JSON.readTree(reply.body()));
            } else {
                send(exchange, reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // The client gave up waiting (a timeout test): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The canned reply's message in pieces of a few characters, as the provider streams one. */
    private void stream(HttpExchange exchange, JsonNode reply) throws IOException, InterruptedException {
        boolean openAi = reply.has("choices");
        String content = (openAi ? reply.path("choices").path(0).path("message") : reply.path("message"))
                .path("content").asText();
        exchange.getResponseHeaders().set("Content-Type", openAi ? "text/event-stream" : "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int at = 0; at < content.length(); at += PIECE) {
                String piece = content.substring(at, Math.min(content.length(), at + PIECE));
                write(out, openAi ? openAiChunk(piece, null) : ollamaLine(piece, false));
                Thread.sleep(pace.toMillis());
            }
            write(out, openAi ? openAiChunk(null, "stop") + "data: [DONE]\n\n" : ollamaLine("", true));
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String openAiChunk(String piece, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "fake-model");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (piece != null) {
            delta.put("role", "assistant").put("content", piece);
        }
        choice.put("finish_reason", finishReason);
        return "data: " + chunk + "\n\n";
    }

    private static String ollamaLine(String piece, boolean done) {
        ObjectNode line = JSON.createObjectNode().put("model", "fake-model").put("created_at", "2026-12-02T00:00:00Z")
                .put("done", done);
        line.putObject("message").put("role", "assistant").put("content", piece);
        if (done) {
            line.put("done_reason", "stop");
        }
        return line + "\n";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
