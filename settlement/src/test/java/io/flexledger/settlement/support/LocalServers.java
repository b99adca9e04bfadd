package io.flexledger.settlement.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests that start real servers through the project's scripts share. */
public final class LocalServers {
    private LocalServers() {}

    /** A loopback port free right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The checkout: surefire sets it; outside Maven, the first parent folder holding network-config/scripts. */
    public static Path repoRoot() {
        String configured = System.getProperty("flexledger.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("network-config/scripts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find network-config/scripts above "
                + Path.of("").toAbsolutePath() + " (set -Dflexledger.repo.root)");
    }
}
