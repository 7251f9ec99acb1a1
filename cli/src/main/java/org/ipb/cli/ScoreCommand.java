package org.ipb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.scorers.ScoreTable;
import org.ipb.scorers.ScoringRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb score}: automated interpretability scores of every direction of a candidate set. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every direction of a candidate set (from ipb exemplars or ipb candidates) with the"
                + " chosen scorers; one CSV row per direction and measure: score, standard error, parameters,"
                + " scorer version.")
final class ScoreCommand implements Runnable {
    @Option(names = "--candidates", required = true,
            description = "Candidate set: a candidates.json or the folder holding it.")
    Path candidates;

    @Option(names = "--scorers", split = ",", defaultValue = "mis,coherence,selectivity,sparsity",
            description = "Scorers: mis, coherence, selectivity, sparsity, ablation (default: ${DEFAULT-VALUE};"
                    + " ablation also writes cumulative curves to <out stem>-figures/).")
    List<String> scorers;

    @Option(names = "--observer", defaultValue = "observer",
            description = "Observer embedding for mis and coherence: pixels, observer (the shipped fmnist-observer"
                    + " network's embed layer) or MODEL:LAYER (default: ${DEFAULT-VALUE}).")
    String observer;

    @Option(names = "--option", description = "Scorer option name=value, repeatable (alpha-file=FILE for mis.confidence, top=5, top-n=100).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--out", required = true, description = "Output CSV.")
    Path out;

    /** {@code scores.csv} → {@code scores-figures/}, for the ablation curves. */
    static Path figuresDir(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.toAbsolutePath().resolveSibling(stem + "-figures");
    }

    @Override
    public void run() {
        Path file = Files.isDirectory(candidates) ? candidates.resolve("candidates.json") : candidates;
        ScoringRun.Result result = ScoringRun.score(file, scorers, observer, options, figuresDir(out),
                (name, rows, seconds) -> System.err.printf("%-12s %d rows in %.2f s%n", name, rows, seconds));
        ScoreTable.write(out, result.rows());
        CandidateSet set = result.set();
        System.out.printf("scored %d directions of %s (%s:%s:%s) with %s; wrote %s%n", set.k(), file, set.model(),
                set.layer(), set.method(), String.join(",", scorers), out);
    }
}
