package org.ipb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ipb.core.UserError;
import org.ipb.leaderboards.board.Leaderboard;

/** Copies the reliability diagrams a published board's validity table names next to it. */
final class BoardPublishing {
    private BoardPublishing() {}

    static void copyDiagrams(Leaderboard board, Path out, Path diagrams) {
        for (Leaderboard.Validity v : board.validity().values()) {
            if (v.reliabilityDiagram() == null) {
                continue;
            }
            Path png = diagrams.resolve(v.reliabilityDiagram());
            try {
                Files.copy(png, out.resolve(v.reliabilityDiagram()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UserError(out, "cannot copy " + png + ": " + e.getMessage(), e);
            }
        }
    }
}
