package org.ipb.manifest;

import java.util.List;

/**
 * An opened stimulus set: N images with stable ids, optional labels, and their preprocessed form.
 * Indices run from 0 to {@link #size()} - 1; out-of-range indices throw
 * {@link IndexOutOfBoundsException}. Unreadable images throw {@link org.ipb.core.UserError} when
 * they are read. The sets opened by {@link StimulusSets} are immutable once open, so several
 * threads may read from one set at the same time.
 */
public interface StimulusSet extends AutoCloseable {
    StimulusSetManifest manifest();

    int size();

    /**
     * Stable id of an image, for result files and caches: {@code "<set name>:<index as 6 digits>"}
     * for IDX, {@code "<set name>:<relative path>"} for image folders and CSV lists.
     */
    String id(int index);

    /** Class label, or -1 when the set is unlabelled. */
    int label(int index);

    /** Class names indexed by label; empty when unknown. */
    List<String> classNames();

    RawImage raw(int index);

    /**
     * Images {@code [from, to)} preprocessed (see {@link ImagePreprocessor}) and concatenated in
     * NCHW order, {@code C*H*W} floats per image.
     */
    float[] preprocessed(int from, int to);

    @Override
    void close();
}
