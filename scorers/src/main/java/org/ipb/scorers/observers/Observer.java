package org.ipb.scorers.observers;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipb.manifest.RawImage;
import org.ipb.scorers.mis.EmbeddingLookup;

/**
 * A named observer over one stimulus set, as {@link Observers#named} builds it: an {@link
 * EmbeddingLookup} that may hold resources (a loaded network) and so must be closed.
 */
public interface Observer extends EmbeddingLookup, AutoCloseable {
    /** The name it was built from ("pixels", "observer", "model:layer"). */
    String name();

    /**
     * Embeddings of several stimuli, keyed by id in the order given (duplicates once). The default
     * looks each id up on its own; network observers run the images through the model in batches.
     *
     * @throws IllegalArgumentException if an id is not in the stimulus set
     */
    default Map<String, float[]> embedAll(Collection<String> ids) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.computeIfAbsent(id, this::embedding);
        }
        return out;
    }

    /**
     * The embedding of an image that is not in the stimulus set (a synthetic reference), treated
     * exactly as a stimulus image of the set would be, and kept under {@code id}. Network
     * observers preprocess it as the set's manifest says; pixel observers embed its pixels.
     *
     * @throws UnsupportedOperationException if this observer embeds stimuli of its set only
     */
    default float[] embedRaw(String id, RawImage image) {
        throw new UnsupportedOperationException("observer " + name() + " cannot embed images outside its stimulus set");
    }

    /**
     * Who computes the embeddings, precisely enough that stored embeddings can be reused
     * ({@link StoredEmbeddings}): for a network, its name, layer and model-manifest hash. Null
     * (the default) when they are not worth storing.
     */
    default String identity() {
        return null;
    }

    /**
     * Takes embeddings this observer computed earlier (restored by {@link StoredEmbeddings}) as
     * its own, so they are not computed again.
     *
     * @throws UnsupportedOperationException for observers without an {@link #identity()}
     */
    default void seed(Map<String, float[]> embeddings) {
        throw new UnsupportedOperationException("observer " + name() + " does not take stored embeddings");
    }

    /** Releases what the observer holds; a no-op for pixel observers. */
    @Override
    void close();
}
