package org.ipb.study.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.server.StudyServer;
import org.ipb.study.session.SessionRunner;
import org.ipb.study.session.SimulatedObserver;
import org.ipb.study.store.JudgmentStore;

/**
 * How long a station waits on the judgment database between trials ({@code ipb bench study}): wall
 * time of {@link SessionRunner#answer} (commit of one response, then the session re-read) and of
 * {@link SessionRunner#current} (the next trial), per response, on a local H2 file and through an
 * H2 TCP server ({@link StudyServer}) with 1 and with K concurrent stations (threads, one
 * connection each, answering back to back). Every stored response is counted afterwards.
 */
public final class StudyBenchmark {
    private final int trials;
    private final int stations;
    private final long seed;

    /** @throws UserError when trials or stations is below 1 */
    public StudyBenchmark(int trials, int stations, long seed) {
        if (trials < 1 || stations < 1) {
            throw new UserError("--trials and --stations must be at least 1: " + trials + ", " + stations);
        }
        this.trials = trials;
        this.stations = stations;
        this.seed = seed;
    }

    /** One station's timings in nanoseconds, one entry per response. */
    record StationTimes(long[] answerNs, long[] currentNs) {}

    /** Percentiles of one row, in ms: p50, p90, p99, max of answer and of current. */
    public record Row(String setup, int stations, int responses, double[] answerMs, double[] currentMs, double seconds) {}

    /** What the benchmark measured; reload times are medians of re-reading a finished session, in ns. */
    public record Result(int trials, List<Row> rows, long fileReloadNs, long tcpReloadNs) {}

    /** Runs the benchmark in a temporary folder, deleted afterwards. */
    public Result run() {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("ipb-bench-study");
        } catch (IOException e) {
            throw new UserError("bench study: cannot make a temporary folder: " + e.getMessage(), e);
        }
        try {
            return bench(tmp);
        } finally {
            delete(tmp);
        }
    }

    private Result bench(Path tmp) {
        CandidateSet set = syntheticSet(trials);
        List<Row> rows = new ArrayList<>();
        long[] reloadNs = new long[2];

        // File: P01 warms the JIT up, P02 is measured.
        Path fileDb = tmp.resolve("file.db");
        plan(fileDb, set, 2);
        try (JudgmentStore store = JudgmentStore.open(fileDb)) {
            station(store, "P01", 0);
            long t0 = System.nanoTime();
            StationTimes t = station(store, "P02", 1);
            rows.add(row("file", List.of(t), System.nanoTime() - t0));
            reloadNs[0] = reload(store, "P02");
            check(store, 2L * trials, fileDb.toString());
        }

        // TCP: P01 alone, then P02..P(K+1) at once, each station on its own connection.
        Path tcpDb = tmp.resolve("tcp.db");
        plan(tcpDb, set, stations + 1);
        try (StudyServer server = StudyServer.start(tcpDb, 0, false)) {
            String loc = server.location();
            try (JudgmentStore store = JudgmentStore.open(loc)) {
                long t0 = System.nanoTime();
                StationTimes t = station(store, "P01", 0);
                rows.add(row("tcp", List.of(t), System.nanoTime() - t0));
            }
            ExecutorService pool = Executors.newFixedThreadPool(stations);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<StationTimes>> fs = new ArrayList<>();
                for (int k = 0; k < stations; k++) {
                    String who = StudyDesign.participantId(k + 2, stations + 1);
                    int index = k + 1;
                    fs.add(pool.submit(() -> {
                        try (JudgmentStore store = JudgmentStore.open(loc)) {
                            go.await();
                            return station(store, who, index);
                        }
                    }));
                }
                long t0 = System.nanoTime();
                go.countDown();
                List<StationTimes> all = new ArrayList<>();
                for (Future<StationTimes> f : fs) {
                    all.add(f.get());
                }
                rows.add(row("tcp", all, System.nanoTime() - t0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("bench study interrupted");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
            try (JudgmentStore store = JudgmentStore.open(loc)) {
                reloadNs[1] = reload(store, "P01");
                check(store, (long) (stations + 1) * trials, loc);
            }
        }
        return new Result(trials, rows, reloadNs[0], reloadNs[1]);
    }

    /** {@code n} directions with one task each; fake image ids (no images are stored). */
    static CandidateSet syntheticSet(int n) {
        List<CandidateDirection> ds = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            int base = d * 20;
            List<Exemplar> max = new ArrayList<>();
            List<Exemplar> min = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                max.add(new Exemplar(String.format("bench:%07d", base + i), base + i, 10f - i * 0.1f));
                min.add(new Exemplar(String.format("bench:%07d", base + 9 + i), base + 9 + i, -10f + i * 0.1f));
            }
            Task t = new Task(0, max, min, new Exemplar(String.format("bench:%07d", base + 18), base + 18, 9f),
                    new Exemplar(String.format("bench:%07d", base + 19), base + 19, -9f));
            ds.add(new CandidateDirection(CandidateSet.directionId("bench", "layer", "pca", d), d, List.of(),
                    List.of(), List.of(t)));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "bench", "layer", "pca", "bench",
                20 * n, 4, n, new Protocol(0.1, 9, 1, 1, 36), ds, Map.of());
    }

    /** A study where each of {@code participants} answers every direction once: {@code trials} main trials each. */
    private void plan(Path db, CandidateSet set, int participants) {
        // No practice and no catch trials, so every participant has exactly --trials trials; breaks every 40.
        StudyDesign.Options o = new StudyDesign.Options("bench", participants, participants, 0, 0, 0, 1, 40, false,
                false, seed);
        try (JudgmentStore store = JudgmentStore.open(db)) {
            StudyDesign.create(store, List.of(set), o);
        }
    }

    /** Answers a participant's session back to back, as SimulatedObserver does, timing each call. */
    private StationTimes station(JudgmentStore store, String participant, int index) {
        Random rng = new Random(seed * 1_000_003L + index);
        SimulatedObserver.AdvancingClock clock =
                new SimulatedObserver.AdvancingClock(Instant.parse("2026-01-01T09:00:00Z"));
        SessionRunner runner = SessionRunner.open(store, "bench", participant, "bench", clock);
        long[] answer = new long[trials];
        long[] current = new long[trials];
        int n = 0;
        while (true) {
            long t0 = System.nanoTime();
            SessionRunner.Presentation p = runner.current();
            long t1 = System.nanoTime();
            if (p == null) {
                break;
            }
            String right = p.trial().correctSide();
            String choice = rng.nextDouble() < 0.8 ? right : right.equals("a") ? "b" : "a";
            long t2 = System.nanoTime();
            runner.answer(choice, 2, 1.0, p.onset());
            long t3 = System.nanoTime();
            current[n] = t1 - t0;
            answer[n] = t3 - t2;
            n++;
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        if (n != trials) {
            throw new IllegalStateException(participant + " answered " + n + " trials, planned " + trials);
        }
        return new StationTimes(answer, current);
    }

    /** Median time of re-reading a whole session (what every answer does after its commit), in ns. */
    private long reload(JudgmentStore store, String participant) {
        long[] ns = new long[21];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            store.sessionTrials("bench", participant, StudyDesign.SESSION);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return ns[ns.length / 2];
    }

    private static void check(JudgmentStore store, long expected, String where) {
        long n = store.countResponses();
        if (n != expected) {
            throw new IllegalStateException(where + ": " + n + " responses stored, expected " + expected);
        }
    }

    private static Row row(String setup, List<StationTimes> ts, long wallNs) {
        long[] a = ts.stream().flatMapToLong(t -> Arrays.stream(t.answerNs())).sorted().toArray();
        long[] c = ts.stream().flatMapToLong(t -> Arrays.stream(t.currentNs())).sorted().toArray();
        return new Row(setup, ts.size(), a.length, percentiles(a), percentiles(c), wallNs / 1e9);
    }

    /** p50, p90, p99 and max of sorted nanoseconds, in ms (nearest rank). */
    static double[] percentiles(long[] sorted) {
        double[] q = {0.50, 0.90, 0.99};
        double[] out = new double[4];
        for (int i = 0; i < q.length; i++) {
            int rank = (int) Math.ceil(q[i] * sorted.length);
            out[i] = sorted[Math.max(0, rank - 1)] / 1e6;
        }
        out[3] = sorted[sorted.length - 1] / 1e6;
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("ipb: warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
