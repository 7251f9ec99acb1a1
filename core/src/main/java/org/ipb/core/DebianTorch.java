package org.ipb.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3 with torch and torchvision (python3-torch 1.13, python3-torchvision 0.14), for
 * what checks ipb against PyTorch itself (tests, benchmarks) and runs python/ipb_export.py. Tests
 * skip where it is missing ({@code assumeTrue(DebianTorch.present())}), except under CI ({@code
 * CI=true}), where {@code .ci/run} installs it and {@link #present} throws instead, as {@link
 * ReferenceData} does for the authors' data.
 */
public final class DebianTorch {
    /** Debian's interpreter: the python3 on PATH may be another one without Debian's packages. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private static Boolean available;

    private DebianTorch() {}

    /**
     * Whether torch and torchvision import; under CI a missing one is an {@link IllegalStateException}
     * (so that a test needing it fails rather than skips).
     */
    public static synchronized boolean present() {
        if (available == null) {
            available = probe();
        }
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(PYTHON + " cannot import torch and torchvision; .ci/run installs"
                    + " python3-torch and python3-torchvision");
        }
        return available;
    }

    private static boolean probe() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            return run(List.of("-c", "import torch, torchvision"), 120).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a python run printed (stdout and stderr together) and its exit status. */
    public record Result(int exit, String output) {}

    /** Runs {@link #PYTHON} with {@code args}; torch's threads are pinned to 2, as on the CI machine. */
    public static Result run(List<String> args, int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "2");
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs python; a non-zero exit is an {@link IOException} carrying what it printed. */
    public static String check(List<String> args, int timeoutSeconds) throws IOException {
        Result r = run(args, timeoutSeconds);
        if (r.exit() != 0) {
            throw new IOException("python " + args + " exited " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }

    /** python/ipb_export.py of this checkout: under the ipb home, else above the working folder (tests). */
    public static Path exportScript() {
        String home = System.getProperty("ipb.home");
        if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, "python/ipb_export.py"))) {
            return Path.of(home, "python/ipb_export.py");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("python/ipb_export.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("python/ipb_export.py not found above " + Path.of("").toAbsolutePath());
    }
}
