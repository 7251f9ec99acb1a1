package org.ipb.leaderboards.publish;

import org.ipb.leaderboards.board.EntryProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ipb.leaderboards.board.BenchmarkDefinition;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/** Small hand-made boards: one benchmark, 3 layers x 3 entries (a built-in method and a submission v1, v2). */
final class Boards {
    static final String NO_HUMANS = "No human study has been run for ipb-core@1 yet; predicted accuracy comes from"
            + " the MIS psychometric link alone.";
    static final String SCRIPT = "Sparse autoencoder <script>alert(\"pwned\")</script> & friends";
    static final List<String> LAYERS = List.of("layer2", "layer3", "layer4");

    private Boards() {}

    static BenchmarkDefinition benchmark() {
        return new BenchmarkDefinition(BenchmarkDefinition.KIND, "ipb-core", 1, "Core 2-AFC benchmark", "resnet50",
                LAYERS, "imagenet-val-10k", List.of("pca", "ica"), 20, 40, 0.05, 9,
                Map.of("mis", "1.2.0", "coherence", "1.0.0", "selectivity", "0.3.1", "sparsity", "1.0.0"),
                Map.of("alpha", "0.16", "ablation-images", "500"), "clip-vit-b32", 11L, 22L, 33L);
    }

    /** With human data and a validity table. */
    static Leaderboard withHumans() {
        return board(true);
    }

    /** Without human data: empty human columns, no ceiling, no validity, a human note. */
    static Leaderboard withoutHumans() {
        return board(false);
    }

    private static Leaderboard board(boolean humans) {
        List<LeaderboardRow> rows = new ArrayList<>();
        for (int l = 0; l < LAYERS.size(); l++) {
            String layer = LAYERS.get(l);
            rows.add(row("pca", 0, "builtin", "Principal components", layer, 0.66 + 0.04 * l, humans, l));
            rows.add(row("acme-sae", 1, "submission", "Sparse autoencoder, first try", layer, 0.74 + 0.02 * l, humans, l));
            rows.add(row("acme-sae", 2, "submission", SCRIPT, layer, 0.78 + 0.01 * l, humans, l));
        }
        // A row with exactly known numbers for the CSV test (replaces acme-sae v2 on layer3).
        rows.set(5, new LeaderboardRow("ipb-core@1", "acme-sae", 2, "submission", SCRIPT, "resnet50", "layer3", 20,
                headline(humans, 0.8123456, 1.0 / 3, 0.9, "logistic-lapse(\"fit\")"),
                humans ? new LeaderboardRow.Human(800, 12, 0.775, 0.745, 0.8025) : null,
                humans ? new LeaderboardRow.Ceiled(0.8123456, 0.97, 0.8374697, "catch trials") : null,
                scores(0.4321, 1234567.0, 1e-7),
                humans ? 0.6125 : null,
                provenance("0123abcd")));
        Leaderboard.Ceiling ceiling = humans ? new Leaderboard.Ceiling(0.81, 0.72, 0.88, 1000, 12, 60) : null;
        SortedMap<String, Leaderboard.Validity> validity = new TreeMap<>();
        if (humans) {
            validity.put("mis", new Leaderboard.Validity(60, 12, List.of(
                    new Leaderboard.Correlation("spearman", 0.62, 0.48, 0.74, 0.81, 0.765),
                    new Leaderboard.Correlation("pearson", 0.58, 0.41, 0.71, 0.81, 0.716)),
                    "logistic-lapse", -0.5123, 0.2011, "reliability-mis.png"));
            validity.put("coherence", new Leaderboard.Validity(60, 12, List.of(
                    new Leaderboard.Correlation("spearman", 0.21, Double.NaN, 0.4, 0.81, 0.259)),
                    "logistic-lapse", -0.6789, 0.2456, null));
        }
        List<Leaderboard.Comparison> cs = new ArrayList<>();
        SortedMap<String, String> findings = new TreeMap<>();
        if (humans) {
            cs.add(new Leaderboard.Comparison("ipb-core@1", "resnet50", "layer2", "acme-sae", 1, "basis", 0.05, 0.01,
                    0.09, 20, 64));
            findings.put("resnet50:layer2", "resnet50:layer2: acme-sae v1 beats single units.");
        }
        return new Leaderboard(Leaderboard.KIND, Leaderboard.FORMAT_VERSION, List.of(benchmark()),
                humans ? "" : NO_HUMANS, humans ? 3 : 0, humans ? "per-layer fits" : "no calibration", ceiling,
                validity, cs, findings, rows);
    }

    private static LeaderboardRow row(String entry, int version, String kind, String description, String layer,
            double accuracy, boolean humans, int l) {
        return new LeaderboardRow("ipb-core@1", entry, version, kind, description, "resnet50", layer, 20,
                headline(humans, accuracy, accuracy - 0.04, accuracy + 0.03, "logistic-lapse"),
                humans ? new LeaderboardRow.Human(800, 12, accuracy - 0.02, accuracy - 0.05, accuracy + 0.01) : null,
                humans ? new LeaderboardRow.Ceiled(accuracy, 0.97, accuracy / 0.97, "catch trials") : null,
                version == 1 ? new TreeMap<>(Map.of("mis", new LeaderboardRow.ScoreSummary(0.3 + 0.1 * l, 0.02, 20, "1.2.0")))
                        : scores(0.35 + 0.1 * l, 0.5, 0.25 + l),
                "builtin".equals(kind) ? 0.55 + 0.01 * l : null,
                provenance(version == 0 ? "0123abcd" : null));
    }

    /** Calibrated (predicted human) with human data, the uncalibrated machine accuracy without. */
    static LeaderboardRow.Headline headline(boolean humans, double acc, double lo, double hi, String calibration) {
        return humans ? new LeaderboardRow.Headline(LeaderboardRow.Headline.PREDICTED_HUMAN, acc, lo, hi, calibration)
                : new LeaderboardRow.Headline(LeaderboardRow.Headline.MACHINE, acc, lo, hi, "none");
    }

    private static SortedMap<String, LeaderboardRow.ScoreSummary> scores(double mis, double coherence, double hoyer) {
        SortedMap<String, LeaderboardRow.ScoreSummary> s = new TreeMap<>();
        s.put("mis", new LeaderboardRow.ScoreSummary(mis, 0.0123, 20, "1.2.0"));
        s.put("coherence", new LeaderboardRow.ScoreSummary(coherence, 0.5, 20, "1.0.0"));
        s.put("selectivity.precision", new LeaderboardRow.ScoreSummary(0.6, 0.05, 20, "0.3.1"));
        s.put("sparsity.hoyer", new LeaderboardRow.ScoreSummary(hoyer, 1e-9, 20, "1.0.0"));
        return s;
    }

    private static EntryProvenance provenance(String codeVersion) {
        return new EntryProvenance("ipb-core@1", 33, codeVersion, 11, "cd".repeat(32), "ab".repeat(32),
                new TreeMap<>(Map.of("mis", "2")), new TreeMap<>(Map.of("images.npy", "ef".repeat(32))), 22);
    }
}
