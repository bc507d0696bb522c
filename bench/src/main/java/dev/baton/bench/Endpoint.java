package dev.baton.bench;

import java.net.URI;

/** A Baton server the harness talks to, in this JVM or in a process of its own: a name for the report and a port. */
record Endpoint(String name, int port) {

    String url() {
        return "http://localhost:" + port;
    }

    URI chat() {
        return URI.create("ws://localhost:" + port + "/ws/chat");
    }

    URI agent() {
        return URI.create("ws://localhost:" + port + "/ws/agent");
    }
}
