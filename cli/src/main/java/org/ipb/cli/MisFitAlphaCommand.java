package org.ipb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ipb.leaderboards.alpha.AlphaCalibration;
import org.ipb.scorers.mis.AlphaFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb mis fit-alpha}: alpha of one observer, fitted to human responses on candidate sets' tasks. */
@Command(name = "fit-alpha", mixinStandardHelpOptions = true,
        description = {"Fit the soft MIS slope alpha (P(correct) = sigmoid(alpha * delta), Zimmermann, Klindt &"
                + " Brendel 2024) of one observer by maximum likelihood to the human main trials of a study database"
                + " on the tasks of the given candidate sets: fitted on a random half of the directions, checked on"
                + " the other half (per-direction correlation of soft MIS with human accuracy). Simulated responses"
                + " never count.",
            "The file is accepted by 'ipb score --scorers mis --option alpha-file=FILE' for this observer only."})
final class MisFitAlphaCommand implements Runnable {
    @Option(names = "--candidates", required = true, split = ",", paramLabel = "DIR|candidates.json",
            description = "Candidate sets whose tasks the study showed (comma-separated or repeated).")
    List<Path> candidates;

    @Option(names = "--study-db", required = true, description = "Judgment database (H2 file, with or without .mv.db).")
    Path studyDb;

    @Option(names = "--observer", defaultValue = "observer",
            description = "Observer: pixels, observer (fmnist-observer:embed) or MODEL:LAYER (default: ${DEFAULT-VALUE}).")
    String observer;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split into halves (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "alpha.json", description = "Alpha file to write.")
    Path out;

    @Override
    public void run() {
        AlphaFile a = AlphaCalibration.fitFiles(candidates, studyDb, observer, seed, out);
        AlphaFile.Fit f = a.fit();
        System.out.printf(Locale.ROOT, "alpha %.4g +- %.2g for observer %s%s: fitted on %d human trials of %d"
                        + " directions; held out %d directions (%d trials): Pearson r %.3f, Spearman %.3f of soft MIS"
                        + " with human accuracy, log-likelihood %.4f per trial (chance %.4f); %d simulated responses"
                        + " ignored; wrote %s%n", a.alpha(), a.standardError(), a.observer(),
                a.atBound() ? " (at the bound: separable responses)" : "", f.fitTrials(), f.fitDirections(),
                f.heldOutDirections(), f.heldOutTrials(), f.heldOutPearson(), f.heldOutSpearman(),
                f.heldOutLogLikelihoodPerTrial(), f.chanceLogLikelihoodPerTrial(), f.simulatedIgnored(), out);
    }
}
