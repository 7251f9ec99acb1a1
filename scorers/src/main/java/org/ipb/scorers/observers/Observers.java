package org.ipb.scorers.observers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ipb.core.UserError;
import org.ipb.core.plugin.Registry;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSet;

/**
 * Builds an observer from its name, as a user would give it; each kind is an {@link ObserverKind}
 * in the registry:
 *
 * <ul>
 *   <li>{@code pixels}: {@link PixelObserver} (grey, 16 × 16) over {@link StimulusSet#raw}, cached
 *       in an {@link EmbeddingCache};</li>
 *   <li>{@code observer}: the shipped network observer, {@code fmnist-observer:embed}
 *       ({@link NetworkObserver});</li>
 *   <li>{@code <model>:<layer>}: layer {@code layer} of a shipped model or of a model manifest
 *       {@code .json} path (the name is split at its last colon).</li>
 * </ul>
 */
public final class Observers {
    /** The shipped network observer's model and layer. */
    public static final String DEFAULT_MODEL = "fmnist-observer";
    public static final String DEFAULT_LAYER = "embed";

    private static final Registry<ObserverKind> REGISTRY = new Registry<ObserverKind>("observer")
            .register(new PixelObserverKind())
            .register(new ShippedObserverKind())
            .register(new LayerObserverKind());

    private Observers() {}

    /** The observer kinds, in the order names are tried. */
    public static Registry<ObserverKind> registry() {
        return REGISTRY;
    }

    /** {@link #named(String, StimulusSet, String, int)} with the manifest's engine and {@link NetworkObserver#DEFAULT_BATCH}. */
    public static Observer named(String name, StimulusSet set) {
        return named(name, set, null, NetworkObserver.DEFAULT_BATCH);
    }

    /**
     * The observer called {@code name} over {@code set}; the caller closes it (the set stays open).
     *
     * @param engine engine override for network observers, or null
     * @param batchSize images per forward pass for network observers
     * @throws UserError for an unknown name (listing the options), model or layer
     */
    public static Observer named(String name, StimulusSet set, String engine, int batchSize) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(set, "set");
        for (ObserverKind kind : REGISTRY.all()) {
            if (kind.accepts(name)) {
                return kind.open(name, set, engine, batchSize);
            }
        }
        List<String> models = new ArrayList<>();
        for (String m : ManifestCatalog.shippedModels()) {
            models.add(m + ":<layer>");
        }
        throw new UserError("unknown observer '" + name + "'; valid: pixels, observer (= " + DEFAULT_MODEL + ":"
                + DEFAULT_LAYER + "), <model>:<layer> or <model manifest .json>:<layer>"
                + (models.isEmpty() ? "" : " (shipped: " + String.join(", ", models) + ")"));
    }

    /** {@code pixel} over the raw images of {@code set}, each embedded once. */
    public static Observer pixels(StimulusSet set, PixelObserver pixel) {
        StimulusIndex index = new StimulusIndex(set);
        EmbeddingCache cache = new EmbeddingCache(id -> pixel.embed(set.raw(index.of(id))));
        java.util.concurrent.ConcurrentHashMap<String, float[]> outside = new java.util.concurrent.ConcurrentHashMap<>();
        return new Observer() {
            @Override
            public float[] embedRaw(String id, org.ipb.manifest.RawImage image) {
                return outside.computeIfAbsent(id, k -> pixel.embed(image));
            }

            @Override
            public String name() {
                return "pixels";
            }

            @Override
            public float[] embedding(String id) {
                float[] e = outside.get(id);
                if (e != null) {
                    return e;
                }
                index.of(id); // unknown ids fail before the cache sees them
                return cache.embedding(id);
            }

            @Override
            public void close() {}
        };
    }
}
