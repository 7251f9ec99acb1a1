package org.ipb.study.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ipb.core.UserError;

/**
 * The one JDBC connection of a {@link JudgmentStore}, shared by its repositories: opening (with the
 * schema brought up to date), transactions, and turning {@link SQLException}s into {@link
 * UserError}s that name the database. Repositories throw {@link SQLException}; the store runs their
 * work through {@link #inTransaction} or {@link #read}.
 */
final class StoreConnection implements AutoCloseable {
    /** Database work: repository calls that may throw {@link SQLException}. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Path where;
    private final Connection conn;
    private final List<Supplier<Runnable>> checkpoints = new ArrayList<>();

    private StoreConnection(Path where, Connection conn) {
        this.where = where;
        this.conn = conn;
    }

    /** Connects (creating a missing file database) and brings its schema up to {@link StudySchema#VERSION}. */
    static StoreConnection open(StudyLocation location) {
        Path where = location.path();
        Connection c;
        try {
            c = DriverManager.getConnection(location.jdbcUrl(), "sa", "");
            try (Statement s = c.createStatement()) {
                // Also for a database served over TCP, where the URL setting does not apply.
                s.execute("SET WRITE_DELAY 0");
            }
        } catch (SQLException e) {
            throw new UserError(where, "cannot open the judgment database: " + e.getMessage(), e);
        }
        try {
            StudySchema.apply(c, where);
            c.setAutoCommit(true);
            return new StoreConnection(where, c);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(where, "cannot migrate the judgment database: " + e.getMessage(), e);
        }
    }

    /** The database as errors name it. */
    Path where() {
        return where;
    }

    /** A user error about this database. */
    UserError problem(String what) {
        return new UserError(where, what);
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return conn.prepareStatement(sql);
    }

    /** A statement whose {@link #generatedKey} is the id of the row it inserts. */
    PreparedStatement prepareInsert(String sql) throws SQLException {
        return conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    Statement statement() throws SQLException {
        return conn.createStatement();
    }

    int schemaVersion() throws SQLException {
        return StudySchema.version(conn);
    }

    /**
     * Registers memory kept beside the database (a cache of row ids): at the start of every
     * transaction {@code checkpoint} is asked for a way back, which runs if the transaction rolls
     * back, so the memory never holds ids of rows that were not committed.
     */
    void restoreOnRollback(Supplier<Runnable> checkpoint) {
        checkpoints.add(checkpoint);
    }

    /** Runs {@code work} in one transaction, committed before returning: all of it or none. */
    synchronized <T> T inTransaction(Work<T> work) {
        List<Runnable> back = checkpoints.stream().map(Supplier::get).toList();
        try {
            conn.setAutoCommit(false);
            try {
                T result = work.run();
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                back.forEach(Runnable::run);
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Runs reads (auto-commit), reporting a database error as a {@link UserError}. */
    <T> T read(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private UserError fail(SQLException e) {
        return new UserError(where, "judgment database: " + e.getMessage(), e);
    }

    static void setInt(PreparedStatement p, int i, Integer v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setInt(i, v);
        }
    }

    static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }

    static void bind(PreparedStatement p, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            p.setObject(i + 1, args.get(i));
        }
    }

    /** The id of the row a {@link #prepareInsert} statement inserted. */
    static long generatedKey(PreparedStatement p) throws SQLException {
        try (ResultSet k = p.getGeneratedKeys()) {
            k.next();
            return k.getLong(1);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
