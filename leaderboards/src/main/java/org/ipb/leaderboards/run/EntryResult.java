package org.ipb.leaderboards.run;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.ipb.leaderboards.board.LeaderboardRow;
import org.ipb.scorers.ScoreRow;

/**
 * The scored directions of one entry (method or submission) on one layer, before calibration:
 * every score row, the per-direction MIS (the predictor calibration maps to human accuracy),
 * the ablation AUC, the provenance of the row to be and the contact sheets (top- and
 * bottom-activating exemplars) of its first directions, as files; null or empty when none were drawn.
 */
public record EntryResult(String entry, int entryVersion, String kind, String description, String model,
        String layer, List<String> directionIds, List<ScoreRow> scores, Map<String, Double> mis, Double ablationAuc,
        SortedMap<String, LeaderboardRow.ScoreSummary> summaries, org.ipb.leaderboards.board.EntryProvenance provenance,
        List<String> sheets) {
    public EntryResult {
        sheets = sheets == null ? List.of() : List.copyOf(sheets);
    }
}
