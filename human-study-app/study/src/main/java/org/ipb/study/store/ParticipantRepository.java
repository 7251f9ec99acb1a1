package org.ipb.study.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Participant properties and per-study secrets (schema V5), and the session start and end times
 * the exclusion criteria on time need. Properties are name/value strings per participant, written
 * by {@code ipb study web} (recruitment, screen, browser, a keyed hash of an external id).
 */
final class ParticipantRepository {
    private final StoreConnection db;

    ParticipantRepository(StoreConnection db) {
        this.db = db;
    }

    /** Every participant's properties in a study, by pseudonym (participants without any are absent). */
    Map<String, Map<String, String>> properties(String study) throws SQLException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (PreparedStatement p = db.prepare("SELECT pa.pseudonym, pp.name, pp.prop_value FROM participant_properties pp"
                + " JOIN participants pa ON pp.participant_id = pa.id JOIN studies st ON pa.study_id = st.id"
                + " WHERE st.name = ? ORDER BY pa.pseudonym, pp.name")) {
            p.setString(1, study);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        return out;
    }

    /** Sets (inserts or replaces) properties of an existing participant. Call within a transaction. */
    void setProperties(String study, String participant, Map<String, String> values) throws SQLException {
        long pid = participantId(study, participant);
        try (PreparedStatement p = db.prepare("MERGE INTO participant_properties (participant_id, name, prop_value,"
                + " set_at) KEY (participant_id, name) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                p.setLong(1, pid);
                p.setString(2, e.getKey());
                p.setString(3, e.getValue());
                p.setObject(4, OffsetDateTime.now());
                p.executeUpdate();
            }
        }
    }

    private long participantId(String study, String participant) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT pa.id FROM participants pa JOIN studies st ON pa.study_id = st.id"
                + " WHERE st.name = ? AND pa.pseudonym = ?")) {
            p.setString(1, study);
            p.setString(2, participant);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw db.problem("no participant '" + participant + "' in study '" + study + "'");
                }
                return r.getLong(1);
            }
        }
    }

    /** The secret of this name, or null. */
    String secret(String study, String name) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT ss.secret FROM study_secrets ss JOIN studies st"
                + " ON ss.study_id = st.id WHERE st.name = ? AND ss.name = ?")) {
            p.setString(1, study);
            p.setString(2, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** Stores a secret (refused when one of this name exists). Call within a transaction. */
    void putSecret(String study, String name, String secret) throws SQLException {
        try (PreparedStatement p = db.prepare("INSERT INTO study_secrets (study_id, name, secret)"
                + " SELECT id, ?, ? FROM studies WHERE name = ?")) {
            p.setString(1, name);
            p.setString(2, secret);
            p.setString(3, study);
            if (p.executeUpdate() != 1) {
                throw db.problem("no study named '" + study + "'");
            }
        }
    }

    /**
     * First {@code session_start} and last {@code session_end} event of every session of a study,
     * keyed by pseudonym and session ({@code participant + "\0" + session}); an end may be null.
     */
    Map<String, JudgmentStore.SessionTimes> sessionTimes(String study) throws SQLException {
        Map<String, JudgmentStore.SessionTimes> out = new TreeMap<>();
        try (PreparedStatement p = db.prepare("SELECT pa.pseudonym, se.session_key,"
                + " MIN(CASE WHEN e.kind = 'session_start' THEN e.at END),"
                + " MAX(CASE WHEN e.kind = 'session_end' THEN e.at END)"
                + " FROM events e JOIN sessions se ON e.session_id = se.id JOIN participants pa"
                + " ON se.participant_id = pa.id JOIN studies st ON pa.study_id = st.id WHERE st.name = ?"
                + " GROUP BY pa.pseudonym, se.session_key")) {
            p.setString(1, study);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime start = r.getObject(3, OffsetDateTime.class);
                    OffsetDateTime end = r.getObject(4, OffsetDateTime.class);
                    if (start != null) {
                        out.put(r.getString(1) + "\u0000" + r.getString(2), new JudgmentStore.SessionTimes(
                                start.toInstant(), end == null ? null : end.toInstant()));
                    }
                }
            }
        }
        return out;
    }
}
