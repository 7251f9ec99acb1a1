package org.ipb.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.UserError;

/**
 * Runs an {@code ipb} command in a fresh JVM with this JVM's class path and flags; benchmarks use
 * it so that each measurement's peak RSS is its own.
 */
final class ChildJvm {
    private ChildJvm() {}

    /** Standard output of {@code ipb <args>}; its standard error passes through. */
    static String run(String what, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw new UserError(what + " failed (exit " + rc + ")");
            }
            return out;
        } catch (IOException e) {
            throw new UserError(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(what + " interrupted");
        }
    }
}
