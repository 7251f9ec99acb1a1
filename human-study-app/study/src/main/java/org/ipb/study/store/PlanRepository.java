package org.ipb.study.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StoredTrial;

/**
 * Studies, participants, sessions and planned trials. Session ids are cached, since every recorded
 * response needs its session's; the cache is put back when a transaction rolls back, so it never
 * names a session row that was not committed.
 */
final class PlanRepository {
    private final StoreConnection db;
    private final Map<String, Long> sessionIds = new HashMap<>();

    PlanRepository(StoreConnection db) {
        this.db = db;
        db.restoreOnRollback(() -> {
            Map<String, Long> before = new HashMap<>(sessionIds);
            return () -> {
                sessionIds.clear();
                sessionIds.putAll(before);
            };
        });
    }

    boolean hasStudy(String name) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT 1 FROM studies WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Names of the stored studies, sorted. */
    List<String> studies() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.statement(); ResultSet r = s.executeQuery("SELECT name FROM studies ORDER BY name")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        }
    }

    /**
     * The id of a session, creating its study, participant and session rows on first use. Call
     * within a transaction.
     */
    long sessionId(String study, String participant, String session, String source) throws SQLException {
        String key = study + "\u0000" + participant + "\u0000" + session;
        Long cached = sessionIds.get(key);
        if (cached != null) {
            return cached;
        }
        long studyId = findOrInsert("SELECT id FROM studies WHERE name = ?", List.of(study),
                "INSERT INTO studies (name, created_at) VALUES (?, CURRENT_TIMESTAMP)", List.of(study));
        long pid = findOrInsert("SELECT id FROM participants WHERE study_id = ? AND pseudonym = ?",
                List.of(studyId, participant),
                "INSERT INTO participants (study_id, pseudonym) VALUES (?, ?)", List.of(studyId, participant));
        long sid = findOrInsert("SELECT id FROM sessions WHERE participant_id = ? AND session_key = ?",
                List.of(pid, session),
                "INSERT INTO sessions (participant_id, session_key, source, started_at) VALUES (?, ?, ?,"
                        + " CURRENT_TIMESTAMP)", List.of(pid, session, source));
        sessionIds.put(key, sid);
        return sid;
    }

    private long findOrInsert(String select, List<Object> selectArgs, String insert, List<Object> insertArgs)
            throws SQLException {
        try (PreparedStatement p = db.prepare(select)) {
            StoreConnection.bind(p, selectArgs);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        try (PreparedStatement p = db.prepareInsert(insert)) {
            StoreConnection.bind(p, insertArgs);
            p.executeUpdate();
            return StoreConnection.generatedKey(p);
        }
    }

    /**
     * The study row with its design, and for every participant (in map order) one session holding
     * its planned trials. Refuses an existing name. Call within a transaction.
     */
    void createStudy(String name, String designJson, String session, String source,
            Map<String, List<PlannedTrial>> trialsByParticipant) throws SQLException {
        if (hasStudy(name)) {
            throw db.problem("a study named '" + name + "' already exists");
        }
        try (PreparedStatement p = db.prepare(
                "INSERT INTO studies (name, created_at, design) VALUES (?, CURRENT_TIMESTAMP, ?)")) {
            p.setString(1, name);
            p.setString(2, designJson);
            p.executeUpdate();
        }
        for (Map.Entry<String, List<PlannedTrial>> e : trialsByParticipant.entrySet()) {
            long sid = sessionId(name, e.getKey(), session, source);
            for (PlannedTrial t : e.getValue()) {
                insertPlanned(sid, t);
            }
        }
    }

    /** Plans one trial in a session; returns its id. */
    long insertPlanned(long sid, PlannedTrial t) throws SQLException {
        try (PreparedStatement p = db.prepareInsert("INSERT INTO trials (session_id, trial_index, block,"
                + " trial_type, is_catch, direction, layer, condition_name, reference, query_a, query_b, correct_side,"
                + " task_index, attempt, max_references, min_references)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, sid);
            p.setInt(2, t.trialIndex());
            p.setInt(3, t.block());
            p.setString(4, t.trialType());
            p.setBoolean(5, t.catchTrial());
            p.setString(6, t.direction());
            p.setString(7, t.layer());
            p.setString(8, t.condition());
            p.setString(9, t.reference());
            p.setString(10, t.queryA());
            p.setString(11, t.queryB());
            p.setString(12, t.correctSide());
            p.setInt(13, t.taskIndex());
            p.setInt(14, t.attempt());
            p.setString(15, ImageIdsJson.write(t.maxReferences()));
            p.setString(16, ImageIdsJson.write(t.minReferences()));
            p.executeUpdate();
            return StoreConnection.generatedKey(p);
        }
    }

    /** The session a trial belongs to; refuses an unknown trial id. */
    long sessionOfTrial(long trialId) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT session_id FROM trials WHERE id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw db.problem("no trial with id " + trialId);
                }
                return r.getLong(1);
            }
        }
    }

    /** The design JSON of a study, or null when it has none (imported data); refuses an unknown study. */
    String studyDesign(String name) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT design FROM studies WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw db.problem("no study named '" + name + "'");
                }
                return r.getString(1);
            }
        }
    }

    /** Pseudonyms of a study's participants, sorted. */
    List<String> participants(String study) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = db.prepare("SELECT pa.pseudonym FROM participants pa JOIN studies st"
                + " ON pa.study_id = st.id WHERE st.name = ? ORDER BY pa.pseudonym")) {
            p.setString(1, study);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    /** The trials of one session in trial order, answered or not. */
    List<StoredTrial> sessionTrials(String study, String participant, String session) throws SQLException {
        String sql = "SELECT t.id, t.trial_index, t.block, t.trial_type, t.is_catch, t.direction, t.layer,"
                + " t.condition_name, t.reference, t.task_index, t.attempt, t.max_references, t.min_references,"
                + " t.query_a, t.query_b, t.correct_side, r.id, r.correct"
                + " FROM trials t JOIN sessions se ON t.session_id = se.id JOIN participants pa"
                + " ON se.participant_id = pa.id JOIN studies st ON pa.study_id = st.id"
                + " LEFT JOIN responses r ON r.trial_id = t.id"
                + " WHERE st.name = ? AND pa.pseudonym = ? AND se.session_key = ? ORDER BY t.trial_index";
        List<StoredTrial> out = new ArrayList<>();
        try (PreparedStatement p = db.prepare(sql)) {
            p.setString(1, study);
            p.setString(2, participant);
            p.setString(3, session);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Integer block = (Integer) r.getObject(3);
                    Integer task = (Integer) r.getObject(10);
                    Integer attempt = (Integer) r.getObject(11);
                    PlannedTrial plan = new PlannedTrial(r.getInt(2), block == null ? 0 : block, r.getString(4),
                            r.getBoolean(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            task == null ? -1 : task, attempt == null ? 0 : attempt, ImageIdsJson.read(r.getString(12)),
                            ImageIdsJson.read(r.getString(13)), r.getString(14), r.getString(15), r.getString(16));
                    r.getLong(17);
                    boolean answered = !r.wasNull();
                    out.add(new StoredTrial(r.getLong(1), plan, answered, answered && r.getBoolean(18)));
                }
            }
            return out;
        }
    }
}
