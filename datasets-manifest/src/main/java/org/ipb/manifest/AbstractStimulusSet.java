package org.ipb.manifest;

import java.util.Objects;
import org.ipb.core.UserError;

/** Preprocessing and bounds checks shared by every source type; subclasses supply raw images. */
abstract class AbstractStimulusSet implements StimulusSet {
    private final StimulusSetManifest manifest;
    private final ImagePreprocessor preprocessor;

    AbstractStimulusSet(StimulusSetManifest manifest) {
        this.manifest = manifest;
        this.preprocessor = new ImagePreprocessor(manifest.preprocessing());
    }

    @Override
    public StimulusSetManifest manifest() {
        return manifest;
    }

    @Override
    public float[] preprocessed(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        long floats = (long) (to - from) * preprocessor.floatsPerImage();
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch of " + (to - from) + " images does not fit one float[]; use smaller batches");
        }
        float[] out = new float[(int) floats];
        for (int i = from; i < to; i++) {
            try {
                preprocessor.apply(raw(i), out, (i - from) * preprocessor.floatsPerImage());
            } catch (ImageRejected e) {
                throw new UserError(where(i) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Where image {@code index} comes from, for error messages: its file, or file and index. */
    abstract String where(int index);

    @Override
    public void close() {
        // Nothing held open: IDX sets live in memory, file sets open each image only while decoding it.
    }
}
