package org.ipb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.study.importer.Borowski2021Importer;
import org.ipb.study.store.JudgmentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipb human import}: published per-trial data into the judgment database. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import per-trial human responses into the judgment database (all files in one transaction).")
final class HumanImportCommand implements Runnable {
    @Option(names = "--format", required = true,
            description = "Input format: borowski2021 (preprocessed main CSVs of Borowski et al., ICLR 2021).")
    String format;

    @Option(names = "--db", required = true, description = "Judgment database file (H2; created if missing).")
    Path db;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files.")
    List<Path> files;

    @Override
    public void run() {
        if (!format.equals(Borowski2021Importer.FORMAT)) {
            throw new UserError("unknown --format '" + format + "'; supported: " + Borowski2021Importer.FORMAT);
        }
        Map<String, Integer> counts;
        try (JudgmentStore store = JudgmentStore.open(db)) {
            counts = Borowski2021Importer.importFiles(store, files);
        }
        counts.forEach((study, n) -> System.out.printf("imported %d responses into study %s%n", n, study));
        System.out.printf("wrote %s%n", db);
    }
}
