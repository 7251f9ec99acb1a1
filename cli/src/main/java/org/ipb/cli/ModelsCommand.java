package org.ipb.cli;

import org.ipb.harness.model.Architectures;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.StimulusSetManifest;
import picocli.CommandLine.Command;

/** {@code ipb models}: what ships with ipb. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the shipped models (with their read-out layers), stimulus sets and architectures.")
final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("models:");
        for (String name : ManifestCatalog.shippedModels()) {
            ManifestFile<ModelManifest> m = Manifests.readModel(ManifestCatalog.model(name));
            System.out.printf("  %-18s engine %-8s layers %s%n", name, m.manifest().engine(),
                    String.join(",", m.manifest().layers().stream().map(ModelManifest.Layer::name).toList()));
        }
        System.out.println("stimulus sets:");
        for (String name : ManifestCatalog.shippedStimulusSets()) {
            ManifestFile<StimulusSetManifest> s = Manifests.readStimulusSet(ManifestCatalog.stimulusSet(name));
            System.out.printf("  %-18s %s%n", name, s.manifest().description());
        }
        System.out.println("architectures (for djl-block manifests): " + String.join(", ", Architectures.names()));
    }
}
