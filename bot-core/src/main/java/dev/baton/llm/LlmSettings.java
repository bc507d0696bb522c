package dev.baton.llm;

import java.time.Duration;
import java.util.Locale;

/**
 * Which language model Baton may use, if any. Off unless an operator names a provider: then the bot still answers
 * from the knowledge base as always, and the model may only reword what was retrieved (see docs/llm.md).
 *
 * @param provider null when no model is configured
 * @param baseUrl the provider's address; null for its usual one (api.openai.com, or Ollama on localhost)
 * @param apiKey the bearer key for an OpenAI-compatible endpoint; null when it needs none
 * @param shareIdentity send the customer's name and plan with summaries and drafts; off, they never leave Baton
 * @param budget how long a call may take before Baton answers without it
 * @param stream stream written answers to the customer as the model writes them, before they are checked (the
 *     checked message replaces them); off, the customer sees only checked answers
 */
public record LlmSettings(Provider provider, String baseUrl, String model, String apiKey, boolean shareIdentity,
        Duration budget, boolean stream) {
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(2500);
    private static final Duration MAX_BUDGET = Duration.ofSeconds(60);
    public static final LlmSettings OFF = new LlmSettings(null, null, null, null, false, DEFAULT_BUDGET, true);

    /** The chat APIs Baton speaks. */
    public enum Provider {
        /** {@code POST /chat/completions}: OpenAI, and the many servers that speak its API (vLLM, llama.cpp...). */
        OPENAI,
        /** Ollama's own {@code /api/chat}. */
        OLLAMA
    }

    public LlmSettings {
        baseUrl = blankToNull(baseUrl);
        model = blankToNull(model);
        apiKey = blankToNull(apiKey);
        budget = budget == null ? DEFAULT_BUDGET : budget;
        if (budget.isNegative() || budget.isZero() || budget.compareTo(MAX_BUDGET) > 0) {
            throw new IllegalArgumentException("the model's time budget must be more than 0 and at most 60 seconds");
        }
        if (provider != null && model == null) {
            throw new IllegalArgumentException("BATON_LLM_MODEL is needed with BATON_LLM=" + name(provider));
        }
        if (provider == Provider.OPENAI && baseUrl == null && apiKey == null) {
            throw new IllegalArgumentException("BATON_LLM_API_KEY is needed for api.openai.com "
                    + "(or set BATON_LLM_BASE_URL to an OpenAI-compatible server that needs no key)");
        }
        if (baseUrl != null && !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("BATON_LLM_BASE_URL must start with http:// or https://, not '"
                    + baseUrl + "'");
        }
    }

    /**
     * Reads the settings as the command line and environment give them; answers stream unless
     * {@link #withStreaming} says otherwise.
     *
     * @param provider {@code openai}, {@code ollama}, or blank for none
     */
    public static LlmSettings of(String provider, String baseUrl, String model, String apiKey, boolean shareIdentity,
            Duration budget) {
        if (provider == null || provider.isBlank()) {
            return new LlmSettings(null, null, null, null, false, budget, true);
        }
        Provider chosen = switch (provider.strip().toLowerCase(Locale.ROOT)) {
            case "openai" -> Provider.OPENAI;
            case "ollama" -> Provider.OLLAMA;
            default -> throw new IllegalArgumentException("BATON_LLM takes openai or ollama, not '"
                    + provider.strip() + "'");
        };
        return new LlmSettings(chosen, baseUrl, model, apiKey, shareIdentity, budget, true);
    }

    /** The same settings, with written answers streamed to the customer or not (BATON_LLM_STREAM). */
    public LlmSettings withStreaming(boolean streamAnswers) {
        return new LlmSettings(provider, baseUrl, model, apiKey, shareIdentity, budget, streamAnswers);
    }

    public boolean enabled() {
        return provider != null;
    }

    /** The address calls go to. */
    public String endpoint() {
        if (baseUrl != null) {
            return baseUrl;
        }
        return provider == Provider.OLLAMA ? "http://localhost:11434" : "https://api.openai.com/v1";
    }

    /** Never prints the key: settings end up in logs. */
    @Override
    public String toString() {
        return enabled() ? name(provider) + " " + model + " at " + endpoint() + (apiKey == null ? "" : " (with a key)")
                : "no language model";
    }

    private static String name(Provider provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
