package org.ipb.harness.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;

/**
 * A child process that times read-out batches on request: it prints one JSON line about itself
 * once loaded, then for each "FROM TO" line it is sent, the seconds of that batch. ipb's engine
 * ({@link ReadoutBenchmark#serve}) and PyTorch ({@code python/bench_torch.py --serve}) both speak
 * it, so that the parent can alternate them batch by batch under the same load.
 */
public final class BatchPeer implements AutoCloseable {
    private final String what;
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final Map<String, Object> header;

    public BatchPeer(String what, List<String> command) {
        this.what = what;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UserError("cannot start " + what + ": " + e.getMessage(), e);
        }
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = readLine();
        try {
            header = Json.MAPPER.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            close();
            throw new UserError(what + " printed no header: " + line);
        }
    }

    /** What the peer said about itself: versions, threads, kernel level, FLOPs per image. */
    public Map<String, Object> header() {
        return header;
    }

    /** Seconds the peer took to read out images [from, to). */
    public double time(int from, int to) {
        in.println(from + " " + to);
        String line = readLine();
        try {
            return Double.parseDouble(line.trim());
        } catch (NumberFormatException e) {
            throw new UserError(what + " answered '" + line + "' instead of seconds");
        }
    }

    private String readLine() {
        try {
            String line = out.readLine();
            if (line == null) {
                int rc = process.waitFor();
                throw new UserError(what + " ended (exit " + rc + ") before answering");
            }
            return line;
        } catch (IOException e) {
            throw new UserError(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    @Override
    public void close() {
        in.close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
