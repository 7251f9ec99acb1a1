package org.ipb.study.design;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.study.store.JudgmentStore;

/** Small fake candidate sets: direction d has activation gap growing with d. */
public final class Fixtures {
    public static CandidateSet set(int dirs, int tasks) {
        return set(dirs, tasks, "pca");
    }

    public static CandidateSet set(int dirs, int tasks, String method) {
        int n = dirs * tasks * 20;
        List<CandidateDirection> ds = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            List<Task> ts = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                int base = (d * tasks + t) * 20;
                List<Exemplar> max = new ArrayList<>();
                List<Exemplar> min = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    max.add(ex(base + i, d + 10f - i * 0.1f));
                    min.add(ex(base + 9 + i, -d - 10f + i * 0.1f));
                }
                ts.add(new Task(t, max, min, ex(base + 18, d + 9f), ex(base + 19, -d - 9f)));
            }
            ds.add(new CandidateDirection(CandidateSet.directionId("m", "l", method, d), d, List.of(), List.of(), ts));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "m", "l", method, "fake", n, 4, dirs,
                new Protocol(0.1, 9, tasks, 1, Math.max(1, n / 10)), ds, Map.of());
    }

    static Exemplar ex(int row, float activation) {
        return new Exemplar(String.format("fake:%06d", row), row, activation);
    }

    private Fixtures() {}

    /** A {@link #png} for every image {@code plan} shows, in id order. */
    public static List<JudgmentStore.StimulusImage> images(StudyDesign.Plan plan) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        for (List<JudgmentStore.PlannedTrial> ts : plan.trials().values()) {
            for (JudgmentStore.PlannedTrial t : ts) {
                ids.addAll(t.imageIds());
            }
        }
        List<JudgmentStore.StimulusImage> images = new ArrayList<>();
        for (String id : ids) {
            images.add(new JudgmentStore.StimulusImage(id, 28, 28, png(id)));
        }
        return images;
    }

    /** A 28x28 gray image whose stripes and dot depend on the id's number (the window and web tests show it). */
    public static byte[] png(String id) throws IOException {
        int n = Integer.parseInt(id.substring(id.indexOf(':') + 1));
        BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = im.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 28, 28);
        g.setColor(Color.WHITE);
        int period = 2 + n % 7;
        for (int x = 0; x < 28; x += period) {
            if (n % 2 == 0) {
                g.fillRect(x, 0, 1, 28);
            } else {
                g.fillRect(0, x, 28, 1);
            }
        }
        g.fillOval(4 + n % 10, 4 + n % 10, 10, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(im, "png", out);
        return out.toByteArray();
    }
}
