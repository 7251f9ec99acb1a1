package org.ipb.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.ipb.study.analysis.Exclusions;
import org.ipb.study.analysis.TrialExport;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipb study export}: one tidy row per trial, as CSV or JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export every trial of the judgment database as one tidy row (study, participant, session,"
                + " trial_index, block, trial_type, is_catch, direction, layer, condition, reference, query_a,"
                + " query_b, correct_side, chosen, correct, confidence, rt_s, onset_at, source, excluded,"
                + " exclusion_reason). Excluded trials are kept and flagged, not removed.")
final class StudyExportCommand implements Runnable {
    @Option(names = "--db", required = true, description = "Judgment database file.")
    Path db;

    @Option(names = "--format", required = true, description = "csv (RFC 4180, with a header) or json (an array of"
            + " objects).")
    String format;

    @Option(names = "--out", description = "Output file, written atomically (default: standard output).")
    Path out;

    @Option(names = "--study", description = "Only this study (default: all).")
    String study;

    @Mixin
    StudyExclusionOptions exclusion;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!TrialExport.FORMATS.contains(format)) {
            throw new UserError("unknown --format '" + format + "'; choose from " + String.join(", ",
                    TrialExport.FORMATS));
        }
        StudyLocation location = StudyLocation.of(db);
        if (!location.exists()) {
            throw new UserError(db, "no such judgment database");
        }
        List<Judgment> judgments;
        try (JudgmentStore store = JudgmentStore.open(location)) {
            judgments = store.judgments(study);
        }
        Exclusions.Result r = exclusion.apply(judgments, spec.commandLine().getErr());
        if (out == null) {
            try {
                TrialExport.write(System.out, format, judgments, r);
            } catch (IOException e) {
                throw new UserError("cannot write export: " + e.getMessage(), e);
            }
        } else {
            TrialExport.write(out, format, judgments, r);
            spec.commandLine().getErr().printf("wrote %s (%d trials, %d excluded)%n", out, judgments.size(),
                    r.excludedTrials());
        }
    }
}
