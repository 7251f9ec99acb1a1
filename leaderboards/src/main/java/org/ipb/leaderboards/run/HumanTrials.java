package org.ipb.leaderboards.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ipb.leaderboards.stats.TrialOutcome;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;

/**
 * The human judgments a board can use: main, non-catch trials on the board's directions (by
 * direction id, across every study in the database), and the catch trials on them, whose accuracy
 * is what people reach when the answer is shown (the ceiling of a row's 2-AFC accuracy).
 * Participants are keyed {@code study/pseudonym}: pseudonyms are unique within a study only.
 * Responses of simulated participants ({@link Judgment#isHuman()} false) never count; they are
 * only counted in {@code simulatedIgnored} so that the board can say they were left out.
 */
public record HumanTrials(Path db, List<TrialOutcome> main, int catchTrials, int catchCorrect, int simulatedIgnored) {
    /** Reads the database (null or missing: no trials). */
    public static HumanTrials read(Path db, Set<String> directions) {
        List<TrialOutcome> main = new ArrayList<>();
        int catchN = 0;
        int catchOk = 0;
        int simulated = 0;
        StudyLocation.FileDb location = db == null ? null : StudyLocation.file(db);
        if (location != null && location.exists()) {
            try (JudgmentStore store = JudgmentStore.open(location)) {
                for (String study : store.studies()) {
                    for (Judgment j : store.judgments(study)) {
                        if (j.direction() == null || !directions.contains(j.direction())) {
                            continue;
                        }
                        if (!j.isHuman()) {
                            simulated++;
                            continue;
                        }
                        if (j.isMainNonCatch()) {
                            main.add(new TrialOutcome(study + "/" + j.participant(), j.direction(), j.correct()));
                        } else if (j.catchTrial()) {
                            catchN++;
                            catchOk += j.correct() ? 1 : 0;
                        }
                    }
                }
            }
        }
        return new HumanTrials(db, List.copyOf(main), catchN, catchOk, simulated);
    }

    public boolean isEmpty() {
        return main.isEmpty();
    }
}
