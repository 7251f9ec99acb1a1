package org.ipb.study.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The judgment store: an H2 database holding studies, participants, sessions, trials, responses,
 * events and stimulus images (schema in the package documentation), at a {@link StudyLocation}.
 *
 * <p>The public face of the package; the work is done by {@code StudySchema} (migrations at open),
 * {@code PlanRepository}, {@code ResponseRepository} and {@code ImageRepository} over one {@code
 * StoreConnection}. {@link #open} applies the pending migrations in order, each in its own
 * transaction, and refuses a database whose schema is newer than this code knows. A file database
 * is opened with {@code AUTO_SERVER=TRUE}, so a second process (an analysis while a study runs) can
 * open the same file. {@link #recordResponse} commits before it returns: a crash loses at most the
 * trial on screen.
 */
public final class JudgmentStore implements AutoCloseable {
    /** The schema version this code writes and understands. */
    public static final int SCHEMA_VERSION = StudySchema.VERSION;

    private final StudyLocation location;
    private final StoreConnection db;
    private final PlanRepository plans;
    private final ResponseRepository responses;
    private final ImageRepository images;
    private final ParticipantRepository participantData;

    private JudgmentStore(StudyLocation location, StoreConnection db) {
        this.location = location;
        this.db = db;
        this.plans = new PlanRepository(db);
        this.responses = new ResponseRepository(db, plans);
        this.images = new ImageRepository(db);
        this.participantData = new ParticipantRepository(db);
    }

    /**
     * JDBC URL for a database file (H2 appends {@code .mv.db}, so {@code study} and {@code
     * study.mv.db} name the same database) or a {@code tcp:} location; see {@link StudyLocation}.
     */
    public static String url(Path dbFile) {
        return StudyLocation.of(dbFile).jdbcUrl();
    }

    /**
     * True for a database on an H2 TCP server ({@code tcp://host:port/name}, as {@code ipb study
     * serve} prints it; {@code tcp:/host:port/name}, what a {@link Path} makes of it, too).
     */
    public static boolean isRemote(String location) {
        return StudyLocation.parse(location).remote();
    }

    /** Opens a database file, or a database on an H2 TCP server ({@code tcp://host:port/name}). */
    public static JudgmentStore open(String location) {
        return open(StudyLocation.parse(location));
    }

    /** Opens a database given as a path (which may still be a {@code tcp:} location). */
    public static JudgmentStore open(Path dbFile) {
        return open(StudyLocation.of(dbFile));
    }

    /** Opens (creating a missing file) the database and brings its schema up to {@link #SCHEMA_VERSION}. */
    public static JudgmentStore open(StudyLocation location) {
        return new JudgmentStore(location, StoreConnection.open(location));
    }

    /** The schema version recorded in the database. */
    public int schemaVersion() {
        return db.read(db::schemaVersion);
    }

    /** Where this store was opened. */
    public StudyLocation location() {
        return location;
    }

    /** The database this store was opened on, as errors name it (the file as given, or the tcp location). */
    public Path file() {
        return db.where();
    }

    /** True when a study of this name exists. */
    public boolean hasStudy(String name) {
        return db.read(() -> plans.hasStudy(name));
    }

    /**
     * Stores one trial and its response and commits before returning (creating study, participant
     * and session rows on first use). Returns the response id.
     */
    public long recordResponse(Judgment j) {
        return db.inTransaction(() -> responses.record(j));
    }

    /** Stores many judgments in one transaction: all or none (for importers). Returns the count. */
    public int recordAll(List<Judgment> judgments) {
        return db.inTransaction(() -> {
            for (Judgment j : judgments) {
                responses.record(j);
            }
            return judgments.size();
        });
    }

    /** Appends an event (session start, pause, error...) and commits; {@code session} may be null. */
    public void recordEvent(String study, String participant, String session, String source, String kind,
            String detail) {
        db.inTransaction(() -> {
            responses.recordEvent(study, participant, session, source, kind, detail);
            return null;
        });
    }

    /** Number of stored responses. */
    public long countResponses() {
        return db.read(responses::count);
    }

    /** Names of the stored studies, sorted. */
    public List<String> studies() {
        return db.read(plans::studies);
    }

    /** Every stored judgment (all studies when {@code study} is null), in study, participant, session, trial order. */
    public List<Judgment> judgments(String study) {
        return db.read(() -> responses.judgments(study));
    }

    /** A trial planned before it is shown (schema V2): what {@code ipb study create} writes. */
    public record PlannedTrial(int trialIndex, int block, String trialType, boolean catchTrial, String direction,
            String layer, String condition, String reference, int taskIndex, int attempt, List<String> maxReferences,
            List<String> minReferences, String queryA, String queryB, String correctSide) {
        public PlannedTrial {
            maxReferences = List.copyOf(maxReferences);
            minReferences = List.copyOf(minReferences);
        }

        /** Every image the trial shows: the min references, the max references, then queries a and b. */
        public List<String> imageIds() {
            List<String> ids = new java.util.ArrayList<>(minReferences);
            ids.addAll(maxReferences);
            ids.add(queryA);
            ids.add(queryB);
            return ids;
        }

        /** The same trial at another index and attempt (a repeated practice trial). */
        public PlannedTrial repeatAt(int index, int nextAttempt) {
            return new PlannedTrial(index, block, trialType, catchTrial, direction, layer, condition, reference,
                    taskIndex, nextAttempt, maxReferences, minReferences, queryA, queryB, correctSide);
        }
    }

    /** A planned trial as stored: its row id and, once answered, whether the answer was correct. */
    public record StoredTrial(long id, PlannedTrial plan, boolean answered, boolean correct) {}

    /**
     * Creates a planned study in one transaction: the study row with its design, and for every
     * participant (in map order) one session holding its planned trials. Refuses an existing name.
     */
    public void createStudy(String name, String designJson, String session, String source,
            Map<String, List<PlannedTrial>> trialsByParticipant) {
        createStudy(name, designJson, session, source, trialsByParticipant, List.of());
    }

    /**
     * Creates a planned study as above, storing its stimulus images in the same transaction. An
     * image already stored under the same id must have the same bytes: a stimulus id names one image.
     */
    public void createStudy(String name, String designJson, String session, String source,
            Map<String, List<PlannedTrial>> trialsByParticipant, List<StimulusImage> images) {
        db.inTransaction(() -> {
            for (StimulusImage im : images) {
                this.images.put(im);
            }
            plans.createStudy(name, designJson, session, source, trialsByParticipant);
            return null;
        });
    }

    /** A stimulus image as the study app shows it: PNG bytes with their size and digest. */
    public record StimulusImage(String id, int width, int height, byte[] png) {
        public StimulusImage {
            if (id == null || id.isBlank() || width < 1 || height < 1 || png == null || png.length == 0) {
                throw new IllegalArgumentException("bad stimulus image " + id);
            }
        }

        /** SHA-256 of the PNG bytes, hex. */
        public String sha256() {
            return org.ipb.core.Sha256.of(png);
        }
    }

    /** The stored image of a stimulus id, or null when the database has none. */
    public StimulusImage image(String id) {
        return db.read(() -> images.image(id));
    }

    /** Stimulus ids shown by a study's planned trials (references and queries) that have no stored image. */
    public List<String> missingImages(String study) {
        return db.read(() -> images.missing(study));
    }

    /** The design JSON of a planned study, or null when the study has none (imported data). */
    public String studyDesign(String name) {
        return db.read(() -> plans.studyDesign(name));
    }

    /** Pseudonyms of a study's participants, sorted. */
    public List<String> participants(String study) {
        return db.read(() -> plans.participants(study));
    }

    /** The trials of one session in trial order, answered or not. */
    public List<StoredTrial> sessionTrials(String study, String participant, String session) {
        return db.read(() -> plans.sessionTrials(study, participant, session));
    }

    /**
     * Records the response to a planned trial and commits before returning; when {@code repeat} is
     * not null it is planned in the same session in the same transaction (a practice trial shown
     * again). Refuses a trial that already has a response. Returns the response id.
     */
    public long answerTrial(long trialId, String chosen, boolean correct, Integer confidence, Double rtS,
            Instant onset, String source, PlannedTrial repeat) {
        return db.inTransaction(() -> responses.answer(trialId, chosen, correct, confidence, rtS, onset, source,
                repeat));
    }

    /** The kinds of a session's events, in order. */
    public List<String> eventKinds(String study, String participant, String session) {
        return db.read(() -> responses.eventKinds(study, participant, session));
    }

    /** Every participant's properties (schema V5) in a study, by pseudonym; participants without any are absent. */
    public Map<String, Map<String, String>> participantProperties(String study) {
        return db.read(() -> participantData.properties(study));
    }

    /** Sets (inserts or replaces) properties of a participant of a study, in one transaction. */
    public void setParticipantProperties(String study, String participant, Map<String, String> values) {
        db.inTransaction(() -> {
            participantData.setProperties(study, participant, values);
            return null;
        });
    }

    /**
     * The study's secret of this name, made by {@code create} and stored on first use (one
     * transaction, so two callers never get different secrets).
     */
    public String studySecret(String study, String name, java.util.function.Supplier<String> create) {
        return db.inTransaction(() -> {
            String s = participantData.secret(study, name);
            if (s == null) {
                s = create.get();
                participantData.putSecret(study, name, s);
            }
            return s;
        });
    }

    /** When a session started (its first {@code session_start} event) and ended ({@code session_end}, or null). */
    public record SessionTimes(Instant start, Instant end) {}

    /** Start and end of every session of a study with a start event, keyed {@code participant + "\0" + session}. */
    public Map<String, SessionTimes> sessionTimes(String study) {
        return db.read(() -> participantData.sessionTimes(study));
    }

    @Override
    public void close() {
        db.close();
    }
}
