package org.ipb.scorers.observers;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
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

    /**
     * Decodes an image file, keeping its stored 8-bit samples (gray stays one channel) as the
     * stimulus sets' image decoder does: raster samples for gray and sRGB images, Java2D's sRGB
     * conversion otherwise.
     */
    public static RawImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file, "synthetic image not found");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UserError(file, "cannot decode synthetic image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UserError(file, "cannot decode synthetic image: not a PNG or other image javax.imageio reads");
        }
        ColorModel cm = image.getColorModel();
        int type = cm.getColorSpace().getType();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        if (!(cm instanceof IndexColorModel) && (type == ColorSpace.TYPE_GRAY || cm.getColorSpace().isCS_sRGB())
                && raster.getNumBands() == cm.getNumComponents()) {
            int bands = raster.getNumBands();
            byte[] pixels = new byte[w * h * bands];
            int[] row = new int[w];
            for (int b = 0; b < bands; b++) {
                int bits = raster.getSampleModel().getSampleSize(b);
                int max = (1 << bits) - 1;
                for (int y = 0; y < h; y++) {
                    raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, b, row);
                    for (int x = 0; x < w; x++) {
                        int v = bits == 8 ? row[x] : (int) Math.round(row[x] * 255.0 / max);
                        pixels[(y * w + x) * bands + b] = (byte) v;
                    }
                }
            }
            return new RawImage(w, h, bands, pixels);
        }
        boolean alpha = cm.hasAlpha();
        int channels = alpha ? 4 : 3;
        byte[] pixels = new byte[w * h * channels];
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int o = i * channels;
            pixels[o] = (byte) (p >>> 16);
            pixels[o + 1] = (byte) (p >>> 8);
            pixels[o + 2] = (byte) p;
            if (alpha) {
                pixels[o + 3] = (byte) (p >>> 24);
            }
        }
        return new RawImage(w, h, channels, pixels);
    }

    @Override
    public void close() {
        base.close();
    }
}
