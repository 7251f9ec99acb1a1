package org.ipb.scorers.observers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.manifest.RawImage;

/**
 * An {@link Observer} over a synthetic candidate set ({@link SyntheticReferences}): ids with the
 * synthetic prefix are served by decoding the PNG the set's provenance names for them and embedding
 * it with the wrapped observer exactly as a stimulus image of the set ({@link Observer#embedRaw}: a
 * network observer preprocesses it with the stimulus set's manifest preprocessing and runs it
 * through the same network; the pixel observer embeds its pixels as it embeds a raw stimulus).
 * Every other id goes to the wrapped observer. {@link #embedAll} embeds the synthetic ids in
 * batches and passes only the natural ones to the wrapped observer. Closing closes the wrapped
 * observer.
 *
 * <p>Every PNG the set names is checked to exist when the observer is made; a missing or
 * undecodable one is a one-line {@link UserError} naming the file.
 */
public final class SyntheticImageObserver implements Observer {
    private final Observer base;
    private final Path candidatesFile;
    private final CandidateSet set;

    private SyntheticImageObserver(Observer base, Path candidatesFile, CandidateSet set) {
        this.base = base;
        this.candidatesFile = candidatesFile;
        this.set = set;
    }

    /**
     * {@code base} wrapped for {@code set}, read from {@code candidatesFile}; {@code base} itself
     * when the set is natural.
     *
     * @throws UserError if a PNG the set names is missing or outside the candidate folder
     */
    public static Observer wrap(Observer base, Path candidatesFile, CandidateSet set) {
        Objects.requireNonNull(base, "base");
        if (!SyntheticReferences.SYNTHETIC.equals(SyntheticReferences.kind(set))) {
            return base;
        }
        for (String id : SyntheticReferences.images(set).keySet()) {
            Path png = SyntheticReferences.image(candidatesFile, set, id);
            if (!Files.isRegularFile(png)) {
                throw new UserError(png, "synthetic image of " + id + " (named in " + candidatesFile
                        + ") not found");
            }
        }
        return new SyntheticImageObserver(base, candidatesFile, set);
    }

    /** The wrapped observer. */
    public Observer base() {
        return base;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public float[] embedding(String id) {
        if (SyntheticReferences.isSynthetic(id)) {
            return base.embedRaw(id, read(id));
        }
        return base.embedding(id);
    }

    @Override
    public float[] embedRaw(String id, RawImage image) {
        return base.embedRaw(id, image);
    }

    @Override
    public Map<String, float[]> embedAll(Collection<String> ids) {
        List<String> natural = new ArrayList<>();
        Map<String, RawImage> synthetic = new LinkedHashMap<>();
        for (String id : ids) {
            if (SyntheticReferences.isSynthetic(id)) {
                synthetic.computeIfAbsent(id, this::read);
            } else {
                natural.add(id);
            }
        }
        Map<String, float[]> embedded = new LinkedHashMap<>(base.embedAll(natural));
        if (base instanceof NetworkObserver net) {
            embedded.putAll(net.embedAllRaw(synthetic));
        } else {
            synthetic.forEach((id, image) -> embedded.put(id, base.embedRaw(id, image)));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, embedded.get(id));
        }
        return out;
    }

    /** The decoded PNG of synthetic id {@code id}. */
    RawImage read(String id) {
        return decode(SyntheticReferences.image(candidatesFile, set, id));
    }

    /** Decodes an image file with the stimulus sets' decoder ({@link RawImage#read}). */
    public static RawImage decode(Path file) {
        return RawImage.read(file);
    }

    @Override
    public void close() {
        base.close();
    }
}
