package org.ipb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.study.importer.Imi2023Importer;
import org.ipb.study.importer.Importers;
import org.ipb.study.importer.JudgmentImporter;
import org.ipb.study.store.JudgmentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipb human import}: published per-trial data into the judgment database. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import per-trial human responses into the judgment database (all files in one transaction).")
final class HumanImportCommand implements Runnable {
    @Option(names = "--format", required = true,
            description = "Input format: borowski2021 (preprocessed main CSVs of Borowski et al., ICLR 2021) or"
                    + " imi2023 (responses_*.csv of the IMI dataset, Zimmermann et al., NeurIPS 2023).")
    String format;

    @Option(names = "--db", required = true, description = "Judgment database file (H2; created if missing).")
    Path db;

    @Option(names = "--study",
            description = "imi2023 only: study name (default: " + Imi2023Importer.DEFAULT_STUDY + "); responses the"
                    + " authors exclude (failed checks, multi-participation) go to <study>"
                    + Imi2023Importer.EXCLUDED_SUFFIX + ".")
    String study;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files.")
    List<Path> files;

    @Override
    public void run() {
        JudgmentImporter importer = Importers.get(format);
        if (study != null && !importer.describe().declaresOption("study")) {
            // Borowski's study names (borowski2021-I, -II) come from the files themselves.
            throw new UserError("--study applies to --format " + String.join(", ", Importers.registry().all().stream()
                    .filter(i -> i.describe().declaresOption("study")).map(JudgmentImporter::name).toList()) + " only");
        }
        Map<String, Integer> counts;
        try (JudgmentStore store = JudgmentStore.open(db)) {
            counts = importer.importInto(store, files, study == null ? Map.of() : Map.of("study", study));
        }
        counts.forEach((name, n) -> System.out.printf("imported %d responses into study %s%n", n, name));
        System.out.printf("wrote %s%n", db);
    }
}
