package org.ipb.leaderboards.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ipb.core.Provenance;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.publish.LeaderboardPublisher;
import org.ipb.leaderboards.publish.RowSheets;
import org.ipb.study.store.StudyLocation;

/**
 * What {@code ipb run} and {@code ipb submit} share: where the definition, the submissions, the
 * study database and the published board are (defaults under the ipb home), and the assembly and
 * publishing of a board from scored entries.
 */
public record BoardPublishing(Path definitionFile, BenchmarkDefinition definition, Path submissions, Path studyDb,
        Path board, Path work) {
    /** The study database used when none is named, if it exists (relative to the working folder). */
    static final Path DEFAULT_STUDY_DB = Path.of("runs/study.db");

    /** Resolves the options' defaults; null options take them. */
    public static BoardPublishing resolve(Path benchmark, Path submissions, Path studyDb, Path out, Path work) {
        Path home = Provenance.home();
        Path defFile = benchmark.isAbsolute() || Files.exists(benchmark) ? benchmark : home.resolve(benchmark);
        if (studyDb != null && !StudyLocation.file(studyDb).exists()) {
            throw new UserError(studyDb, "--study-db: study database not found (H2 adds .mv.db to the name)");
        }
        Path db = studyDb != null ? studyDb
                : StudyLocation.file(DEFAULT_STUDY_DB).exists() ? DEFAULT_STUDY_DB : null;
        return new BoardPublishing(defFile, BenchmarkDefinition.read(defFile),
                submissions != null ? submissions : home.resolve("leaderboards").resolve("submissions"), db,
                out != null ? out : home.resolve("leaderboards").resolve("published"), work);
    }

    /**
     * Reads the human judgments on these entries' directions, calibrates, publishes the board and
     * copies the reliability diagrams its validity table names next to it.
     */
    public Leaderboard publish(List<EntryResult> entries) {
        Set<String> ids = new TreeSet<>();
        entries.forEach(e -> ids.addAll(e.directionIds()));
        Path diagrams = work.resolve("diagrams");
        StagedOutput.deleteTree(diagrams); // no diagram of an earlier board is published with this one
        Leaderboard b;
        try {
            b = BoardAssembly.assemble(List.of(definition), definition, entries, HumanTrials.read(studyDb, ids),
                    diagrams);
        } catch (IOException e) {
            throw new UserError(diagrams, "cannot write: " + e.getMessage(), e);
        }
        List<RowSheets> sheets = entries.stream().map(e -> new RowSheets(definition.key(), e.model(), e.layer(),
                e.entry(), e.entryVersion(), e.sheets().stream().map(Path::of).filter(Files::isRegularFile).toList()))
                .toList();
        LeaderboardPublisher.publish(b, BoardAssembly.directionScores(definition, entries), sheets, board);
        for (Leaderboard.Validity v : b.validity().values()) {
            if (v.reliabilityDiagram() == null) {
                continue;
            }
            Path png = diagrams.resolve(v.reliabilityDiagram());
            try {
                Files.copy(png, board.resolve(v.reliabilityDiagram()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UserError(board, "cannot copy " + png + ": " + e.getMessage(), e);
            }
        }
        return b;
    }
}
