package org.ipb.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1, 5 and 15 minute load averages, printed with timings that other processes disturb. */
public final class LoadAverage {
    private LoadAverage() {}

    /** "1.23 0.98 0.50", or "unknown" where /proc is not available. */
    public static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
