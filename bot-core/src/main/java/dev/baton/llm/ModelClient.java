package dev.baton.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured chat model behind a time budget and a circuit breaker: a call that is late, fails or returns what
 * cannot be read gives nothing, and after repeated failures the model is not called at all for a while, so callers
 * fall back at once instead of waiting out the budget every time. Thread-safe; closing it stops the calls in
 * flight.
 */
public final class ModelClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelClient.class);
    /** Calls the breaker judges on: the last ones, of which this many at least before it may open. */
    static final int WINDOW = 10;
    static final int MIN_CALLS = 4;
    /** How long the breaker stays open before one call may try the model again. */
    static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final Duration budget;
    private final boolean shareIdentity;
    private final boolean stream;
    private final CircuitBreaker breaker;
    private final ExecutorService calls;

    private ModelClient(ChatModel model, StreamingChatModel streamingModel, LlmSettings settings) {
        this.model = model;
        this.streamingModel = streamingModel;
        this.budget = settings.budget();
        this.shareIdentity = settings.shareIdentity();
        this.stream = settings.stream();
        this.breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(WINDOW)
                .minimumNumberOfCalls(MIN_CALLS)
                .failureRateThreshold(50)
                .waitDurationInOpenState(OPEN_FOR)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> log.warn("The language model's circuit breaker: {}"
                + " (answers are extractive while it is open)", event.getStateTransition()));
        AtomicInteger threads = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "baton-llm-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The model of {@code settings}; empty when none is configured. */
    public static Optional<ModelClient> of(LlmSettings settings) {
        return settings.enabled()
                ? Optional.of(new ModelClient(chatModel(settings), streamingChatModel(settings), settings))
                : Optional.empty();
    }

    private static ChatModel chatModel(LlmSettings settings) {
        // The client gives up a little after the budget, so a late call frees its thread; no retries: a retry is late.
        Duration timeout = settings.budget().plusSeconds(1);
        return switch (settings.provider()) {
            case OPENAI -> OpenAiChatModel.builder().baseUrl(settings.endpoint())
                    .apiKey(settings.apiKey() == null ? "none" : settings.apiKey()).modelName(settings.model())
                    .timeout(timeout).maxRetries(0).build();
            case OLLAMA -> OllamaChatModel.builder().baseUrl(settings.endpoint()).modelName(settings.model())
                    .timeout(timeout).maxRetries(0).build();
        };
    }

    private static StreamingChatModel streamingChatModel(LlmSettings settings) {
        Duration timeout = settings.budget().plusSeconds(1); // streaming clients never retry
        return switch (settings.provider()) {
            case OPENAI -> OpenAiStreamingChatModel.builder().baseUrl(settings.endpoint())
                    .apiKey(settings.apiKey() == null ? "none" : settings.apiKey()).modelName(settings.model())
                    .timeout(timeout).build();
            case OLLAMA -> OllamaStreamingChatModel.builder().baseUrl(settings.endpoint()).modelName(settings.model())
                    .timeout(timeout).build();
        };
    }

    /** Whether the customer's name and plan may be sent (BATON_LLM_SHARE_IDENTITY). */
    public boolean sharesIdentity() {
        return shareIdentity;
    }

    /**
     * Asks the model for a JSON object (the provider's JSON mode) and reads it with {@code read}, within the budget.
     * Empty when the breaker is open, the call fails or is late, or {@code read} throws (the reply is garbage): each
     * of those counts as a failure of the model.
     */
    public <T> Optional<T> askJson(String instructions, String input, Function<String, T> read) {
        if (!breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        ChatRequest request = jsonRequest(instructions, input);
        Future<String> call = calls.submit(() -> model.chat(request).aiMessage().text());
        return within(started, call, () -> call.cancel(true), read);
    }

    /**
     * As {@link #askJson}, with the reply streamed: {@code soFar} hears the reply's text as it grows, on the HTTP
     * client's thread, until it is complete or the budget runs out (then it hears nothing more). What it hears is
     * unread and unchecked; only the result of {@code read} on the complete reply is the model's answer. With
     * streaming turned off (BATON_LLM_STREAM=false) this is {@link #askJson}, and {@code soFar} hears nothing.
     */
    public <T> Optional<T> streamJson(String instructions, String input, Consumer<String> soFar,
            Function<String, T> read) {
        if (!stream) {
            return askJson(instructions, input, read);
        }
        if (!breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        StreamedReply reply = new StreamedReply(soFar);
        try {
            streamingModel.chat(jsonRequest(instructions, input), reply);
        } catch (RuntimeException e) {
            reply.onError(e);
        }
        return within(started, reply.complete, reply::abandon, read);
    }

    private static ChatRequest jsonRequest(String instructions, String input) {
        return ChatRequest.builder().messages(SystemMessage.from(instructions), UserMessage.from(input))
                .responseFormat(ResponseFormat.JSON).build();
    }

    /** Waits for {@code reply} until the budget since {@code started}, reads it, and tells the breaker how it went. */
    private <T> Optional<T> within(long started, Future<String> reply, Runnable abandon, Function<String, T> read) {
        try {
            long left = budget.toNanos() - (System.nanoTime() - started);
            T value = read.apply(reply.get(Math.max(0, left), TimeUnit.NANOSECONDS));
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return Optional.ofNullable(value);
        } catch (TimeoutException e) {
            abandon.run();
            return failed(started, e, "it took longer than " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            return failed(started, e.getCause(), String.valueOf(e.getCause().getMessage()));
        } catch (RuntimeException e) {
            return failed(started, e, String.valueOf(e.getMessage())); // read refused the reply
        } catch (InterruptedException e) {
            abandon.run();
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            return Optional.empty();
        }
    }

    /** One streamed reply: its text so far passed on while wanted, and the whole text once complete. */
    private static final class StreamedReply implements StreamingChatResponseHandler {
        final CompletableFuture<String> complete = new CompletableFuture<>();
        private final Consumer<String> soFar;
        private final StringBuilder text = new StringBuilder();
        private volatile boolean abandoned;
        private volatile StreamingHandle handle;

        StreamedReply(Consumer<String> soFar) {
            this.soFar = soFar;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle = context.streamingHandle();
            if (abandoned) {
                handle.cancel();
                return;
            }
            text.append(partial.text());
            try {
                soFar.accept(text.toString());
            } catch (RuntimeException e) {
                log.warn("Passing on a streamed answer failed: {}", e.toString());
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            String whole = response.aiMessage() == null ? null : response.aiMessage().text();
            complete.complete(whole != null ? whole : text.toString());
        }

        @Override
        public void onError(Throwable error) {
            complete.completeExceptionally(error);
        }

        /** Late: stop passing text on, and stop the stream if it has begun. */
        void abandon() {
            abandoned = true;
            StreamingHandle started = handle;
            if (started != null) {
                started.cancel();
            }
        }
    }

    private <T> Optional<T> failed(long started, Throwable error, String why) {
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
        log.info("The language model gave nothing usable ({}); Baton answers without it", why);
        return Optional.empty();
    }

    /** Whether the breaker lets calls through now (closed or trying again). */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
