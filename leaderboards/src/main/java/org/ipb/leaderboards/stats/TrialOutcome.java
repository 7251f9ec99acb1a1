package org.ipb.leaderboards.stats;

import java.util.Objects;

/**
 * One human 2-AFC trial: who answered, which direction the trial showed, and whether the answer was
 * correct.
 */
public record TrialOutcome(String participant, String direction, boolean correct) {
    public TrialOutcome {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(direction, "direction");
    }
}
