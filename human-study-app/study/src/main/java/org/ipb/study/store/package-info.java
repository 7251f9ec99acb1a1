/**
 * The judgment store: human 2-AFC responses in an H2 database ({@link
 * org.ipb.study.store.JudgmentStore}), a file or one served over TCP.
 *
 * <h2>Classes</h2>
 *
 * <ul>
 *   <li>{@link org.ipb.study.store.StudyLocation}: what {@code --db} names (a file with or without
 *       {@code .mv.db}, or {@code tcp://host:port/name}), its JDBC URL, and whether it exists.
 *   <li>{@link org.ipb.study.store.JudgmentStore}: the public face; every method is one
 *       transaction or one read over the pieces below.
 *   <li>{@code StudySchema}: the migrations below, applied at open.
 *   <li>{@code StoreConnection}: the connection, transactions, and database errors as {@link
 *       org.ipb.core.UserError}s naming the database.
 *   <li>{@code PlanRepository} (studies, participants, sessions, planned trials), {@code
 *       ResponseRepository} (responses, events, judgments read back) and {@code ImageRepository}
 *       (images): the SQL, by table.
 * </ul>
 *
 * <h2>Schema (version 1)</h2>
 *
 * <p>{@code schema_version(version, applied_at)} holds one row per applied migration; at open the
 * migrations newer than the recorded maximum are applied in order, each in its own transaction,
 * and a database whose version is newer than the code is refused.
 *
 * <ul>
 *   <li>{@code studies(id, name UNIQUE, created_at)}
 *   <li>{@code participants(id, study_id → studies, pseudonym)}, unique per study: a pseudonymous id
 *       only, no names, e-mail addresses or other personal data.
 *   <li>{@code sessions(id, participant_id → participants, session_key, source, started_at)}, unique
 *       (participant, session_key); {@code source} is {@code app} or an import format.
 *   <li>{@code trials(id, session_id → sessions, trial_index, block, trial_type, is_catch, direction,
 *       layer, condition_name, reference, query_a, query_b, correct_side)}, unique (session,
 *       trial_index); {@code trial_type} ∈ practice, main, catch, repeated; {@code reference} ∈
 *       natural, synthetic, none; {@code direction} is a direction id or unit name.
 *   <li>{@code responses(id, trial_id → trials UNIQUE, chosen, correct, confidence 1-3, rt_s, onset_at,
 *       source, recorded_at)}: one response per trial.
 *   <li>{@code events(id, session_id → sessions nullable, at, kind, detail)}: session log (start,
 *       pause, errors).
 * </ul>
 *
 * <h2>Version 2</h2>
 *
 * <p>Planned studies ({@code ipb study create}): {@code studies.design} (the design as JSON) and, on
 * {@code trials}, {@code task_index}, {@code attempt} (practice repetitions, from 0), {@code
 * max_references} and {@code min_references} (JSON arrays of image ids; with {@code query_a} and
 * {@code query_b} the 20 images of a trial). Planned trials exist before their responses; a trial
 * without a response has not been answered yet.
 *
 * <h2>Version 3</h2>
 *
 * <p>{@code images(id PRIMARY KEY, width, height, sha256, png)}: the stimulus images of planned
 * studies, so a station reaching the database over an H2 TCP server shows the same pixels without
 * the stimulus set on its own disk (docs/decisions/0006).
 *
 * <h2>Version 4</h2>
 *
 * <p>{@code trials.max_references} and {@code min_references} become {@code VARCHAR(65536)}: CLOBs
 * are fetched lazily, one round trip each over a TCP server.
 *
 * <h2>Version 5</h2>
 *
 * <p>Online studies ({@code ipb study web}, docs/decisions/0015-online-studies-web.md): {@code
 * participant_properties(participant_id → participants, name, prop_value, set_at)}, primary key
 * (participant, name): how a participant was recruited ({@code recruitment}: link, prolific), the
 * page's {@code screen} and {@code browser}, {@code external_id_sha256} (SHA-256 of a platform id
 * such as Prolific's PID, never the id itself) and the platform's study and session ids; {@code
 * study_secrets(study_id → studies, name, secret)}: the key the participants' link tokens and
 * completion codes are derived from (HMAC-SHA256).
 *
 * <h2>Durability</h2>
 *
 * <p>Every connection sets {@code WRITE_DELAY 0}: by default H2 flushes a commit up to 500 ms
 * later, and a process killed in that window loses committed responses. A file is opened with
 * {@code AUTO_SERVER=TRUE}, so that an analysis can read it while a study runs, except by {@code
 * ipb study web}, which opens it for its own process only ({@link org.ipb.study.store.StudyLocation.ProcessDb}:
 * no H2 port while it is exposed); a server location with {@code IFEXISTS=TRUE}, so that a mistyped
 * name is an error, not a new empty database.
 *
 * <p>Analyses count main trials that are not catch trials ({@code trial_type = 'main' AND NOT
 * is_catch}; an app may also mark catch trials with {@code trial_type = 'catch'}).
 */
package org.ipb.study.store;
