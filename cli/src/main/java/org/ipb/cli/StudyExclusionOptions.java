package org.ipb.cli;

import java.util.List;
import org.ipb.study.analysis.Exclusions;
import org.ipb.study.analysis.ParticipantRecords;
import org.ipb.study.store.Judgment;
import picocli.CommandLine.Option;

/**
 * The exclusion options shared by {@code ipb human summary} and {@code ipb study export}. Without
 * any of them nothing is excluded; {@code --exclude} applies the defaults (catch-trial accuracy ≥
 * 0.8, no RT bounds) to every criterion not given explicitly; an explicit criterion alone applies
 * only itself.
 */
final class StudyExclusionOptions {
    @Option(names = "--exclude",
            description = "Apply the default exclusion criteria: drop participants whose catch-trial accuracy is"
                    + " below 0.8 (participants without catch trials are kept); no RT bounds.")
    boolean exclude;

    @Option(names = "--min-catch-accuracy", paramLabel = "P",
            description = "Exclude participants whose catch-trial accuracy is below P (0-1).")
    Double minCatchAccuracy;

    @Option(names = "--min-rt", paramLabel = "SECONDS", description = "Drop trials with a response time below this.")
    Double minRt;

    @Option(names = "--max-rt", paramLabel = "SECONDS", description = "Drop trials with a response time above this.")
    Double maxRt;

    // The participant-level checks of IMI (Zimmermann, Klein & Brendel 2023; brendel-group/imi tools/mturk).
    @Option(names = "--min-instructions", paramLabel = "SECONDS",
            description = "Exclude participants who spent less than this from the session's start to the first trial"
                    + " (consent and instructions).")
    Double minInstructions;

    @Option(names = "--min-session", paramLabel = "SECONDS",
            description = "Exclude participants whose session (start to last answer) was shorter than this.")
    Double minSession;

    @Option(names = "--max-session", paramLabel = "SECONDS",
            description = "Exclude participants whose session (start to last answer) was longer than this.")
    Double maxSession;

    @Option(names = "--max-practice-attempts", paramLabel = "N",
            description = "Exclude participants who needed more than N attempts at a practice trial.")
    Integer maxPracticeAttempts;

    @Option(names = "--one-participation",
            description = "Exclude every participation of a person after their first: a pseudonym's later sessions,"
                    + " and the same external id (e.g. Prolific PID, kept as a hash) under another pseudonym or study.")
    boolean oneParticipation;

    /** The criteria these options select ({@link Exclusions.Criteria#NONE} when none is given). */
    Exclusions.Criteria criteria() {
        Exclusions.Criteria d = exclude ? Exclusions.Criteria.DEFAULTS : Exclusions.Criteria.NONE;
        return new Exclusions.Criteria(minCatchAccuracy != null ? minCatchAccuracy : d.minCatchAccuracy(),
                minRt != null ? minRt : d.minRtS(), maxRt != null ? maxRt : d.maxRtS(), minInstructions, minSession,
                maxSession, maxPracticeAttempts, oneParticipation);
    }

    /** Applies the criteria and reports what was excluded on {@code err} (the command's standard error) (nothing when no criterion is active). */
    Exclusions.Result apply(List<Judgment> judgments, ParticipantRecords records, java.io.PrintWriter err) {
        Exclusions.Criteria c = criteria();
        Exclusions.Result r = Exclusions.apply(judgments, c, records.facts());
        if (!c.isNone()) {
            report(r, err);
        }
        return r;
    }

    static void report(Exclusions.Result r, java.io.PrintWriter err) {
        err.printf("exclusion (%s): excluded %d of %d participants, %d of %d trials (%d outside the RT"
                + " bounds)%n", r.criteria().describe(), r.excludedParticipants().size(), r.participants(),
                r.excludedTrials(), r.excludedTrials() + r.kept().size(), r.droppedByRt().size());
        for (Exclusions.ExcludedParticipant p : r.excludedParticipants()) {
            err.printf("  excluded %s/%s: %s%n", p.study(), p.participant(), p.reason());
        }
        if (r.criteria().minCatchAccuracy() != null && !r.withoutCatchTrials().isEmpty()) {
            err.printf("  kept %d participant(s) without catch trials (catch accuracy not checked): %s%n",
                    r.withoutCatchTrials().size(), String.join(", ", r.withoutCatchTrials()));
        }
    }
}
