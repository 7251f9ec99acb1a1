package org.ipb.study.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.ipb.study.design.Fixtures;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipb study serve} is guarded by a generated secret: with H2's default credentials (sa,
 * empty password) and the file's name, a connection is refused; only the printed location opens it.
 */
class StudyServerSecretTest {
    @Test
    void defaultCredentialConnectionIsRefusedAndThePrintedLocationWorks(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("study.db");
        try (JudgmentStore store = JudgmentStore.open(db)) {
            StudyDesign.create(store, List.of(Fixtures.set(4, 1)), StudyDesign.Options.defaults("served", 2, 2, 1));
        }
        String first;
        try (StudyServer server = StudyServer.start(db, 0, false)) {
            first = server.location();
            assertTrue(first.matches("tcp://localhost:\\d+/study\\.db-[A-Za-z0-9_-]{43}"), first);
            for (String name : List.of("study.db", "study", "study.db-x", "./study.db")) {
                SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                        "jdbc:h2:tcp://localhost:" + server.port() + "/" + name, "sa", "").close(), name);
                assertTrue(e.getMessage().contains("Wrong user name or password"), e.getMessage());
            }
            try (Connection c = DriverManager.getConnection("jdbc:h2:" + first, "sa", "")) {
                assertTrue(c.isValid(5));
            }
            try (JudgmentStore store = JudgmentStore.open(first)) {
                assertEquals(List.of("served"), store.studies());
            }
        }
        try (StudyServer again = StudyServer.start(db, 0, false)) {
            assertNotEquals(first.substring(first.lastIndexOf('/')), again.location().substring(
                    again.location().lastIndexOf('/')), "a new secret every time the server starts");
        }
    }
}
