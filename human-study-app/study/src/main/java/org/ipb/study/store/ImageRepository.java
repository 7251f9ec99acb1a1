package org.ipb.study.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.ipb.study.store.JudgmentStore.StimulusImage;

/**
 * The {@code images} table (schema V3): stimulus PNGs keyed by stimulus id and shared by studies,
 * so that a station reaching the database over TCP shows the same pixels as any other.
 */
final class ImageRepository {
    private final StoreConnection db;

    ImageRepository(StoreConnection db) {
        this.db = db;
    }

    /**
     * Stores an image unless its id is already stored with the same bytes; refuses other bytes
     * under a stored id (a stimulus id names one image). Call within a transaction.
     */
    void put(StimulusImage im) throws SQLException {
        String sha = im.sha256();
        try (PreparedStatement p = db.prepare("SELECT sha256 FROM images WHERE id = ?")) {
            p.setString(1, im.id());
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    if (!r.getString(1).equals(sha)) {
                        throw db.problem("image '" + im.id() + "' is already stored with other pixels"
                                + " (two stimulus sets with one name?)");
                    }
                    return;
                }
            }
        }
        try (PreparedStatement p = db.prepare(
                "INSERT INTO images (id, width, height, sha256, png) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, im.id());
            p.setInt(2, im.width());
            p.setInt(3, im.height());
            p.setString(4, sha);
            p.setBytes(5, im.png());
            p.executeUpdate();
        }
    }

    /** The stored image of a stimulus id, or null when there is none. */
    StimulusImage image(String id) throws SQLException {
        try (PreparedStatement p = db.prepare("SELECT width, height, png FROM images WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new StimulusImage(id, r.getInt(1), r.getInt(2), r.getBytes(3)) : null;
            }
        }
    }

    /** Stimulus ids shown by a study's planned trials (references and queries) that have no stored image. */
    List<String> missing(String study) throws SQLException {
        TreeSet<String> shown = new TreeSet<>();
        try (PreparedStatement p = db.prepare("SELECT t.max_references, t.min_references, t.query_a,"
                + " t.query_b FROM trials t JOIN sessions se ON t.session_id = se.id JOIN participants pa"
                + " ON se.participant_id = pa.id JOIN studies st ON pa.study_id = st.id WHERE st.name = ?")) {
            p.setString(1, study);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    shown.addAll(ImageIdsJson.read(r.getString(1)));
                    shown.addAll(ImageIdsJson.read(r.getString(2)));
                    for (int c = 3; c <= 4; c++) {
                        if (r.getString(c) != null) {
                            shown.add(r.getString(c));
                        }
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement p = db.prepare("SELECT 1 FROM images WHERE id = ?")) {
            for (String id : shown) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        missing.add(id);
                    }
                }
            }
            return missing;
        }
    }
}
