package org.ipb.manifest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ipb.core.UserError;

/** An IDX stimulus set (MNIST layout), held entirely in memory: 28x28 bytes per image. */
final class IdxStimulusSet extends AbstractStimulusSet {
    private final String name;
    private final Path imagesFile;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final byte[] labels; // null when unlabelled
    private final List<String> classNames;

    IdxStimulusSet(ManifestFile<StimulusSetManifest> mf, StimulusSource.IdxSource source) {
        super(mf.manifest());
        this.name = mf.manifest().name();
        this.classNames = mf.manifest().classes();
        this.imagesFile = mf.resolve(source.images());
        IdxArray images = IdxReader.read(imagesFile);
        if (images.typeCode() != IdxArray.UNSIGNED_BYTE || images.rank() != 3) {
            throw new UserError(imagesFile, "expected 3-D unsigned-byte images (count x rows x columns), found "
                    + images.describe());
        }
        this.count = images.dim(0);
        this.rows = images.dim(1);
        this.cols = images.dim(2);
        if (count == 0 || rows == 0 || cols == 0) {
            throw new UserError(imagesFile, "contains no images (" + images.describe() + ")");
        }
        this.pixels = images.data();
        this.labels = source.labels() == null ? null : readLabels(mf.resolve(source.labels()), imagesFile);
    }

    private byte[] readLabels(Path labelsFile, Path imagesFile) {
        IdxArray array = IdxReader.read(labelsFile);
        if (array.typeCode() != IdxArray.UNSIGNED_BYTE || array.rank() != 1) {
            throw new UserError(labelsFile, "expected 1-D unsigned-byte labels, found " + array.describe());
        }
        if (array.dim(0) != count) {
            throw new UserError(labelsFile, "has " + array.dim(0) + " labels but " + imagesFile + " has " + count + " images");
        }
        byte[] data = array.data();
        if (!classNames.isEmpty()) {
            for (int i = 0; i < data.length; i++) {
                if ((data[i] & 0xFF) >= classNames.size()) {
                    throw new UserError(labelsFile, "label " + (data[i] & 0xFF) + " at index " + i
                            + " is out of range: the manifest lists " + classNames.size() + " classes");
                }
            }
        }
        return data;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public String id(int index) {
        Objects.checkIndex(index, count);
        return String.format("%s:%06d", name, index);
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, count);
        return labels == null ? -1 : labels[index] & 0xFF;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    String where(int index) {
        return imagesFile + ": image " + index;
    }

    @Override
    public RawImage raw(int index) {
        Objects.checkIndex(index, count);
        int size = rows * cols;
        return new RawImage(cols, rows, 1, Arrays.copyOfRange(pixels, index * size, (index + 1) * size));
    }
}
