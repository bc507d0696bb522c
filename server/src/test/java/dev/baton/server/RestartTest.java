package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baton on its embedded Redis keeps everything across a stop and a start on the same data folder. */
class RestartTest {

    @TempDir
    Path dataDir;

    private BatonApp startOn(Path dir) {
        return BatonApp.start(BatonConfig.defaults().withPort(0).withDataDir(dir));
    }

    @Test
    void history_and_knowledge_base_survive_a_restart() {
        JsonNode welcome;
        List<String> before = new ArrayList<>();
        try (BatonApp first = startOn(dataDir)) {
            ChatClient client = ChatClient.connect(first.port());
            welcome = client.helloAsNewVisitor();
            client.ask("q-1", "How do customers earn points?");
            before.add(client.nextMessageFrom("customer").path("text").asText());
            before.add(client.nextMessageFrom("bot").path("text").asText());
            client.closeNow();
        }

        try (BatonApp second = startOn(dataDir)) {
            ChatClient client = ChatClient.connect(second.port());
            client.sendFrame(ChatClient.frame("hello").put("visitorId", "v")
                    .put("conversationId", welcome.path("conversationId").asText())
                    .put("resumeToken", welcome.path("resumeToken").asText()));
            JsonNode resumed = client.next("welcome");
            client.closeNow();

            List<String> after = new ArrayList<>();
            resumed.path("messages").forEach(m -> after.add(m.path("text").asText()));
            assertEquals(before, after);
            assertEquals(DemoContent.articles(dev.baton.store.Json.newMapper()).size(),
                    HttpGet.json(second.port(), "/health").path("articles").asInt());
        }
    }
}
