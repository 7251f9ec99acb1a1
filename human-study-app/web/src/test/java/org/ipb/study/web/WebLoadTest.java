package org.ipb.study.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.web.bench.WebLoadBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 participants x 45 trials at the same time over HTTP on 127.0.0.1: no answer lost, none
 * stored twice. The latency figures are printed, not asserted (they depend on the machine).
 */
class WebLoadTest {
    @Test
    void fiftyParticipantsAtOnceLoseNothingAndDuplicateNothing(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("load.db");
        // 36 directions + 9 catch trials (10 per 40) = 45 trials each, breaks every 15
        StudyDesign.Plan plan = WebFixtures.create(db, 50, 36, 0, 15);
        assertEquals(45, plan.trials().get("P01").size());
        List<String> participants = List.copyOf(plan.trials().keySet());
        // Rate limits are per participant; these simulated ones answer without thinking, faster than
        // any person, so the limit is raised for them.
        StudyWebServer server = StudyWebServer.start(new WebStudyConfig(db, null, "127.0.0.1", 0, null, null, 1000,
                1000));
        WebLoadBenchmark.Result r = WebLoadBenchmark.run(server, db, participants, 0, 1);
        System.out.println("web load, answering as fast as the server replies: " + r.describe());
        assertEquals(50 * 45, r.answers());
        assertEquals(0, r.lost(), "unanswered planned trials");
        assertEquals(0, r.duplicates(), "trials answered twice");
    }

    @Test
    void fiftyPacedParticipantsAtOnceLoseNothingAndDuplicateNothing(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("paced.db");
        StudyDesign.Plan plan = WebFixtures.create(db, 50, 36, 0, 15);
        List<String> participants = List.copyOf(plan.trials().keySet());
        // 250 ms between answers (4 per second each, 200 per second together): several times faster
        // than people answer a 2-AFC trial, and within the default per-participant rate limit.
        StudyWebServer server = StudyWebServer.start(WebStudyConfig.defaults(db, null, 0));
        WebLoadBenchmark.Result r = WebLoadBenchmark.run(server, db, participants, 250, 2);
        System.out.println("web load, one answer per 250 ms per participant: " + r.describe());
        assertEquals(50 * 45, r.answers());
        assertEquals(0, r.lost(), "unanswered planned trials");
        assertEquals(0, r.duplicates(), "trials answered twice");
    }
}
