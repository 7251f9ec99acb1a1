package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb study links}, {@code ipb study web} and {@code ipb bench web} at the command line. */
class StudyWebCommandTest {
    @Test
    void linksAreOnePerParticipantAndTheSameEveryTime(@TempDir Path tmp) throws Exception {
        Path db = StudyStationsTest.createStudy(tmp, 8);
        CliRunner.Result a = CliRunner.run("study", "links", "--db", db.toString(), "--base-url",
                "https://study.example.org/");
        assertEquals(0, a.exitCode(), a.err());
        List<String> lines = a.out().lines().toList();
        assertEquals("participant\tlink\tcompletion_code", lines.get(0));
        assertEquals(5, lines.size(), a.out());
        for (String line : lines.subList(1, 5)) {
            assertTrue(line.matches("P0[1-4]\thttps://study\\.example\\.org/s/[A-Za-z0-9_-]{43}\t[A-Z0-9XY]{10}"), line);
        }
        assertTrue(a.err().contains("/p/") && a.err().contains("PROLIFIC_PID={{%PROLIFIC_PID%}}"), a.err());
        CliRunner.Result b = CliRunner.run("study", "links", "--db", db.toString(), "--base-url",
                "https://study.example.org");
        assertEquals(a.out(), b.out(), "the links stay the same");
    }

    @Test
    void badInputIsOneLineWithExitCode2(@TempDir Path tmp) throws Exception {
        Path db = StudyStationsTest.createStudy(tmp, 4);
        CliRunner.Result url = CliRunner.run("study", "links", "--db", db.toString(), "--base-url", "javascript:x");
        assertEquals(2, url.exitCode(), url.err());
        assertEquals(1, url.err().strip().lines().count(), url.err());
        assertTrue(url.err().contains("--base-url"), url.err());

        CliRunner.Result noImages = CliRunner.run("study", "web", "--db", db.toString(), "--port", "0");
        assertEquals(2, noImages.exitCode(), noImages.err());
        assertEquals(1, noImages.err().strip().lines().count(), noImages.err());
        assertTrue(noImages.err().contains("lacks the images"), noImages.err());

        CliRunner.Result missing = CliRunner.run("study", "web", "--db", tmp.resolve("none.db").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("none.db") && missing.err().contains("no such judgment database"),
                missing.err());

        CliRunner.Result port = CliRunner.run("study", "web", "--db", db.toString(), "--port", "70000");
        assertEquals(2, port.exitCode(), port.err());
        assertTrue(port.err().contains("--port"), port.err());

        CliRunner.Result bench = CliRunner.run("bench", "web", "--participants", "0");
        assertEquals(2, bench.exitCode(), bench.err());
    }

    @Test
    void benchWebCountsNoLostOrDuplicateRows() {
        CliRunner.Result r = CliRunner.run("bench", "web", "--participants", "3", "--trials", "5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3 participants, 15 answers over HTTP: lost 0, duplicate 0"), r.out());
        assertTrue(r.out().contains("p99"), r.out());
    }
}
