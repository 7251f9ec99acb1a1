package org.ipb.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the run that every result file carries (see DESIGN "Conventions"): which ipb made
 * it, when, and on what machine.
 */
public final class Provenance {
    private static volatile String version;

    private Provenance() {}

    /** {@code git describe --always --dirty} of the ipb checkout, or the build version outside git. */
    public static String ipbVersion() {
        String v = version;
        if (v == null) {
            v = gitDescribe();
            if (v == null) {
                String pkg = Provenance.class.getPackage().getImplementationVersion();
                v = pkg != null ? pkg : "unknown";
            }
            version = v;
        }
        return v;
    }

    /** The standard provenance block: ipb version, UTC time, Java, OS, cores, native kernels. */
    public static RunProvenance run() {
        // Which native kernels ran: they decide the last bits of every number (decision 0008).
        Map<String, String> kernels = new LinkedHashMap<>();
        for (String v : List.of("DNNL_MAX_CPU_ISA", "MKL_CBWR", "ATEN_CPU_CAPABILITY")) {
            kernels.put(v, System.getenv(v));
        }
        return new RunProvenance(ipbVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), kernels);
    }

    /** Folder the launcher runs from ({@code -Dipb.home}), else the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("ipb.home", ".")).toAbsolutePath().normalize();
    }

    /**
     * Paths ipb writes inside its own checkout; changes there do not make the code "-dirty", so a
     * run that publishes the committed board does not change the next run's code version.
     */
    static final List<String> OWN_OUTPUTS = List.of("leaderboards/published", "leaderboards/submissions", "runs");

    private static String gitDescribe() {
        String described = git("describe", "--always");
        if (described == null) {
            return null;
        }
        List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--untracked-files=no", "--", "."));
        OWN_OUTPUTS.forEach(p -> status.add(":(exclude)" + p));
        String changes = git(status.toArray(new String[0]));
        return changes == null || changes.isEmpty() ? described : described + "-dirty";
    }

    /** Output of {@code git -C <home> args...}, stripped; null when git fails. */
    private static String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", home().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return out;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Forgets the cached version (tests that change the checkout). */
    static void resetForTests() {
        version = null;
    }
}
