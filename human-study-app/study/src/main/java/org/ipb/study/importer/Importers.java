package org.ipb.study.importer;

import org.ipb.core.plugin.Registry;

/** Registry of human-data import formats by name; a new format is one class and one line here. */
public final class Importers {
    private static final Registry<JudgmentImporter> REGISTRY = new Registry<JudgmentImporter>("format")
            .register(Borowski2021Importer.PLUGIN)
            .register(Imi2023Importer.PLUGIN);

    private Importers() {}

    public static Registry<JudgmentImporter> registry() {
        return REGISTRY;
    }

    public static JudgmentImporter get(String format) {
        return REGISTRY.get(format);
    }
}
