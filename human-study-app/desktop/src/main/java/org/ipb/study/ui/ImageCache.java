package org.ipb.study.ui;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.scene.image.Image;
import org.ipb.core.UserError;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StimulusImage;

/**
 * Decoded stimulus images, bounded (least recently used out), filled ahead of time by one
 * background thread so the next trial appears at once. A trial's 20 images are decoded before it is
 * shown: {@link #get} decodes on the caller's thread when the preload has not got there yet.
 */
final class ImageCache implements AutoCloseable {
    private final Function<String, StimulusImage> source;
    private final Map<String, Image> images;
    private final ExecutorService preloader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ipb-image-preload");
        t.setDaemon(true);
        return t;
    });

    ImageCache(Function<String, StimulusImage> source, int capacity) {
        this.source = source;
        this.images = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Image> e) {
                return size() > capacity;
            }
        };
    }

    /** The decoded image of a stimulus id (blocking when it is not decoded yet). */
    Image get(String id) {
        synchronized (images) {
            Image im = images.get(id);
            if (im != null) {
                return im;
            }
        }
        Image im = decode(id);
        synchronized (images) {
            images.put(id, im);
        }
        return im;
    }

    /** Decodes the images of these trials in the background. */
    void preload(List<PlannedTrial> trials) {
        for (PlannedTrial t : trials) {
            preloader.submit(() -> {
                for (String id : t.imageIds()) {
                    boolean have;
                    synchronized (images) {
                        have = images.containsKey(id);
                    }
                    if (!have) {
                        get(id);
                    }
                }
            });
        }
    }

    /** True when all images of a trial are decoded. */
    boolean ready(PlannedTrial t) {
        synchronized (images) {
            return t.imageIds().stream().allMatch(images::containsKey);
        }
    }

    private Image decode(String id) {
        StimulusImage s = source.apply(id);
        if (s == null) {
            throw new UserError("the study database has no image '" + id + "' (create the study without --no-images)");
        }
        Image im = new Image(new ByteArrayInputStream(s.png()));
        if (im.isError()) {
            throw new UserError("image '" + id + "' in the study database is not a readable PNG: "
                    + im.getException());
        }
        return im;
    }

    @Override
    public void close() {
        preloader.shutdownNow();
    }
}
