package org.ipb.cli;

import java.nio.file.Path;
import java.util.List;
import org.ipb.study.analysis.ParticipantRecords;
import org.ipb.study.analysis.Summary;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb human summary}: accuracy and response time per group of main, non-catch trials. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Summarise main, non-catch trials per group: n_trials, n_participants, accuracy with its"
                + " Wilson 95 %% interval, mean of per-participant accuracies, median response time.")
final class HumanSummaryCommand implements Runnable {
    @Option(names = "--db", required = true, description = "Judgment database file.")
    Path db;

    @Option(names = "--by", split = ",", defaultValue = "study,reference",
            description = "Grouping keys, any of study, direction, participant, condition, reference"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> by;

    @Option(names = "--study", description = "Only this study (default: all).")
    String study;

    @Option(names = "--out", required = true, description = "Output CSV (written atomically).")
    Path out;

    @picocli.CommandLine.Mixin
    StudyExclusionOptions exclusion;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Summary.checkKeys(by);
        StudyLocation location = StudyLocation.of(db);
        if (!location.exists()) {
            throw new org.ipb.core.UserError(db, "no such judgment database");
        }
        List<Summary.Row> rows;
        try (JudgmentStore store = JudgmentStore.open(location)) {
            List<Judgment> judgments = store.judgments(study);
            rows = Summary.compute(exclusion.apply(judgments, ParticipantRecords.read(store, judgments),
                    spec.commandLine().getErr()).kept(), by);
        }
        Summary.write(out, by, rows);
        for (Summary.Row r : rows) {
            System.out.printf("%-40s n=%5d  participants=%3d  accuracy=%.3f [%.3f, %.3f]  participant-mean=%.3f%n",
                    String.join(" ", r.keys()), r.nTrials(), r.nParticipants(), r.accuracy(), r.ciLow(), r.ciHigh(),
                    r.accuracyParticipantMean());
        }
        System.out.printf("wrote %s (%d groups)%n", out, rows.size());
    }
}
