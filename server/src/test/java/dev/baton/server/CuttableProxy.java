package dev.baton.server;

import dev.baton.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of the server that a test can cut and restore, to lose the network the way a customer's
 * laptop does; and that can swallow what the server sends, to lose an acknowledgement on the way.
 */
final class CuttableProxy implements AutoCloseable {
    private final int port = TestRedis.freePort();
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "cuttable-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServerSocket listener;
    private volatile boolean swallowReplies;

    CuttableProxy(int targetPort) {
        this.targetPort = targetPort;
        restore();
    }

    /** The address pages are loaded from, through the proxy. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Accepts connections again (on the same port). */
    synchronized void restore() {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = server;
            threads.execute(() -> accept(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The network is gone: open connections drop and new ones are refused until {@link #restore()}. */
    synchronized void cut() {
        closeQuietly(listener);
        sockets.forEach(CuttableProxy::closeQuietly);
        sockets.clear();
    }

    /** While true, whatever the server sends is dropped on the floor (the client hears nothing). */
    void swallowReplies(boolean swallow) {
        swallowReplies = swallow;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                threads.execute(() -> pump(client, upstream, false));
                threads.execute(() -> pump(upstream, client, true));
            } catch (IOException e) {
                return; // cut
            }
        }
    }

    private void pump(Socket from, Socket to, boolean reply) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (!(reply && swallowReplies)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed or was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
    }
}
