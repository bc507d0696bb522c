package dev.baton.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Widget sockets that say hello and then stay open doing nothing, as most visitors' do, and what they cost the
 * server's heap. The JDK's WebSocket client is used here (not Java-WebSocket, which runs two threads per
 * connection): thousands of sockets share its few threads. The heap is read with {@code jcmd} after a full GC,
 * before and after.
 */
final class IdleSockets {
    private static final Pattern G1_USED = Pattern.compile("used (\\d+)K");
    private static final int IN_FLIGHT = 100;

    private IdleSockets() {}

    /** How many sockets were open and welcomed, and the server heap after a GC before and after, in KiB. */
    record Result(int open, long heapBeforeKiB, long heapAfterKiB) {
        double mibPerThousand() {
            return open == 0 ? 0 : (heapAfterKiB - heapBeforeKiB) / 1024.0 / (open / 1000.0);
        }
    }

    static Result run(URI chat, int count, long serverPid) throws Exception {
        long before = heapAfterGc(serverPid);
        HttpClient client = HttpClient.newHttpClient();
        List<WebSocket> open = new ArrayList<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<WebSocket>> welcomed = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            CompletableFuture<WebSocket> welcome = new CompletableFuture<>();
            welcome.whenComplete((socket, error) -> inFlight.release());
            welcomed.add(welcome);
            client.newWebSocketBuilder().buildAsync(chat, new Visitor(welcome)).whenComplete((socket, error) -> {
                if (error != null) {
                    welcome.completeExceptionally(error);
                } else {
                    socket.sendText("{\"type\":\"hello\",\"visitorId\":\"idle-" + UUID.randomUUID()
                            + "\",\"locale\":\"en\"}", true);
                }
            });
        }
        for (CompletableFuture<WebSocket> welcome : welcomed) {
            try {
                open.add(welcome.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed++;
            }
        }
        if (failed > 0) {
            System.out.printf("%d of %d idle sockets were not welcomed%n", failed, count);
        }
        long after = heapAfterGc(serverPid);
        Result result = new Result(open.size(), before, after);
        for (WebSocket socket : open) {
            socket.abort();
        }
        return result;
    }

    /** A socket that waits for its welcome and then reads and ignores whatever comes. */
    private record Visitor(CompletableFuture<WebSocket> welcome) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (data.toString().contains("\"welcome\"")) {
                welcome.complete(socket);
            }
            socket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            welcome.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            welcome.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
            return null;
        }
    }

    /** The server's heap in use after a full GC, in KiB, as {@code jcmd GC.heap_info} prints it. */
    static long heapAfterGc(long pid) throws InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = G1_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd printed no heap use");
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws InterruptedException {
        String java = BatonProcess.javaBinary();
        String jcmd = java.endsWith("java") ? java.substring(0, java.length() - 4) + "jcmd" : "jcmd";
        try {
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run jcmd", e);
        }
    }
}
