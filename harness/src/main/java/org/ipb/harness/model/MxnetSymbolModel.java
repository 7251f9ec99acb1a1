package org.ipb.harness.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.engine.MxSymbolBlock;
import ai.djl.mxnet.engine.Symbol;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ipb.core.UserError;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.ModelSource;

/**
 * An MXNet export ({@code <prefix>-symbol.json} + {@code <prefix>-0000.params}) read out at
 * internal nodes of its graph, not only at its final outputs.
 *
 * <p>An MXNet symbol names every operator output ({@code conv0_output}, {@code relu0_output},
 * ...); a manifest layer's {@code node} (or its {@code name}) picks one, with or without the
 * {@code _output} suffix. At load time the graph is re-headed: the JSON of the symbol's internals
 * (which holds every node) gets {@code heads} set to just the wanted outputs and is loaded back
 * as one grouped symbol. A single {@link MxSymbolBlock} over that symbol computes all manifest
 * layers in one forward pass per batch; it gets the arrays that DJL loaded from the params file
 * attached by parameter name, so the weights exist once in memory.
 */
final class MxnetSymbolModel extends AbstractLoadedModel {
    private static final String OUTPUT_SUFFIX = "_output";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Outputs are the distinct manifest nodes, in manifest order of first use. */
    private final MxSymbolBlock readoutBlock;
    /** Manifest layer name → index of its output in {@link #readoutBlock}, in manifest order. */
    private final Map<String, Integer> headOf;

    private MxnetSymbolModel(String name, Model model, MxSymbolBlock readoutBlock, Shape inputShape,
            Map<String, Integer> headOf) {
        // The model owns the manager, hence the parameter arrays and both blocks' native resources.
        super(name, model, inputShape);
        this.readoutBlock = readoutBlock;
        this.headOf = headOf;
    }

    /**
     * Loads the export that {@code src} names. Every problem with the files or the manifest is a
     * one-line {@link UserError} naming the file at fault.
     */
    static MxnetSymbolModel load(ManifestFile<ModelManifest> mf, ModelSource.MxnetSymbolSource src,
            Shape inputShape, Device device) {
        Path dir = mf.resolve(src.directory());
        Path symbolFile = dir.resolve(src.prefix() + "-symbol.json");
        Path paramsFile = dir.resolve(src.prefix() + "-0000.params");
        requireFile(symbolFile, "MXNet symbol file", mf);
        requireFile(paramsFile, "MXNet params file", mf);

        Model model = Model.newInstance(mf.manifest().name(), device, "MXNet");
        try {
            MxNDManager manager = (MxNDManager) model.getNDManager();
            Symbol fileSymbol;
            try {
                fileSymbol = Symbol.load(manager, symbolFile.toAbsolutePath().toString());
            } catch (RuntimeException e) {
                throw new UserError(symbolFile, "not a valid MXNet symbol file: " + describe(e), e);
            }
            // Check the manifest before reading weights: a typo in a layer name is the likeliest error.
            Map<String, String> nodeOf = resolveLayers(mf, fileSymbol, symbolFile);

            // Handing DJL the block makes MxModel.load read only the params file, in either of the
            // formats it knows: DJL's own ("DJL@" header) or MXNet's NDArray list with arg:/aux: keys.
            model.setBlock(new MxSymbolBlock(manager, fileSymbol));
            try {
                model.load(dir, src.prefix(), Map.of("epoch", "0"));
            } catch (IOException | MalformedModelException | RuntimeException e) {
                throw new UserError(paramsFile, "cannot load parameters for " + symbolFile.getFileName() + ": "
                        + describe(e), e);
            }
            // A DJL-format params file carries its own copy of the symbol and DJL swaps it in.
            MxSymbolBlock full = (MxSymbolBlock) model.getBlock();
            String dataInput = checkParameters(mf, full, inputShape, symbolFile, paramsFile);

            List<String> heads = new ArrayList<>(new LinkedHashSet<>(nodeOf.values()));
            Symbol grouped = groupedSymbol(manager, full.getSymbol(), heads, paramsFile);
            MxSymbolBlock readout = new MxSymbolBlock(manager, grouped);
            shareParameters(full, readout, dataInput);

            Map<String, Integer> headOf = new LinkedHashMap<>();
            nodeOf.forEach((layer, node) -> headOf.put(layer, heads.indexOf(node)));
            return new MxnetSymbolModel(mf.manifest().name(), model, readout, inputShape, headOf);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void requireFile(Path file, String what, ManifestFile<ModelManifest> mf) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file, what + " not found (named in " + mf.file() + ")");
        }
    }

    /**
     * Manifest layer name → full internal output name ({@code relu0_output}), in manifest order.
     * Valid nodes are the operator outputs: the internals minus the variables (input, weights).
     */
    private static Map<String, String> resolveLayers(ManifestFile<ModelManifest> mf, Symbol symbol, Path symbolFile) {
        List<String> outputs = operatorOutputs(symbol);
        Map<String, String> nodeOf = new LinkedHashMap<>();
        for (ModelManifest.Layer l : mf.manifest().layers()) {
            String node = l.node() != null ? l.node() : l.name();
            String resolved = outputs.contains(node) ? node
                    : outputs.contains(node + OUTPUT_SUFFIX) ? node + OUTPUT_SUFFIX
                    : null;
            if (resolved == null) {
                throw new UserError(mf.file(), "layer '" + node + "' is not a node of " + symbolFile
                        + "; valid nodes: " + String.join(", ", outputs.stream().map(MxnetSymbolModel::shortName).toList()));
            }
            nodeOf.put(l.name(), resolved);
        }
        return nodeOf;
    }

    private static List<String> operatorOutputs(Symbol symbol) {
        Set<String> variables = new HashSet<>(Arrays.asList(symbol.getAllNames()));
        try (Symbol internals = symbol.getInternals()) {
            return Arrays.stream(internals.getOutputNames()).filter(n -> !variables.contains(n)).toList();
        }
    }

    /** {@code relu0_output} → {@code relu0}; names of multi-output operators stay as they are. */
    private static String shortName(String output) {
        return output.endsWith(OUTPUT_SUFFIX) ? output.substring(0, output.length() - OUTPUT_SUFFIX.length()) : output;
    }

    /**
     * Checks what DJL cannot: MxModel treats every argument missing from the params file as a data
     * input, and never compares array shapes with the graph, so a truncated or foreign params file
     * would only fail at the first forward pass, deep in MXNet. Returns the data input's name.
     */
    private static String checkParameters(ManifestFile<ModelManifest> mf, MxSymbolBlock block, Shape inputShape,
            Path symbolFile, Path paramsFile) {
        List<String> missing = new ArrayList<>();
        for (Parameter p : block.getAllParameters()) {
            // DJL feeds *_label inputs (SoftmaxOutput's) itself; they are not data.
            if (!p.isInitialized() && !p.getName().endsWith("_label")) {
                missing.add(p.getName());
            }
        }
        if (missing.size() > 1 && missing.contains("data")) {
            missing.remove("data");
            throw new UserError(paramsFile, "has no arrays for " + String.join(", ", missing) + " (arguments of "
                    + symbolFile.getFileName() + ")");
        }
        if (missing.size() != 1) {
            throw new UserError(symbolFile, missing.isEmpty() ? "has no data input"
                    : "has several inputs without parameters (" + String.join(", ", missing)
                            + "); only single-input models can be read out");
        }
        String data = missing.get(0);
        Shape batchOfOne = new Shape(1, inputShape.get(0), inputShape.get(1), inputShape.get(2));
        Map<String, Shape> expected;
        try {
            PairList<String, Shape> given = new PairList<>();
            given.add(data, batchOfOne);
            expected = block.getSymbol().inferShape(given);
        } catch (RuntimeException e) {
            throw new UserError(mf.file(), "inputShape " + mf.manifest().inputShape() + " does not fit "
                    + symbolFile + ": " + describe(e), e);
        }
        for (Parameter p : block.getAllParameters()) {
            Shape want = expected.get(p.getName());
            if (p.isInitialized() && want != null && !want.equals(p.getArray().getShape())) {
                throw new UserError(paramsFile, "array '" + p.getName() + "' has shape " + p.getArray().getShape()
                        + ", " + symbolFile.getFileName() + " expects " + want);
            }
        }
        return data;
    }

    /**
     * The symbol whose outputs are {@code heads} (full internal output names), in that order.
     *
     * <p>DJL 0.35.1 exposes no way to group symbols (JnaUtils' MXSymbolCreateGroup wrapper is
     * commented out), but MXNet's JSON is the graph itself: the internals symbol serializes every
     * node, and its {@code heads} list lines up with its output names, so keeping only the wanted
     * heads and loading the JSON back gives the grouped symbol. Nodes the new heads do not reach
     * (later layers) drop out of the graph, with their parameters.
     */
    private static Symbol groupedSymbol(MxNDManager manager, Symbol symbol, List<String> heads, Path paramsFile) {
        try (Symbol internals = symbol.getInternals()) {
            List<String> names = Arrays.asList(internals.getOutputNames());
            ObjectNode graph = (ObjectNode) JSON.readTree(internals.toJsonString());
            JsonNode allHeads = graph.get("heads");
            if (allHeads == null || allHeads.size() != names.size()) {
                throw new IllegalStateException("MXNet internals JSON has " + (allHeads == null ? 0 : allHeads.size())
                        + " heads for " + names.size() + " outputs");
            }
            ArrayNode wanted = graph.putArray("heads");
            for (String head : heads) {
                int i = names.indexOf(head);
                if (i < 0) {
                    // Only possible when a DJL-format params file embeds a different graph.
                    throw new UserError(paramsFile, "the symbol embedded in it has no node '" + shortName(head)
                            + "'; it does not belong to the symbol file next to it");
                }
                wanted.add(allHeads.get(i).deepCopy());
            }
            Symbol grouped = Symbol.loadJson(manager, JSON.writeValueAsString(graph));
            if (!Arrays.asList(grouped.getOutputNames()).equals(heads)) {
                grouped.close();
                throw new IllegalStateException("grouped MXNet symbol has outputs "
                        + Arrays.toString(grouped.getOutputNames()) + ", wanted " + heads);
            }
            return grouped;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("MXNet returned unparsable symbol JSON", e);
        }
    }

    /**
     * Gives the read-out block the arrays the full block loaded, matched by name; the block's
     * remaining argument is the data input. Arrays are shared, not copied.
     */
    private static void shareParameters(MxSymbolBlock full, MxSymbolBlock readout, String dataInput) {
        Map<String, Parameter> loaded = new HashMap<>();
        full.getAllParameters().forEach(p -> loaded.put(p.getName(), p));
        List<String> inputs = new ArrayList<>();
        for (Parameter p : readout.getAllParameters()) {
            Parameter source = loaded.get(p.getName());
            if (source != null && source.isInitialized()) {
                p.setArray(source.getArray());
            } else {
                inputs.add(p.getName());
            }
        }
        if (!inputs.contains(dataInput)) {
            // Every manifest node is an operator output computed from the data, so this is a bug.
            throw new IllegalStateException("read-out graph lost data input " + dataInput + "; inputs " + inputs);
        }
        readout.setInputNames(inputs);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }





    /** Manifest layer names, in manifest order. */
    @Override
    public List<String> layers() {
        return List.copyOf(headOf.keySet());
    }


    /**
     * One forward pass of the grouped graph computes every manifest layer; those not asked for
     * are freed at once rather than when the batch's manager closes. Inference mode: BatchNorm
     * uses its moving statistics, Dropout passes through.
     */
    @Override
    public Map<String, NDArray> readout(NDArray batch, Set<String> layers) {
        for (String l : layers) {
            if (!headOf.containsKey(l)) {
                throw new IllegalArgumentException("unknown layer " + l + "; model " + name() + " has " + headOf.keySet());
            }
        }
        checkBatch(batch);
        NDList outputs = readoutBlock.forward(parameters, new NDList(batch), false);
        Map<String, NDArray> out = new LinkedHashMap<>();
        Set<Integer> kept = new HashSet<>();
        headOf.forEach((layer, head) -> {
            if (layers.contains(layer)) {
                out.put(layer, outputs.get(head));
                kept.add(head);
            }
        });
        for (int i = 0; i < outputs.size(); i++) {
            if (!kept.contains(i)) {
                outputs.get(i).close();
            }
        }
        return out;
    }
}
