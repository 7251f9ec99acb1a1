package org.ipb.harness.model;

import ai.djl.ndarray.types.Shape;

/**
 * A named recipe for a network whose weights live in a DJL {@code .params} checkpoint.
 *
 * <p>A model manifest of type {@code djl-block} names its architecture by {@link #name()}; the
 * checkpoint holds only parameters, so the code here is the other half of the model. Adding an
 * architecture is one class plus a line in {@link Architectures}.
 */
public interface Architecture {
    /** The name used in manifests ({@code source.builder}). */
    String name();

    /** One-line description for {@code ipb --help} style listings. */
    String description();

    /** Input shape of one image, (C, H, W). */
    Shape inputShape();

    /** Builds a fresh, uninitialised network. */
    LayeredNet build();
}
