package org.ipb.harness.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.ipb.core.UserError;
import org.ipb.harness.model.Architecture;
import org.ipb.harness.model.Architectures;
import org.ipb.harness.model.DeviceChoice;
import org.ipb.harness.model.LayeredNet;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.StimulusSet;

/**
 * Trains an {@link Architecture} as a 10-way (or n-way) classifier with softmax cross-entropy and
 * Adam, cosine-decayed, on a labelled stimulus set held in memory.
 *
 * <p>Determinism: the engine seed fixes the initial weights, {@code java.util.Random(seed)} fixes
 * the order of the training images; the CPU kernels of both engines then give the same weights
 * run after run on one machine (not across BLAS builds).
 */
public final class ClassifierTrainer {
    private final TrainingConfig config;
    private final Consumer<String> log;

    public ClassifierTrainer(TrainingConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Trains, saves {@code <dir>/<name>-<epochs:04d>.params}, and returns the per-epoch record. */
    public TrainingOutcome train(StimulusSet trainSet, StimulusSet testSet, Path checkpointDir) {
        Architecture arch = Architectures.get(config.architecture());
        Engine engine = ModelLoader.engine(config.engine());
        engine.setRandomSeed(config.seed());
        Device device = DeviceChoice.choose(engine, "auto");
        DeviceChoice.fallbackWarning(engine).ifPresent(w -> log.accept("warning: " + w));
        Shape in = arch.inputShape();
        int pixels = (int) in.size();
        int nTrain = config.limit() > 0 ? Math.min(config.limit(), trainSet.size()) : trainSet.size();
        float[] trainX = trainSet.preprocessed(0, nTrain);
        int[] trainY = labels(trainSet, nTrain);
        float[] testX = testSet.preprocessed(0, testSet.size());
        int[] testY = labels(testSet, testSet.size());
        checkPixels(trainX.length, nTrain, pixels, "training set");
        int classes = 1 + java.util.Arrays.stream(trainY).max().orElse(0);

        LayeredNet net = arch.build();
        List<EpochStats> history = new ArrayList<>();
        long start = System.nanoTime();
        try (Model model = Model.newInstance(config.modelName(), device, config.engine())) {
            model.setBlock(net.block());
            int stepsPerEpoch = (nTrain + config.batchSize() - 1) / config.batchSize();
            Tracker lr = Tracker.cosine()
                    .setBaseValue(config.learningRate())
                    .optFinalValue(config.learningRate() * 0.01f)
                    .setMaxUpdates(stepsPerEpoch * config.epochs())
                    .build();
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(config.batchSize(), in.get(0), in.get(1), in.get(2)));
                Random shuffle = new Random(config.seed());
                int[] order = new int[nTrain];
                for (int i = 0; i < nTrain; i++) {
                    order[i] = i;
                }
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    long t0 = System.nanoTime();
                    permute(order, shuffle);
                    double lossSum = 0;
                    long correct = 0;
                    for (int from = 0; from < nTrain; from += config.batchSize()) {
                        int to = Math.min(nTrain, from + config.batchSize());
                        try (NDManager bm = model.getNDManager().newSubManager()) {
                            float[] xb = new float[(to - from) * pixels];
                            float[] yb = new float[to - from];
                            for (int i = from; i < to; i++) {
                                System.arraycopy(trainX, order[i] * pixels, xb, (i - from) * pixels, pixels);
                                yb[i - from] = trainY[order[i]];
                            }
                            NDArray x = bm.create(xb, new Shape(to - from, in.get(0), in.get(1), in.get(2)));
                            NDArray y = bm.create(yb);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(new NDList(x));
                                NDArray loss = trainer.getLoss().evaluate(new NDList(y), pred);
                                gc.backward(loss);
                                lossSum += loss.getFloat() * (to - from);
                                correct += pred.singletonOrThrow().argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                        .eq(y).sum().getLong();
                            }
                            trainer.step();
                        }
                    }
                    double testAcc = accuracy(model, net, testX, testY, pixels, in);
                    EpochStats s = new EpochStats(epoch, lossSum / nTrain, (double) correct / nTrain, testAcc,
                            (System.nanoTime() - t0) / 1e9);
                    history.add(s);
                    log.accept(String.format("epoch %d/%d  loss %.4f  train acc %.4f  test acc %.4f  (%.0f s)",
                            epoch, config.epochs(), s.trainLoss(), s.trainAccuracy(), s.testAccuracy(), s.seconds()));
                }
            }
            model.setProperty("Epoch", Integer.toString(config.epochs()));
            try {
                Files.createDirectories(checkpointDir);
                model.save(checkpointDir, config.modelName());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path params = checkpointDir.resolve(String.format("%s-%04d.params", config.modelName(), config.epochs()));
            return new TrainingOutcome(arch, classes, nTrain, history, params, engine.getVersion(), device.toString(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Top-1 accuracy in inference mode (BatchNorm uses its running statistics). */
    static double accuracy(Model model, LayeredNet net, float[] x, int[] y, int pixels, Shape in) {
        ParameterStore ps = new ParameterStore(model.getNDManager(), false);
        long correct = 0;
        int batch = 500;
        for (int from = 0; from < y.length; from += batch) {
            int to = Math.min(y.length, from + batch);
            try (NDManager bm = model.getNDManager().newSubManager()) {
                float[] xb = java.util.Arrays.copyOfRange(x, from * pixels, to * pixels);
                NDArray input = bm.create(xb, new Shape(to - from, in.get(0), in.get(1), in.get(2)));
                long[] pred = net.block().forward(ps, new NDList(input), false).singletonOrThrow()
                        .argMax(1).toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
                for (int i = from; i < to; i++) {
                    if (pred[i - from] == y[i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / y.length;
    }

    private static int[] labels(StimulusSet set, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = set.label(i);
            if (y[i] < 0) {
                throw new UserError("stimulus set " + set.manifest().name() + " has no labels; training needs them");
            }
        }
        return y;
    }

    private static void checkPixels(int length, int n, int pixels, String what) {
        if ((long) n * pixels != length) {
            throw new UserError(what + ": preprocessed images have " + (length / Math.max(1, n))
                    + " values each, the architecture expects " + pixels);
        }
    }

    /** Fisher–Yates shuffle driven by the seeded generator. */
    private static void permute(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
