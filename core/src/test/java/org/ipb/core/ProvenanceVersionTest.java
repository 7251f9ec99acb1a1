package org.ipb.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code version does not turn "-dirty" when ipb writes its own outputs into the checkout. */
class ProvenanceVersionTest {
    @TempDir
    Path repo;

    private void git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t",
                "-c", "user.email=t@t", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void ownOutputsDoNotMakeTheTreeDirtyButSourcesDo() throws Exception {
        Files.createDirectories(repo.resolve("leaderboards/published"));
        Files.writeString(repo.resolve("leaderboards/published/LEADERBOARD.md"), "board v1\n");
        Files.writeString(repo.resolve("Code.java"), "class Code {}\n");
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "init");
        String home = System.getProperty("ipb.home");
        try {
            System.setProperty("ipb.home", repo.toString());
            Provenance.resetForTests();
            String clean = Provenance.ipbVersion();
            assertFalse(clean.endsWith("-dirty"), clean);

            Files.writeString(repo.resolve("leaderboards/published/LEADERBOARD.md"), "board v2\n");
            Provenance.resetForTests();
            assertEquals(clean, Provenance.ipbVersion(), "a republished board is not a code change");

            Files.writeString(repo.resolve("Code.java"), "class Code { int x; }\n");
            Provenance.resetForTests();
            assertTrue(Provenance.ipbVersion().endsWith("-dirty"), Provenance.ipbVersion());
        } finally {
            if (home == null) {
                System.clearProperty("ipb.home");
            } else {
                System.setProperty("ipb.home", home);
            }
            Provenance.resetForTests();
        }
    }
}
