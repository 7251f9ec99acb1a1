package org.ipb.study.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.plugin.Plugin;
import org.ipb.study.store.JudgmentStore;

/**
 * A reader of published per-trial human data ({@code ipb human import --format NAME}). Adding a
 * format is one class implementing this plus one line in {@link Importers}.
 */
public interface JudgmentImporter extends Plugin {
    /**
     * Reads every file, then stores them all in one transaction (nothing is stored when any file
     * is bad).
     *
     * @param options the option keys the importer declares; absent keys take their defaults
     * @return judgments stored per study
     */
    Map<String, Integer> importInto(JudgmentStore store, List<Path> files, Map<String, String> options);
}
