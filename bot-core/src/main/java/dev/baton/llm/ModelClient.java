package dev.baton.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Duration budget;
    private final boolean shareIdentity;
    private final CircuitBreaker breaker;
    private final ExecutorService calls;

    private ModelClient(ChatModel model, LlmSettings settings) {
        this.model = model;
        this.budget = settings.budget();
        this.shareIdentity = settings.shareIdentity();
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
        return settings.enabled() ? Optional.of(new ModelClient(chatModel(settings), settings)) : Optional.empty();
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
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(instructions), UserMessage.from(input))
                .responseFormat(ResponseFormat.JSON).build();
        Future<T> call = calls.submit(() -> read.apply(model.chat(request).aiMessage().text()));
        try {
            T value = call.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return Optional.ofNullable(value);
        } catch (TimeoutException e) {
            call.cancel(true);
            return failed(started, e, "it took longer than " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            return failed(started, e.getCause(), String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            return Optional.empty();
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
