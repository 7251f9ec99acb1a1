package org.ipb.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleavedComparisonTest {
    /** A peer that logs every batch it is asked for and takes {@code seconds} per image. */
    private static BatchPeer peer(Path log, String name, double secondsPerImage) {
        String script = "echo '{\"torch\":\"v-" + name + "\",\"capability\":\"c\",\"threads\":2,\"interopThreads\":1,"
                + "\"flopsPerImage\":100}'; while read a b; do echo \"" + name + " $a $b\" >> " + log
                + "; echo $(( b - a )) | awk '{print $1 * " + secondsPerImage + "}'; done";
        return new BatchPeer(name, List.of("bash", "-c", script));
    }

    @Test
    void batchesAlternateWhoGoesFirstAndWarmUpIsNotTimed(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        List<ForwardTiming[]> pairs;
        try (BatchPeer a = peer(log, "ipb", 0.5); BatchPeer t = peer(log, "torch", 1.0)) {
            pairs = InterleavedComparison.run(a, t, 5, 2, 1, 2);
        }
        assertEquals(List.of("ipb 0 2", "torch 0 2", // warm-up
                "ipb 0 2", "torch 0 2", "torch 2 4", "ipb 2 4", "ipb 4 5", "torch 4 5",
                "torch 0 2", "ipb 0 2", "ipb 2 4", "torch 2 4", "torch 4 5", "ipb 4 5"), Files.readAllLines(log));
        assertEquals(2, pairs.size());
        ForwardTiming ipb = pairs.get(0)[0];
        assertEquals("v-ipb", ipb.version());
        assertEquals(List.of(1.0, 1.0, 0.5), ipb.batchSeconds());
        assertEquals(5 / 2.5, ipb.imagesPerSecond(), 1e-12);
        assertEquals(5 / 5.0, pairs.get(1)[1].imagesPerSecond(), 1e-12);
        assertEquals(100, pairs.get(1)[1].flopsPerImage());
    }

    @Test
    void aPeerThatDiesIsAUserError() {
        UserError e = assertThrows(UserError.class, () -> new BatchPeer("broken peer", List.of("bash", "-c", "exit 3")));
        assertEquals("broken peer ended (exit 3) before answering", e.getMessage());
    }
}
