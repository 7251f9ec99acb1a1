package org.ipb.study.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.ipb.study.design.Fixtures;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StimulusImage;

/** A planned study with real PNG images in a real H2 file, for the UI tests. */
public final class UiFixtures {
    private UiFixtures() {}

    /**
     * Creates study {@code ui} in {@code db}: 8 directions x 2 tasks, {@code participants}
     * participants each answering every direction ({@code trialsPerDirection = participants}),
     * 2 practice trials (2 attempts), catch trials 10 per 40, blocks of {@code block}.
     */
    public static StudyDesign.Plan create(Path db, int participants, int block) throws Exception {
        return create(db, participants, block, 8);
    }

    /** As above with {@code directions} directions. */
    public static StudyDesign.Plan create(Path db, int participants, int block, int directions) throws Exception {
        StudyDesign.Options o = new StudyDesign.Options("ui", participants, participants, 0, 10, 2, 2, block, false,
                false, 7);
        StudyDesign.Plan plan = StudyDesign.build(List.of(Fixtures.set(directions, 2)), o);
        TreeSet<String> ids = new TreeSet<>();
        for (List<PlannedTrial> ts : plan.trials().values()) {
            for (PlannedTrial t : ts) {
                ids.addAll(t.imageIds());
            }
        }
        List<StimulusImage> images = new ArrayList<>();
        for (String id : ids) {
            images.add(new StimulusImage(id, 28, 28, Fixtures.png(id)));
        }
        try (JudgmentStore store = JudgmentStore.open(db)) {
            StudyDesign.store(store, plan, images);
        }
        return plan;
    }
}
