package org.ipb.study.ui;

import java.nio.file.Path;
import java.util.List;
import org.ipb.study.design.Fixtures;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;

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
        try (JudgmentStore store = JudgmentStore.open(db)) {
            StudyDesign.store(store, plan, Fixtures.images(plan));
        }
        return plan;
    }
}
