package org.ipb.study.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a judgment database is, as users give it to {@code --db}: an H2 file (named with or
 * without H2's {@code .mv.db} suffix, which H2 appends itself) or a database on an H2 TCP server
 * ({@code tcp://host:port/name}, as {@code ipb study serve} prints it).
 *
 * <p>One place for what used to be repeated wherever a database was opened: "{@code db} or {@code
 * db.mv.db} exists", the JDBC URL, and how the location reads back to the user.
 */
public sealed interface StudyLocation permits StudyLocation.FileDb, StudyLocation.ProcessDb, StudyLocation.TcpDb {
    /** H2's suffix for the file of a database. */
    String SUFFIX = ".mv.db";

    /**
     * A location as a user types it. A {@code tcp:/} prefix names a server: a {@link Path} made from
     * {@code tcp://host:port/name} has its double slash collapsed, so one slash is accepted too.
     */
    static StudyLocation parse(String given) {
        if (given.startsWith("tcp:/")) {
            return new TcpDb(given.substring("tcp:".length()).replaceFirst("^/+", ""));
        }
        return new FileDb(Path.of(given));
    }

    /** A location that picocli (or a caller) already made a {@link Path}; may still be a tcp URL. */
    static StudyLocation of(Path given) {
        return parse(given.toString());
    }

    /** A database file, never a server (for what only works on a file: serving it, hashing it). */
    static FileDb file(Path given) {
        return new FileDb(given);
    }

    /**
     * A database file that only this process may open: no {@code AUTO_SERVER} port, so nothing on
     * the network (or on this machine) reaches it while it is open (what {@code ipb study web} uses).
     */
    static ProcessDb processOnly(Path given) {
        return new ProcessDb(new FileDb(given));
    }

    /** The JDBC URL that opens this database. */
    String jdbcUrl();

    /**
     * True when the database is there: for a file, its {@code .mv.db} file exists. A server is
     * asked only when a connection is made ({@code IFEXISTS} refuses a missing name), so for it this
     * is true.
     */
    boolean exists();

    /** True for a database on an H2 TCP server. */
    boolean remote();

    /** The location as the user wrote it (a tcp URL with both slashes). */
    String display();

    /**
     * The location as a {@link Path}, for {@link org.ipb.core.UserError}, which names a path first:
     * the file as given, or the tcp URL (a Path collapses its double slash).
     */
    Path path();

    /** A database file; {@code given} is kept as the user wrote it, with or without the suffix. */
    record FileDb(Path given) implements StudyLocation {
        /** The file H2 keeps the database in: {@code given}, with {@code .mv.db} appended if missing. */
        public Path mvDbFile() {
            return given.toString().endsWith(SUFFIX) ? given : Path.of(given + SUFFIX);
        }

        @Override
        public String jdbcUrl() {
            String p = given.toAbsolutePath().normalize().toString();
            if (p.endsWith(SUFFIX)) {
                p = p.substring(0, p.length() - SUFFIX.length());
            }
            // AUTO_SERVER: a second process (an analysis while a study runs) can open the same file.
            // WRITE_DELAY=0: H2 otherwise flushes committed transactions up to 500 ms later, and a
            // process killed in that window loses them (measured: 40-250 committed rows lost per kill -9).
            return "jdbc:h2:file:" + p + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        }

        @Override
        public boolean exists() {
            return Files.isRegularFile(mvDbFile());
        }

        @Override
        public boolean remote() {
            return false;
        }

        @Override
        public String display() {
            return given.toString();
        }

        @Override
        public Path path() {
            return given;
        }
    }

    /**
     * A database file opened by this process alone. H2's {@code AUTO_SERVER} (which {@link FileDb}
     * uses so that an analysis can read a running study) opens a TCP port that any process able to
     * reach it can use with the file's credentials; an exposed web server must not have one. While
     * it is open, other processes get "database may be already in use".
     */
    record ProcessDb(FileDb file) implements StudyLocation {
        @Override
        public String jdbcUrl() {
            String url = file.jdbcUrl();
            return url.replace(";AUTO_SERVER=TRUE", "");
        }

        @Override
        public boolean exists() {
            return file.exists();
        }

        @Override
        public boolean remote() {
            return false;
        }

        @Override
        public String display() {
            return file.display();
        }

        @Override
        public Path path() {
            return file.path();
        }
    }

    /** A database on an H2 TCP server; {@code address} is {@code host:port/name}. */
    record TcpDb(String address) implements StudyLocation {
        @Override
        public String jdbcUrl() {
            // IFEXISTS: a station never creates a database on the server by mistyping its name.
            return "jdbc:h2:tcp://" + address + ";IFEXISTS=TRUE";
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public boolean remote() {
            return true;
        }

        @Override
        public String display() {
            return "tcp://" + address;
        }

        @Override
        public Path path() {
            return Path.of(display());
        }
    }
}
