package dev.baton.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * A GET over a plain socket bound to a chosen local address, so a test can arrive from any loopback address (JDK 17's
 * HttpClient cannot bind one). HTTP/1.0, so the answer ends where the connection does (no chunks to undo).
 */
final class RawHttp {
    /** Status, headers (names in lower case) and body of one answer. */
    record Response(int status, Map<String, String> headers, String body) {
        /** The header's value, or "" when the answer has none. */
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private RawHttp() {}

    /** GETs {@code path} from this machine's {@code port}, connecting from {@code from}; headers as name, value, ... */
    static Response get(String from, int port, String path, String... headers) {
        try (Socket socket = new Socket()) {
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            } catch (BindException e) {
                Assumptions.abort("this machine cannot send from " + from + ": " + e.getMessage());
            }
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " from " + from + " failed", e);
        }
    }

    private static Response parse(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("not an HTTP answer: " + answer);
        }
        String[] lines = answer.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
    }
}
