package org.ipb.scorers.observers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ipb.core.UserError;
import org.ipb.harness.extract.LayerReadout;
import org.ipb.harness.model.LoadedModel;
import org.ipb.harness.model.ModelLoader;
import org.ipb.manifest.ImagePreprocessor;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.ModelManifest;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.RawImage;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;

/**
 * An observer that embeds a stimulus as the activation of one layer of a network described by a
 * model manifest: the shipped {@code fmnist-observer} (layer {@code embed}, 256-d) or any other
 * model manifest that {@link ModelLoader} can load.
 *
 * <p>Images are preprocessed as the stimulus set's manifest says ({@link StimulusSet#preprocessed}),
 * unless the observer's model manifest states a preprocessing of its own (an exported torchvision
 * network does: python/ipb_export.py writes its resize, crop, mean and std) that differs from the
 * set's: then each decoded image ({@link StimulusSet#raw}) is preprocessed as the observer wants,
 * so any exported network's layer can embed any stimulus set. Images run through the model in
 * batches of at most {@code batchSize}. A layer with output (N, C) gives
 * its C values; a layer with output (N, C, H, W) is averaged over the spatial positions to C values
 * by the read-out {@code ipb extract} uses ({@link LayerReadout}), so an embedding equals that
 * image's row of the extracted {@code <layer>.npy}.
 *
 * <p>Each image is run through the network once: embeddings are kept (keyed by stimulus id) for
 * the observer's lifetime. {@link #embedAll} runs all the images not yet embedded in batches;
 * {@link #embedding}/{@link #embed} of a new id runs a batch of one. The cache is kept here rather
 * than in {@link EmbeddingCache} because that class embeds one id at a time. Forward passes are
 * serialised; lookups of cached ids are lock-free. Returned arrays are shared; treat them as
 * read-only. {@link #close()} closes the model (the stimulus set stays the caller's).
 *
 * <p>DreamSim (Fu et al., NeurIPS 2023), the perceptual embedding Zimmermann, Klindt and Brendel
 * (2024) used for the MIS, is not available offline; the shipped network observer is
 * {@code fmnist-observer}, a small Fashion-MNIST classifier whose 256-d penultimate layer serves as
 * the similarity space.
 */
public final class NetworkObserver implements Observer {
    /** Default images per forward pass. */
    public static final int DEFAULT_BATCH = 256;

    private final String name;
    private final LoadedModel model;
    private final String layer;
    private final StimulusSet set;
    private final StimulusIndex index;
    private final int batchSize;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();
    private final Object forwardLock = new Object();
    private final String identity;
    /** The observer's own preprocessing where it differs from the set's; null: the set's. */
    private final ImagePreprocessor own;
    private final StimulusSetManifest.Preprocessing input;
    private volatile long imagesRun;
    private volatile long forwardPasses;

    private NetworkObserver(LoadedModel model, String layer, StimulusSet set, int batchSize, String manifestSha256,
            StimulusSetManifest.Preprocessing own) {
        this.own = own == null ? null : new ImagePreprocessor(own);
        this.input = own == null ? set.manifest().preprocessing() : own;
        this.identity = model.name() + ":" + layer + "@" + manifestSha256;
        this.model = model;
        this.layer = layer;
        this.set = set;
        this.batchSize = batchSize;
        this.name = model.name() + ":" + layer;
        this.index = new StimulusIndex(set);
    }

    /**
     * Loads the model and checks it against the set, on the best available device.
     *
     * @param model a shipped model name ({@link ManifestCatalog#model}) or a model manifest path
     * @param layer a layer the loaded model can read out
     * @param set the stimuli to embed (not closed by the observer)
     * @param engine DJL engine override, or null for the manifest's engine
     * @param batchSize images per forward pass, at least 1
     * @throws UserError for an unknown model, an unknown layer (listing the valid ones), or a set
     *     whose preprocessing does not give the model's input shape
     */
    public static NetworkObserver open(String model, String layer, StimulusSet set, String engine, int batchSize) {
        return open(model, layer, set, engine, "auto", batchSize);
    }

    /** As {@link #open(String, String, StimulusSet, String, int)} on a chosen device ("auto", "cpu", "gpu"). */
    public static NetworkObserver open(String model, String layer, StimulusSet set, String engine, String device,
            int batchSize) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(set, "set");
        if (batchSize < 1) {
            throw new UserError("batch size must be at least 1, got " + batchSize);
        }
        ManifestFile<ModelManifest> mf = Manifests.readModel(ManifestCatalog.model(model));
        LoadedModel loaded = ModelLoader.load(mf, engine, device == null ? "auto" : device);
        try {
            List<String> valid = loaded.layers();
            if (!valid.contains(layer)) {
                throw new UserError(mf.file(), "model " + loaded.name() + " has no layer '" + layer
                        + "'; valid layers: " + String.join(", ", valid));
            }
            StimulusSetManifest.Preprocessing stated = mf.manifest().preprocessing();
            StimulusSetManifest.Preprocessing own =
                    stated != null && !stated.equals(set.manifest().preprocessing()) ? stated : null;
            StimulusSetManifest.Preprocessing p = own != null ? own : set.manifest().preprocessing();
            Shape want = loaded.inputShape();
            if (p.channels() != want.get(0) || p.height() != want.get(1) || p.width() != want.get(2)) {
                throw new UserError("stimulus set " + set.manifest().name() + " is preprocessed to " + p.channels()
                        + "x" + p.height() + "x" + p.width() + " images but model " + loaded.name() + " expects "
                        + want.get(0) + "x" + want.get(1) + "x" + want.get(2));
            }
            return new NetworkObserver(loaded, layer, set, batchSize, org.ipb.core.Sha256.of(mf.file()), own);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** {@code "<model name>:<layer>"}. */
    @Override
    public String name() {
        return name;
    }

    public String modelName() {
        return model.name();
    }

    public String layer() {
        return layer;
    }

    public int batchSize() {
        return batchSize;
    }

    /** DJL engine running the model. */
    public String engineName() {
        return model.engineName();
    }

    /** Device the forward passes run on. */
    public String device() {
        return model.device().toString();
    }

    /** Images run through the network so far (each id counts once). */
    public long imagesEmbedded() {
        return imagesRun;
    }

    /** Forward passes (batches) run so far. */
    public long forwardPasses() {
        return forwardPasses;
    }

    /** {@code <model>:<layer>@<sha256 of the model manifest>}: the manifest pins the weights' hashes. */
    @Override
    public String identity() {
        return identity;
    }

    /** Takes stored embeddings of stimulus ids of the set (others are refused) into the cache. */
    @Override
    public void seed(Map<String, float[]> embeddings) {
        for (Map.Entry<String, float[]> e : embeddings.entrySet()) {
            index.of(e.getKey());
            cache.put(e.getKey(), e.getValue());
        }
    }

    /** Number of cached embeddings. */
    public int cached() {
        return cache.size();
    }

    /**
     * The embedding of stimulus {@code id}, run through the network on first use.
     *
     * @throws IllegalArgumentException if {@code id} is not in the stimulus set
     */
    public float[] embed(String id) {
        float[] e = cache.get(Objects.requireNonNull(id, "id"));
        return e != null ? e : embedAll(List.of(id)).get(id);
    }

    /** Same as {@link #embed}. */
    @Override
    public float[] embedding(String id) {
        return embed(id);
    }

    /**
     * Embeddings of {@code ids}, keyed in the order given. The ids not yet embedded are run through
     * the network in set order, in batches of at most {@link #batchSize()}.
     *
     * @throws IllegalArgumentException if an id is not in the stimulus set (nothing is run then)
     */
    @Override
    public Map<String, float[]> embedAll(Collection<String> ids) {
        TreeSet<Integer> missing = new TreeSet<>();
        for (String id : ids) {
            int i = index.of(Objects.requireNonNull(id, "id"));
            if (!cache.containsKey(id)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            synchronized (forwardLock) {
                List<Integer> todo = new ArrayList<>();
                for (int i : missing) {
                    if (!cache.containsKey(set.id(i))) {
                        todo.add(i);
                    }
                }
                for (int from = 0; from < todo.size(); from += batchSize) {
                    run(todo.subList(from, Math.min(todo.size(), from + batchSize)));
                }
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, cache.get(id));
        }
        return out;
    }

    /** One forward pass over the given (ascending) set indices; caches the results. */
    private void run(List<Integer> indices) {
        int n = indices.size();
        int per = input.floatsPerImage();
        float[] pixels = new float[n * per];
        if (own != null) {
            // the observer's own preprocessing, on each decoded image
            for (int j = 0; j < n; j++) {
                own.apply(set.raw(indices.get(j)), pixels, j * per);
            }
        } else {
            // the set's preprocessing; consecutive indices are preprocessed as one range
            int k = 0;
            while (k < n) {
                int start = indices.get(k);
                int end = k + 1;
                while (end < n && indices.get(end) == indices.get(end - 1) + 1) {
                    end++;
                }
                float[] run = set.preprocessed(start, start + (end - k));
                System.arraycopy(run, 0, pixels, k * per, run.length);
                k = end;
            }
        }
        List<String> ids = new ArrayList<>(n);
        for (int i : indices) {
            ids.add(set.id(i));
        }
        forward(ids, pixels);
    }

    /**
     * Embeddings of images that are not in the stimulus set (synthetic references), keyed by the
     * given ids in their order: each image is preprocessed exactly as a stimulus of the set ({@link
     * ImagePreprocessor} with the set manifest's preprocessing) and run through the network in
     * batches of at most {@link #batchSize()}. Embeddings are cached by id like stimulus ones; an id
     * already cached is not run again (its image is ignored). Ids must not be stimulus ids of the
     * set with other pixels: the cache does not tell them apart.
     */
    public Map<String, float[]> embedAllRaw(Map<String, RawImage> images) {
        List<String> todo = new ArrayList<>();
        for (String id : images.keySet()) {
            if (!cache.containsKey(Objects.requireNonNull(id, "id"))) {
                todo.add(id);
            }
        }
        if (!todo.isEmpty()) {
            synchronized (forwardLock) {
                todo.removeIf(cache::containsKey);
                ImagePreprocessor pre = own != null ? own : new ImagePreprocessor(set.manifest().preprocessing());
                int per = pre.floatsPerImage();
                for (int from = 0; from < todo.size(); from += batchSize) {
                    List<String> batch = todo.subList(from, Math.min(todo.size(), from + batchSize));
                    float[] pixels = new float[batch.size() * per];
                    for (int j = 0; j < batch.size(); j++) {
                        pre.apply(Objects.requireNonNull(images.get(batch.get(j)), "image"), pixels, j * per);
                    }
                    forward(batch, pixels);
                }
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String id : images.keySet()) {
            out.put(id, cache.get(id));
        }
        return out;
    }

    /** As {@link #embedAllRaw} for one image. */
    @Override
    public float[] embedRaw(String id, RawImage image) {
        float[] e = cache.get(Objects.requireNonNull(id, "id"));
        return e != null ? e : embedAllRaw(Map.of(id, image)).get(id);
    }

    /** One forward pass over preprocessed NCHW {@code pixels}, one image per id; caches the results. */
    private void forward(List<String> ids, float[] pixels) {
        int n = ids.size();
        Shape in = model.inputShape();
        float[] flat;
        long channels;
        try (NDManager bm = model.manager().newSubManager()) {
            NDArray batch = bm.create(pixels, new Shape(n, in.get(0), in.get(1), in.get(2)));
            LayerReadout.Layer a = LayerReadout.read(model, batch, Set.of(layer)).get(layer);
            channels = a.channels();
            flat = a.means().toFloatArray();
        }
        int c = Math.toIntExact(channels);
        for (int j = 0; j < n; j++) {
            float[] e = new float[c];
            System.arraycopy(flat, j * c, e, 0, c);
            cache.put(ids.get(j), e);
        }
        imagesRun += n;
        forwardPasses++;
    }

    /** Closes the model; the stimulus set stays open. */
    @Override
    public void close() {
        model.close();
    }
}
