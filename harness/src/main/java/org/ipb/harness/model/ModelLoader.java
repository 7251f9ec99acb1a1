package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.nn.ParameterList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ipb.core.UserError;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.ModelSource;

/**
 * Turns a model manifest into a {@link LoadedModel} on a chosen engine and device.
 *
 * <p>Everything that can be wrong with a model on disk is reported as a one-line {@link
 * UserError} naming the file: missing checkpoint, checksum mismatch, unknown architecture, a
 * checkpoint whose parameters do not fit the architecture, a manifest layer the architecture
 * does not have.
 */
public final class ModelLoader {
    /** DJL's checkpoint naming convention, {@code <prefix>-<epoch:04d>.params}. */
    private static final Pattern PARAMS_NAME = Pattern.compile("(.+)-(\\d{4})\\.params");

    private ModelLoader() {}

    /** Loads on the manifest's engine (or {@code engineOverride} when non-null) and the best device. */
    public static LoadedModel load(ManifestFile<ModelManifest> mf, String engineOverride, String device) {
        ModelManifest m = mf.manifest();
        String engineName = engineOverride != null ? engineOverride : m.engine();
        Engine engine = engine(engineName);
        Device dev = DeviceChoice.choose(engine, device);
        mf.verifySha256();
        ModelSource src = m.source();
        if (src instanceof ModelSource.DjlBlockSource s) {
            return loadBlock(mf, s, engineName, dev);
        }
        if (src instanceof ModelSource.TorchScriptSource s) {
            if (!"PyTorch".equals(engineName)) {
                throw new UserError(mf.file(), "a torchscript model runs only on engine PyTorch, not " + engineName);
            }
            Path file = mf.resolve(s.file());
            if (!Files.isRegularFile(file)) {
                throw new UserError(file, "TorchScript file not found (named in " + mf.file() + ")");
            }
            Map<String, ZooModel<NDList, NDList>> tails = new java.util.LinkedHashMap<>();
            try {
                for (ModelManifest.Layer l : m.layers()) {
                    if (l.tail() != null) {
                        Path tail = mf.resolve(l.tail());
                        if (!Files.isRegularFile(tail)) {
                            throw new UserError(tail, "tail of layer " + l.name() + " not found (named in "
                                    + mf.file() + ")");
                        }
                        tails.put(l.name(), zoo(mf, Criteria.builder().optModelPath(tail), engineName, dev));
                    }
                }
                // trainParam: weights loaded outside inference mode, so autograd can run through them (visualization).
                return loadCriteria(mf, Criteria.builder().optModelPath(file).optOption("trainParam", "true"), engineName, dev,
                        tails);
            } catch (RuntimeException e) {
                tails.values().forEach(ZooModel::close);
                throw e;
            }
        }
        if (src instanceof ModelSource.MxnetSymbolSource s) {
            // The graph is MXNet's own format; no other engine can run it, so an override is a mistake.
            if (!"MXNet".equals(engineName)) {
                throw new UserError(mf.file(), "an mxnet-symbol model runs only on engine MXNet, not " + engineName);
            }
            // Not through Criteria: read-out needs the symbol's internal nodes, not just its outputs.
            return MxnetSymbolModel.load(mf, s, inputShape(mf), dev);
        }
        if (src instanceof ModelSource.ModelZooSource s) {
            return loadCriteria(mf, Criteria.builder().optModelUrls(s.url()), engineName, dev, Map.of());
        }
        throw new IllegalStateException("unhandled model source " + src);
    }

    /** The engine called {@code name}; an unknown one is a user error listing what is installed. */
    public static Engine engine(String name) {
        if (!Engine.hasEngine(name)) {
            throw new UserError("unknown engine '" + name + "'; available: " + String.join(", ", Engine.getAllEngines()));
        }
        try {
            return Engine.getEngine(name);
        } catch (EngineException e) {
            throw new UserError("engine " + name + " failed to load its native library: " + e.getMessage(), e);
        }
    }

    private static LoadedModel loadBlock(ManifestFile<ModelManifest> mf, ModelSource.DjlBlockSource s,
            String engineName, Device device) {
        Architecture arch = Architectures.get(s.builder());
        Shape input = inputShape(mf);
        if (!input.equals(arch.inputShape())) {
            throw new UserError(mf.file(), "inputShape " + input + " does not match architecture '" + arch.name()
                    + "' input " + arch.inputShape());
        }
        LayeredNet net = arch.build();
        checkLayers(mf, net.layerNames());
        Path params = mf.resolve(s.params());
        if (!Files.isRegularFile(params)) {
            throw new UserError(params, "checkpoint not found (named in " + mf.file() + ")");
        }
        Matcher name = PARAMS_NAME.matcher(params.getFileName().toString());
        if (!name.matches()) {
            throw new UserError(params, "checkpoint name must follow DJL's <prefix>-<epoch:04d>.params convention");
        }
        Model model = Model.newInstance(mf.manifest().name(), device, engineName);
        try {
            model.setBlock(net.block());
            model.load(params.getParent(), name.group(1), Map.of("epoch", Integer.parseInt(name.group(2))));
            checkParameterShapes(params, arch, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(params, "checkpoint does not match architecture '" + arch.name() + "': "
                    + e.getMessage(), e);
        }
        Map<String, String> stageOf = new java.util.LinkedHashMap<>();
        mf.manifest().layers().forEach(l -> stageOf.put(l.name(), l.node() != null ? l.node() : l.name()));
        return new DjlBlockModel(mf.manifest().name(), model, net, input, stageOf);
    }

    /**
     * DJL checks parameter names when loading but not shapes; a checkpoint of a wider or narrower
     * variant would otherwise load and fail later with an engine error far from the cause.
     */
    private static void checkParameterShapes(Path params, Architecture arch, Model model) {
        LayeredNet reference = arch.build();
        try (NDManager scratch = model.getNDManager().newSubManager()) {
            Shape in = arch.inputShape();
            reference.block().initialize(scratch, DataType.FLOAT32, new Shape(1, in.get(0), in.get(1), in.get(2)));
            ParameterList want = reference.block().getParameters();
            ParameterList got = model.getBlock().getParameters();
            if (want.size() != got.size()) {
                throw new UserError(params, "checkpoint has " + got.size() + " parameters, architecture '"
                        + arch.name() + "' has " + want.size());
            }
            for (int i = 0; i < want.size(); i++) {
                Shape w = want.get(i).getValue().getArray().getShape();
                Parameter g = got.get(i).getValue();
                if (!g.isInitialized() || !w.equals(g.getArray().getShape())) {
                    throw new UserError(params, "parameter " + got.get(i).getKey() + " has shape "
                            + (g.isInitialized() ? g.getArray().getShape() : "(missing)") + ", architecture '"
                            + arch.name() + "' expects " + w);
                }
            }
        }
    }

    private static Shape inputShape(ManifestFile<ModelManifest> mf) {
        List<Integer> s = mf.manifest().inputShape();
        if (s.size() != 3) {
            throw new UserError(mf.file(), "inputShape must be [C, H, W], got " + s);
        }
        return new Shape(s.get(0), s.get(1), s.get(2));
    }

    /** Every layer the manifest offers must exist in the architecture. */
    private static void checkLayers(ManifestFile<ModelManifest> mf, List<String> available) {
        for (ModelManifest.Layer l : mf.manifest().layers()) {
            String node = l.node() != null ? l.node() : l.name();
            if (!available.contains(node)) {
                throw new UserError(mf.file(), "layer '" + node + "' does not exist in the architecture; valid layers: "
                        + String.join(", ", available));
            }
        }
    }

    private static LoadedModel loadCriteria(ManifestFile<ModelManifest> mf, Criteria.Builder<?, ?> b,
            String engineName, Device device, Map<String, ZooModel<NDList, NDList>> tails) {
        ZooModel<NDList, NDList> zoo = zoo(mf, b, engineName, device);
        try {
            return new OutputReadoutModel(mf.manifest().name(), zoo, inputShape(mf), mf.manifest().layers(), tails);
        } catch (RuntimeException e) {
            zoo.close();
            throw e instanceof UserError u ? new UserError(mf.file(), u.getMessage(), u) : e;
        }
    }

    private static ZooModel<NDList, NDList> zoo(ManifestFile<ModelManifest> mf, Criteria.Builder<?, ?> b,
            String engineName, Device device) {
        Criteria<NDList, NDList> criteria = b.setTypes(NDList.class, NDList.class)
                .optEngine(engineName)
                .optDevice(device)
                .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new UserError(mf.file(), "cannot load model: " + e.getMessage(), e);
        }
    }
}
