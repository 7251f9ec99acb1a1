package org.ipb.study.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;
import org.ipb.core.UserError;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;

/**
 * An H2 TCP server for one judgment database file. {@link #start} migrates the file first (as
 * {@link JudgmentStore#open} does) and refuses a file without a study, then serves the file's folder
 * with {@code -ifExists}, so a station that mistypes the name gets an error instead of a new empty
 * database. {@link #location} is what stations pass as {@code --db}.
 *
 * <p>A generated secret guards the server: H2's {@code -key} serves the file only under the name
 * {@code <name>-<256 random bits>} and refuses every other name, so a client that knows the file's
 * name and H2's default user ({@code sa}, empty password) is refused; only a station given the
 * printed location gets in. Without {@code allowOthers} only this machine may connect. The secret
 * travels in clear over TCP (H2 without TLS): a station on a network others can reach should use
 * {@code ipb study web} instead.
 */
public final class StudyServer implements AutoCloseable {
    private final Server server;
    private final String location;
    private final Path file;

    private StudyServer(Server server, String location, Path file) {
        this.server = server;
        this.location = location;
        this.file = file;
    }

    /**
     * Serves a database file ({@code name.mv.db}, or {@code name} when {@code name.mv.db} exists).
     *
     * @param port TCP port; 0 picks a free one
     * @param allowOthers accept connections from other machines (H2 {@code -tcpAllowOthers});
     *     without it only this machine's processes can connect
     */
    public static StudyServer start(Path dbFile, int port, boolean allowOthers) {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be 0..65535: " + port);
        }
        StudyLocation.FileDb location = StudyLocation.file(dbFile);
        if (!location.exists()) {
            throw new UserError(dbFile, "no such judgment database (make one with ipb study create)");
        }
        Path file = location.mvDbFile().toAbsolutePath().normalize();
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - StudyLocation.SUFFIX.length());
        // Migrate here, in this process, so that stations never race to migrate the served file.
        try (JudgmentStore store = JudgmentStore.open(StudyLocation.file(file))) {
            if (store.studies().isEmpty()) {
                throw new UserError(dbFile, "holds no study; create one with ipb study create before serving it");
            }
        }
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        String key = name + "-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<String> args = new ArrayList<>(List.of("-tcpPort", String.valueOf(port), "-baseDir",
                file.getParent().toString(), "-ifExists", "-key", key, name));
        if (allowOthers) {
            args.add("-tcpAllowOthers");
        }
        Server s;
        try {
            s = Server.createTcpServer(args.toArray(String[]::new)).start();
        } catch (SQLException e) {
            throw new UserError(dbFile, "cannot start the H2 TCP server on port " + port + ": " + e.getMessage(), e);
        }
        // Without -tcpAllowOthers H2 refuses connections from other machines, so the location
        // names this machine the way only its own processes reach it.
        String host = allowOthers ? hostName() : "localhost";
        return new StudyServer(s, "tcp://" + host + ":" + s.getPort() + "/" + key, file);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new UserError("cannot tell this machine's host name for the stations: " + e.getMessage(), e);
        }
    }

    /** The location stations pass as {@code --db}: {@code tcp://host:port/name-SECRET}; it is the password. */
    public String location() {
        return location;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** The served database file. */
    public Path file() {
        return file;
    }

    /** True while the server accepts connections. */
    public boolean running() {
        return server.isRunning(false);
    }

    /** Stops the server, closing the stations' connections. */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
