package io.lethe.platform.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP path to a real server that a test can cut and mend, as a network partition or a server that
 * stops would: cut closes every connection through it and stops listening; mend listens again on the
 * same port. It can also freeze, as a hung server does: connections stay open and nothing crosses
 * until it thaws. What crosses it is the real protocol, byte for byte.
 */
final class NetworkCut implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listening;
    private final Object frozen = new Object();
    private volatile boolean freezing;

    NetworkCut(String target) throws IOException {
        this.targetHost = target.substring(0, target.lastIndexOf(':'));
        this.targetPort = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        this.port = io.lethe.platform.FreePorts.any();
        mend();
    }

    /** Where to connect instead of the server: {@code localhost:port}. */
    String address() {
        return "localhost:" + port;
    }

    synchronized void mend() throws IOException {
        if (listening != null) {
            return;
        }
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        listening = server;
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(targetHost, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "network-cut-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Nothing crosses, in either direction, until {@link #thaw()}; the connections stay open. */
    void freeze() {
        freezing = true;
    }

    void thaw() {
        synchronized (frozen) {
            freezing = false;
            frozen.notifyAll();
        }
    }

    private void waitWhileFrozen() throws InterruptedException {
        synchronized (frozen) {
            while (freezing) {
                frozen.wait();
            }
        }
    }

    synchronized void cut() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void pump(Socket from, Socket to) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    waitWhileFrozen();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // the other side or a cut closed it
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                close(from);
                close(to);
            }
        }, "network-cut-pump");
        pumping.setDaemon(true);
        pumping.start();
    }

    private void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.remove(socket);
    }

    @Override
    public void close() throws IOException {
        thaw();
        cut();
    }
}
