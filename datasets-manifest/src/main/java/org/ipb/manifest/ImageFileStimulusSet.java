package org.ipb.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A stimulus set of image files (image folder or CSV list). Only the list of files is kept;
 * each image is decoded when asked for, so memory is bounded by the batch, not by the set.
 */
final class ImageFileStimulusSet extends AbstractStimulusSet {
    private final List<ImageEntry> entries;
    private final List<String> classNames;

    ImageFileStimulusSet(StimulusSetManifest manifest, List<ImageEntry> entries, List<String> classNames) {
        super(manifest);
        this.entries = List.copyOf(entries);
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public String id(int index) {
        return manifest().name() + ":" + entries.get(index).relativePath();
    }

    @Override
    public int label(int index) {
        return entries.get(index).label();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    String where(int index) {
        return entries.get(index).file().toString();
    }

    @Override
    public RawImage raw(int index) {
        Objects.checkIndex(index, entries.size());
        return ImageFileDecoder.decode(entries.get(index).file());
    }
}
