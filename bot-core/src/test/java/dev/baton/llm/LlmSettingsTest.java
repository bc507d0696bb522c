package dev.baton.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.FakeChatModel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator's settings turn into, and what they refuse. */
class LlmSettingsTest {

    @Test
    void no_provider_means_no_model() {
        LlmSettings off = LlmSettings.of(null, "http://localhost:1", "m", "k", true, null);
        assertFalse(off.enabled());
        assertEquals(Optional.empty(), ModelClient.of(off));
        assertFalse(LlmSettings.of(" ", null, null, null, false, null).enabled());
    }

    @Test
    void providers_have_their_usual_addresses() {
        assertEquals("http://localhost:11434", LlmSettings.of("Ollama", null, "llama3.1", null, false, null)
                .endpoint());
        assertEquals("https://api.openai.com/v1", LlmSettings.of("openai", null, "gpt-4o-mini", "sk-1", false, null)
                .endpoint());
    }

    @Test
    void bad_settings_are_refused_with_what_to_set() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.of("gemini", null, "m", null, false, null)).getMessage().contains("openai or ollama"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.of("ollama", null, null, null, false, null)).getMessage()
                .contains("BATON_LLM_MODEL"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.of("openai", null, "gpt-4o-mini", null, false, null)).getMessage()
                .contains("BATON_LLM_API_KEY"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.of("openai", "ftp://x", "m", null, false, null)).getMessage()
                .contains("http://"));
        assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.of("ollama", null, "m", null, false, Duration.ZERO));
    }

    @Test
    void the_key_is_never_printed() {
        String shown = LlmSettings.of("openai", null, "gpt-4o-mini", "sk-secret-123", false, null).toString();
        assertFalse(shown.contains("sk-secret-123"), shown);
        assertTrue(shown.contains("gpt-4o-mini"), shown);
    }

    @Test
    void ollama_is_called_on_its_own_chat_api_in_json_mode() throws Exception {
        try (FakeChatModel server = FakeChatModel.start()) {
            server.reply(request -> FakeChatModel.ollamaChat("{\"ok\": true}"));
            LlmSettings settings = LlmSettings.of("ollama", server.baseUrl().replace("/v1", ""), "llama3.1", null,
                    false, Duration.ofSeconds(2));
            try (ModelClient client = ModelClient.of(settings).orElseThrow()) {
                Optional<String> reply = client.askJson("Say ok.", "Hello", text -> text);

                assertEquals(Optional.of("{\"ok\": true}"), reply);
                var request = new ObjectMapper().readTree(server.requests().get(0));
                assertEquals("llama3.1", request.path("model").asText());
                assertEquals("json", request.path("format").asText());
            }
        }
    }
}
