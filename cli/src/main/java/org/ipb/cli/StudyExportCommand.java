package org.ipb.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.ipb.study.analysis.Exclusions;
import org.ipb.study.analysis.ParticipantRecords;
import org.ipb.study.analysis.TrialExport;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipb study export}: one tidy row per trial, as CSV or JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export every trial of the judgment database as one tidy row: participant properties"
                + " (recruitment, screen, browser, time on instructions, session time, practice attempts), method,"
                + " layer and direction, sides named left/right, the button pressed (1-6 as on screen) and confidence"
                + " (1 guess - 3 sure), reaction time, exclusion flags. With --out, codebook.json and codebook.md are"
                + " written beside the file. Excluded trials are kept and flagged, not removed.")
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
        ParticipantRecords records;
        try (JudgmentStore store = JudgmentStore.open(location)) {
            judgments = store.judgments(study);
            records = ParticipantRecords.read(store, judgments);
        }
        Exclusions.Result r = exclusion.apply(judgments, records, spec.commandLine().getErr());
        if (out == null) {
            try {
                TrialExport.write(System.out, format, judgments, r, records);
            } catch (IOException e) {
                throw new UserError("cannot write export: " + e.getMessage(), e);
            }
        } else {
            TrialExport.write(out, format, judgments, r, records);
            spec.commandLine().getErr().printf("wrote %s (%d trials, %d excluded) and codebook.json, codebook.md beside"
                    + " it%n", out, judgments.size(), r.excludedTrials());
        }
    }
}
