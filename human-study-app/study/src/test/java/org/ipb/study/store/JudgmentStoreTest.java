package org.ipb.study.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgmentStoreTest {
    static Judgment judgment(String participant, int trial, boolean correct) {
        return new Judgment("s", participant, "sess", "app", trial, 0, "main", false, "conv2/7", "conv2", "c",
                "natural", "img-1", "img-2", "a", correct ? "a" : "b", correct, 2, 1.25,
                Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void openTwiceKeepsTheVersionAndTheData(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("j.db");
        try (JudgmentStore s = JudgmentStore.open(db)) {
            assertEquals(JudgmentStore.SCHEMA_VERSION, s.schemaVersion());
            s.recordResponse(judgment("p1", 0, true));
        }
        try (JudgmentStore s = JudgmentStore.open(db)) {
            assertEquals(JudgmentStore.SCHEMA_VERSION, s.schemaVersion());
            assertEquals(1, s.countResponses());
            Judgment back = s.judgments(null).get(0);
            assertEquals(judgment("p1", 0, true), back);
        }
        try (Connection c = DriverManager.getConnection(JudgmentStore.url(db), "sa", "");
                Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            r.next();
            assertEquals(JudgmentStore.SCHEMA_VERSION, r.getInt(1), "each migration recorded once");
            assertEquals(JudgmentStore.SCHEMA_VERSION, r.getInt(2));
        }
    }

    @Test
    void aNewerSchemaIsRefused(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("j.db");
        JudgmentStore.open(db).close();
        try (Connection c = DriverManager.getConnection(JudgmentStore.url(db), "sa", "");
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, CURRENT_TIMESTAMP)");
        }
        UserError e = assertThrows(UserError.class, () -> JudgmentStore.open(db));
        assertTrue(e.getMessage().contains("99") && e.getMessage().contains(db.toString()), e.getMessage());
    }

    @Test
    void aResponseIsVisibleToAnotherConnectionAtOnce(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("j.db");
        try (JudgmentStore s = JudgmentStore.open(db);
                Connection other = DriverManager.getConnection(JudgmentStore.url(db), "sa", "")) {
            s.recordResponse(judgment("p1", 0, true));
            try (Statement st = other.createStatement();
                    ResultSet r = st.executeQuery("SELECT r.correct, r.confidence, t.trial_type, p.pseudonym"
                            + " FROM responses r JOIN trials t ON r.trial_id = t.id JOIN sessions se"
                            + " ON t.session_id = se.id JOIN participants p ON se.participant_id = p.id")) {
                assertTrue(r.next(), "response not visible before close");
                assertTrue(r.getBoolean(1));
                assertEquals(2, r.getInt(2));
                assertEquals("main", r.getString(3));
                assertEquals("p1", r.getString(4));
                assertFalse(r.next());
            }
            s.recordResponse(judgment("p1", 1, false));
            try (Statement st = other.createStatement(); ResultSet r = st.executeQuery("SELECT COUNT(*) FROM responses")) {
                r.next();
                assertEquals(2, r.getInt(1));
            }
        }
    }

    @Test
    void aFailedBatchStoresNothing(@TempDir Path tmp) {
        try (JudgmentStore s = JudgmentStore.open(tmp.resolve("j.db"))) {
            List<Judgment> dup = List.of(judgment("p1", 0, true), judgment("p1", 0, false));
            assertThrows(UserError.class, () -> s.recordAll(dup));
            assertEquals(0, s.countResponses());
            s.recordEvent("s", "p1", "sess", "app", "start", null);
            assertEquals(List.of("s"), s.studies());
        }
    }
}
