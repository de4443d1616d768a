package io.lethe.platform.health;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When this node is connected to Axon Server again, its event processors that failed while it was gone
 * start again at once (see {@link ProcessorRestarts}): measured on the distributed shape, they had kept
 * the nodes out of service for about half a minute after Axon Server was back, waiting out their
 * back-off.
 */
final class AxonServerReconnects implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AxonServerReconnects.class);

    private final AxonServerConnectionManager connections;
    private final ProcessorRestarts restarts;
    /** Null until first seen: the connection made at start-up is no reconnection. */
    private Boolean connected;

    AxonServerReconnects(AxonServerConnectionManager connections, ProcessorRestarts restarts) {
        this.connections = connections;
        this.restarts = restarts;
    }

    /** One look at the connection; only the watch's thread calls it. */
    @Override
    public void run() {
        boolean now = connections.isConnected(connections.getDefaultContext());
        if (now && Boolean.FALSE.equals(connected)) {
            log.info("Connected to Axon Server again");
            restarts.restartThoseInError();
        }
        connected = now;
    }
}
