package org.ipb.study.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One 2-AFC trial together with the participant's response: the unit of {@link
 * JudgmentStore#recordResponse}. Nullable fields are those a source may not know.
 *
 * @param study study name, e.g. {@code borowski2021-I}
 * @param participant pseudonymous participant id (never a name or e-mail)
 * @param session session id, unique within the participant
 * @param source where the response came from: {@code app} or an import format such as {@code borowski2021}
 * @param trialIndex trial index within the session (unique within the session)
 * @param block block number, or null
 * @param trialType {@code practice}, {@code main}, {@code catch} or {@code repeated}
 * @param catchTrial true for catch trials (the answer is among the references)
 * @param direction direction id or unit name
 * @param layer network layer, or null
 * @param condition experimental condition, e.g. {@code Min-Max-9} or {@code natural}
 * @param reference {@code natural}, {@code synthetic} or {@code none}
 * @param queryA first query image id
 * @param queryB second query image id
 * @param correctSide the query that is correct ({@code a} or {@code b})
 * @param chosen the query the participant chose ({@code a} or {@code b}), or null
 * @param correct whether the response was correct
 * @param confidence confidence 1-3, or null
 * @param rtS response time in seconds, or null
 * @param onset when the trial's stimuli were shown, or null
 */
public record Judgment(String study, String participant, String session, String source, int trialIndex,
        Integer block, String trialType, boolean catchTrial, String direction, String layer, String condition,
        String reference, String queryA, String queryB, String correctSide, String chosen, boolean correct,
        Integer confidence, Double rtS, Instant onset) {

    public static final java.util.Set<String> TRIAL_TYPES = java.util.Set.of("practice", "main", "catch", "repeated");
    public static final java.util.Set<String> REFERENCES = java.util.Set.of("natural", "synthetic", "none");

    public Judgment {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(source, "source");
        if (!TRIAL_TYPES.contains(trialType)) {
            throw new IllegalArgumentException("trial type must be one of " + TRIAL_TYPES + ": " + trialType);
        }
        if (reference != null && !REFERENCES.contains(reference)) {
            throw new IllegalArgumentException("reference must be one of " + REFERENCES + ": " + reference);
        }
        if (confidence != null && (confidence < 1 || confidence > 3)) {
            throw new IllegalArgumentException("confidence must be 1-3: " + confidence);
        }
    }

    /**
     * False for responses of simulated participants ({@code ipb study simulate}: source {@code
     * simulated...}) and of the commit benchmark ({@code bench}); true for people (the study window
     * {@code app}, imported published data). Only human responses enter human columns, calibration
     * and ceilings.
     */
    public boolean isHuman() {
        return !source.startsWith("simulated") && !source.equals("bench");
    }

    /** True for the trials that analyses count: main trials that are not catch trials. */
    public boolean isMainNonCatch() {
        return trialType.equals("main") && !catchTrial;
    }
}
