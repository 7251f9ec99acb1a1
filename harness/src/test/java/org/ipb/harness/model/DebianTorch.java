package org.ipb.harness.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's python3 with torch and torchvision (python3-torch 1.13, python3-torchvision 0.14), for
 * the tests that check ipb against PyTorch itself. Where it is missing those tests skip, except
 * under CI ({@code CI=true}), where {@code .ci/run} installs it and a missing one is a failure.
 */
public final class DebianTorch {
    /** Debian's interpreter: the python3 on PATH may be another one without Debian's packages. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private static Boolean available;

    private DebianTorch() {}

    /** Skips the calling test (fails it under CI) when torch and torchvision cannot be imported. */
    public static void assume() {
        if (available == null) {
            available = probe();
        }
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(PYTHON + " cannot import torch and torchvision; .ci/run installs python3-torch and"
                    + " python3-torchvision");
        }
        Assumptions.assumeTrue(available, PYTHON + " with torch and torchvision is not installed");
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

    /** Runs python and fails the test with its output when it exits non-zero. */
    public static String check(List<String> args, int timeoutSeconds) throws IOException {
        Result r = run(args, timeoutSeconds);
        if (r.exit() != 0) {
            Assertions.fail("python " + args + " exited " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }

    /** python/ipb_export.py of this checkout (tests run in the module folder). */
    public static Path exportScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("python/ipb_export.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("python/ipb_export.py not found above " + Path.of("").toAbsolutePath());
    }
}
