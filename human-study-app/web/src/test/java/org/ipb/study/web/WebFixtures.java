package org.ipb.study.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ipb.study.design.Fixtures;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;

/** A planned study with real PNG images in a real H2 file, for the web tests. */
final class WebFixtures {
    static final String STUDY = "web";

    private WebFixtures() {}

    /**
     * Creates study {@code web}: {@code directions} directions x 2 tasks, every participant answering
     * every direction, {@code practice} practice trials (2 attempts), 10 catch trials per 40, blocks
     * of {@code block}.
     */
    static StudyDesign.Plan create(Path db, int participants, int directions, int practice, int block)
            throws IOException {
        StudyDesign.Options o = new StudyDesign.Options(STUDY, participants, participants, 0, 10, practice, 2, block,
                false, false, 11);
        StudyDesign.Plan plan = StudyDesign.build(List.of(Fixtures.set(directions, 2)), o);
        try (JudgmentStore store = JudgmentStore.open(StudyLocation.processOnly(db))) {
            StudyDesign.store(store, plan, Fixtures.images(plan));
        }
        return plan;
    }
}
