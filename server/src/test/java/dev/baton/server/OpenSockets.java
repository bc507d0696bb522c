package dev.baton.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The sockets a test opened, every one closed after it: {@code @RegisterExtension final OpenSockets sockets}. */
final class OpenSockets implements AfterEachCallback {
    private final List<JsonSocketClient> open = new CopyOnWriteArrayList<>();

    <T extends JsonSocketClient> T track(T client) {
        open.add(client);
        return client;
    }

    /** A new customer connection to the server on {@code port}. */
    ChatClient chat(int port) {
        return track(ChatClient.connect(port));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(JsonSocketClient::closeNow);
        open.clear();
    }
}
