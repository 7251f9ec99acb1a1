package org.ipb.study.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ipb.study.store.JudgmentStore.PlannedTrial;

/**
 * What participants did: responses (with the trial row of a judgment recorded whole, as importers
 * and the app's unplanned path do), answers to planned trials, and session events; and reading
 * them back as {@link Judgment}s. Sessions and planned trials come from the {@link PlanRepository}.
 */
final class ResponseRepository {
    private final StoreConnection db;
    private final PlanRepository plans;

    ResponseRepository(StoreConnection db, PlanRepository plans) {
        this.db = db;
        this.plans = plans;
    }

    /** Stores one trial and its response; returns the response id. Call within a transaction. */
    long record(Judgment j) throws SQLException {
        long sid = plans.sessionId(j.study(), j.participant(), j.session(), j.source());
        long trialId;
        try (PreparedStatement p = db.prepareInsert("INSERT INTO trials (session_id, trial_index, block,"
                + " trial_type, is_catch, direction, layer, condition_name, reference, query_a, query_b, correct_side)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, sid);
            p.setInt(2, j.trialIndex());
            StoreConnection.setInt(p, 3, j.block());
            p.setString(4, j.trialType());
            p.setBoolean(5, j.catchTrial());
            p.setString(6, j.direction());
            p.setString(7, j.layer());
            p.setString(8, j.condition());
            p.setString(9, j.reference());
            p.setString(10, j.queryA());
            p.setString(11, j.queryB());
            p.setString(12, j.correctSide());
            p.executeUpdate();
            trialId = StoreConnection.generatedKey(p);
        }
        return insertResponse(trialId, j.chosen(), j.correct(), j.confidence(), j.rtS(), j.onset(), j.source());
    }

    /**
     * Answers a planned trial and, when {@code repeat} is not null, plans it again in the same
     * session (a practice trial shown again). Refuses an unknown trial, and a trial already answered
     * (the unique key on {@code responses.trial_id}). Returns the response id. Call within a transaction.
     */
    long answer(long trialId, String chosen, boolean correct, Integer confidence, Double rtS, Instant onset,
            String source, PlannedTrial repeat) throws SQLException {
        long sid = plans.sessionOfTrial(trialId);
        long rid = insertResponse(trialId, chosen, correct, confidence, rtS, onset, source);
        if (repeat != null) {
            plans.insertPlanned(sid, repeat);
        }
        return rid;
    }

    private long insertResponse(long trialId, String chosen, boolean correct, Integer confidence, Double rtS,
            Instant onset, String source) throws SQLException {
        try (PreparedStatement p = db.prepareInsert("INSERT INTO responses (trial_id, chosen, correct,"
                + " confidence, rt_s, onset_at, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, trialId);
            p.setString(2, chosen);
            p.setBoolean(3, correct);
            StoreConnection.setInt(p, 4, confidence);
            StoreConnection.setDouble(p, 5, rtS);
            p.setObject(6, onset == null ? null : onset.atOffset(ZoneOffset.UTC));
            p.setString(7, source);
            p.setObject(8, OffsetDateTime.now());
            p.executeUpdate();
            return StoreConnection.generatedKey(p);
        }
    }

    /** Appends an event; {@code session} may be null (an event of no session). Call within a transaction. */
    void recordEvent(String study, String participant, String session, String source, String kind, String detail)
            throws SQLException {
        Long sid = session == null ? null : plans.sessionId(study, participant, session, source);
        try (PreparedStatement p = db.prepare(
                "INSERT INTO events (session_id, at, kind, detail) VALUES (?, ?, ?, ?)")) {
            if (sid == null) {
                p.setNull(1, Types.BIGINT);
            } else {
                p.setLong(1, sid);
            }
            p.setObject(2, OffsetDateTime.now());
            p.setString(3, kind);
            p.setString(4, detail);
            p.executeUpdate();
        }
    }

    long count() throws SQLException {
        try (Statement s = db.statement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM responses")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Every answered trial (of one study, or all when {@code study} is null), in study,
     * participant, session, trial order.
     */
    List<Judgment> judgments(String study) throws SQLException {
        String sql = "SELECT st.name, pa.pseudonym, se.session_key, r.source, t.trial_index, t.block, t.trial_type,"
                + " t.is_catch, t.direction, t.layer, t.condition_name, t.reference, t.query_a, t.query_b,"
                + " t.correct_side, r.chosen, r.correct, r.confidence, r.rt_s, r.onset_at"
                + " FROM responses r JOIN trials t ON r.trial_id = t.id JOIN sessions se ON t.session_id = se.id"
                + " JOIN participants pa ON se.participant_id = pa.id JOIN studies st ON pa.study_id = st.id"
                + (study == null ? "" : " WHERE st.name = ?")
                + " ORDER BY st.name, pa.pseudonym, se.session_key, t.trial_index";
        List<Judgment> out = new ArrayList<>();
        try (PreparedStatement p = db.prepare(sql)) {
            if (study != null) {
                p.setString(1, study);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime onset = r.getObject(20, OffsetDateTime.class);
                    out.add(new Judgment(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                            (Integer) r.getObject(6), r.getString(7), r.getBoolean(8), r.getString(9),
                            r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getString(14),
                            r.getString(15), r.getString(16), r.getBoolean(17), (Integer) r.getObject(18),
                            (Double) r.getObject(19), onset == null ? null : onset.toInstant()));
                }
            }
            return out;
        }
    }

    /** The kinds of a session's events, in order. */
    List<String> eventKinds(String study, String participant, String session) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = db.prepare("SELECT e.kind FROM events e JOIN sessions se"
                + " ON e.session_id = se.id JOIN participants pa ON se.participant_id = pa.id JOIN studies st"
                + " ON pa.study_id = st.id WHERE st.name = ? AND pa.pseudonym = ? AND se.session_key = ?"
                + " ORDER BY e.id")) {
            p.setString(1, study);
            p.setString(2, participant);
            p.setString(3, session);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }
}
