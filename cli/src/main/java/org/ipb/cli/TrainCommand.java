package org.ipb.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.StagedOutput;
import org.ipb.harness.train.ClassifierTrainer;
import org.ipb.harness.train.TrainingConfig;
import org.ipb.harness.train.TrainingOutcome;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.ModelSource;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb train}: trains a shipped architecture and writes checkpoint, provenance and manifest. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network (the default subject fmnist-cnn, or the observer fmnist-observer) on a"
                + " labelled stimulus set; writes <out>/<name>/<name>-<epochs>.params, a provenance JSON and"
                + " the model manifest <out>/<name>.json.")
final class TrainCommand implements Runnable {
    @Option(names = "--arch", defaultValue = "fmnist-cnn", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--name", description = "Model name (default: the architecture's name).")
    String name;

    @Option(names = "--train-set", defaultValue = "fashion-mnist-train",
            description = "Training stimulus set: manifest path or shipped name (default: ${DEFAULT-VALUE},"
                    + " the Debian package dataset-fashion-mnist).")
    String trainSet;

    @Option(names = "--test-set", defaultValue = "fashion-mnist-test",
            description = "Test stimulus set (default: ${DEFAULT-VALUE}).")
    String testSet;

    @Option(names = "--engine", defaultValue = "MXNet",
            description = "DJL engine to train on (default: ${DEFAULT-VALUE}; the checkpoint loads under any engine).")
    String engine;

    @Option(names = "--run-engine", defaultValue = "MXNet",
            description = "Engine the written manifest names for running the model (default: ${DEFAULT-VALUE}).")
    String runEngine;

    @Option(names = "--epochs", defaultValue = "8", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initial weights and shuffling (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N training images (0 = all).")
    int limit;

    @Option(names = "--out", defaultValue = "datasets-manifest/embedded/models",
            description = "Folder for the model manifest and its checkpoint folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public void run() {
        String modelName = name != null ? name : arch;
        TrainingConfig cfg = new TrainingConfig(arch, modelName, engine, epochs, batch, lr, seed, limit);
        ManifestFile<StimulusSetManifest> trainMf = Manifests.readStimulusSet(ManifestCatalog.stimulusSet(trainSet));
        ManifestFile<StimulusSetManifest> testMf = Manifests.readStimulusSet(ManifestCatalog.stimulusSet(testSet));
        trainMf.verifySha256();
        testMf.verifySha256();
        Path outDir = out.toAbsolutePath();
        try (StimulusSet tr = StimulusSets.open(trainMf);
                StimulusSet te = StimulusSets.open(testMf);
                StagedOutput staged = StagedOutput.begin(outDir.resolve(modelName))) {
            System.err.printf("training %s on %s (%d images), testing on %s (%d images), engine %s%n",
                    arch, trainMf.manifest().name(), tr.size(), testMf.manifest().name(), te.size(), engine);
            TrainingOutcome o = new ClassifierTrainer(cfg, System.err::println).train(tr, te, staged.file(""));
            String paramsName = o.params().getFileName().toString();
            String paramsSha = Sha256.of(o.params());
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("command", commandLine(cfg));
            prov.put("architecture", arch);
            prov.put("config", cfg);
            prov.put("optimizer", "Adam, cosine decay to 1% over all steps, softmax cross-entropy");
            prov.put("trainEngine", Map.of("name", engine, "version", o.engineVersion(), "device", o.device()));
            prov.put("trainSet", dataRecord(trainMf, o.trainImages()));
            prov.put("testSet", dataRecord(testMf, te.size()));
            prov.put("epochs", o.history());
            prov.put("testAccuracy", o.testAccuracy());
            prov.put("weights", Map.of("file", paramsName, "sha256", paramsSha));
            prov.put("seconds", o.seconds());
            prov.put("run", Provenance.run());
            Json.write(staged.file(modelName + ".provenance.json"), prov);
            staged.commit();

            ModelManifest manifest = new ModelManifest(
                    ModelManifest.KIND, modelName, "1", o.architecture().description()
                            + String.format(" (test accuracy %.4f on %s)", o.testAccuracy(), testMf.manifest().name()),
                    runEngine,
                    new ModelSource.DjlBlockSource(arch, modelName + "/" + paramsName),
                    List.of((int) o.architecture().inputShape().get(0), (int) o.architecture().inputShape().get(1),
                            (int) o.architecture().inputShape().get(2)),
                    o.classes(),
                    layers(o.architecture().build()),
                    testMf.manifest().name(),
                    Map.of(modelName + "/" + paramsName, paramsSha),
                    modelName + "/" + modelName + ".provenance.json", null);
            Json.write(outDir.resolve(modelName + ".json"), manifest);
            System.err.printf("test accuracy %.4f; wrote %s%n", o.testAccuracy(), outDir.resolve(modelName + ".json"));
        }
    }

    private static List<ModelManifest.Layer> layers(org.ipb.harness.model.LayeredNet net) {
        return net.layerNames().stream().map(l -> new ModelManifest.Layer(l, net.description(l), null)).toList();
    }

    private static Map<String, Object> dataRecord(ManifestFile<StimulusSetManifest> mf, int images) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", mf.manifest().name());
        m.put("images", images);
        m.put("sha256", mf.manifest().sha256());
        return m;
    }

    private String commandLine(TrainingConfig c) {
        return String.format("ipb train --arch %s --name %s --train-set %s --test-set %s --engine %s --run-engine %s"
                        + " --epochs %d --batch %d --lr %s --seed %d --limit %d",
                c.architecture(), c.modelName(), trainSet, testSet, c.engine(), runEngine, c.epochs(), c.batchSize(),
                c.learningRate(), c.seed(), c.limit());
    }
}
