package org.ipb.study.web.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.StimulusImage;
import org.ipb.study.store.StudyLocation;
import org.ipb.study.web.LinkTokens;
import org.ipb.study.web.StudyWebServer;
import org.ipb.study.web.WebStudyConfig;

/**
 * Participants as threads, each with its own link, answering every trial of its session through
 * the HTTP API (the page's calls, images not fetched) against a server on 127.0.0.1: consent,
 * instructions, breaks, answers. Each participant waits {@code thinkMs} (seeded, uniform in [0.5,
 * 1.5] x thinkMs) before an answer; 0 answers as fast as the server replies. Latency is measured
 * per answer from sending the POST to reading the reply, which the server sends after the commit.
 * Afterwards the database is checked: every planned trial of the participants answered once.
 */
public final class WebLoadBenchmark {
    /** The figures. */
    public record Result(int participants, int answers, int lost, int duplicates, double p50Ms, double p90Ms,
            double p99Ms, double maxMs, double wallS, int retried) {
        /** One line for people. */
        public String describe() {
            return String.format(Locale.ROOT, "%d participants, %d answers over HTTP: lost %d, duplicate %d;"
                    + " answer latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %.1f s wall; %d requests"
                    + " retried", participants, answers, lost, duplicates, p50Ms, p90Ms, p99Ms, maxMs, wallS, retried);
        }
    }

    private WebLoadBenchmark() {}

    /**
     * {@code ipb bench web}: a temporary study of {@code participants} x {@code trials} main trials
     * (synthetic directions, one small PNG per stimulus), served on 127.0.0.1 with the default rate
     * limits raised when {@code thinkMs} is below a person's pace; deleted afterwards.
     */
    public static Result runTemporary(int participants, int trials, long thinkMs, long seed) {
        if (participants < 1 || trials < 1) {
            throw new UserError("--participants and --trials must be at least 1");
        }
        if (thinkMs < 0) {
            throw new UserError("--think-ms must not be negative: " + thinkMs);
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("ipb-bench-web");
        } catch (IOException e) {
            throw new UserError("bench web: cannot make a temporary folder: " + e.getMessage(), e);
        }
        try {
            Path db = tmp.resolve("web.db");
            List<String> who = createStudy(db, participants, trials, seed);
            boolean human = thinkMs >= 100;
            StudyWebServer server = StudyWebServer.start(new WebStudyConfig(db, null, "127.0.0.1", 0,
                    null, null, human ? 10 : 1e6, human ? 20 : 1_000_000));
            return run(server, db, who, thinkMs, seed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("bench web interrupted");
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder
            }
        }
    }

    /** A study where every participant answers {@code trials} synthetic directions once (no practice, no catch). */
    static List<String> createStudy(Path db, int participants, int trials, long seed) {
        List<CandidateDirection> ds = new ArrayList<>();
        List<StimulusImage> images = new ArrayList<>();
        byte[] png = grayPng();
        for (int d = 0; d < trials; d++) {
            int base = d * 20;
            List<Exemplar> max = new ArrayList<>();
            List<Exemplar> min = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                max.add(exemplar(base + i, 10f - i * 0.1f));
                min.add(exemplar(base + 9 + i, -10f + i * 0.1f));
            }
            ds.add(new CandidateDirection(CandidateSet.directionId(
                    "bench", "layer", "pca", d), d, List.of(), List.of(), List.of(new Task(0,
                    max, min, exemplar(base + 18, 9f), exemplar(base + 19, -9f)))));
            for (int i = 0; i < 20; i++) {
                images.add(new StimulusImage(String.format("bench:%07d", base + i),
                        8, 8, png));
            }
        }
        var set = new CandidateSet(CandidateSet.KIND,
                CandidateSet.FORMAT_VERSION, "bench", "layer", "pca", "bench", 20 * trials, 4,
                trials, new Protocol(0.1, 9, 1, 1, 36), ds, Map.of());
        var o = new StudyDesign.Options("bench-web", participants, participants, 0, 0, 0, 1, 15,
                false, false, seed);
        var plan = StudyDesign.build(List.of(set), o);
        try (var store = JudgmentStore.open(StudyLocation.processOnly(db))) {
            StudyDesign.store(store, plan, images);
        }
        return List.copyOf(plan.trials().keySet());
    }

    private static Exemplar exemplar(int row, float activation) {
        return new Exemplar(String.format("bench:%07d", row), row, activation);
    }

    private static byte[] grayPng() {
        var im = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(im, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Runs the participants against a running server and checks the database afterwards (with the
     * server closed, since it holds the file).
     */
    public static Result run(StudyWebServer server, Path db, List<String> participants, long thinkMs, long seed)
            throws InterruptedException {
        LinkTokens tokens = server.tokens();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<double[]> latencies = new ArrayList<>();
        AtomicInteger retried = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        int[] answered = new int[participants.size()];
        for (int i = 0; i < participants.size(); i++) {
            int k = i;
            String base = "http://127.0.0.1:" + server.port() + "/api/" + tokens.token(participants.get(i)) + "/";
            Random rng = new Random(seed * 1_000_003 + i);
            Thread t = new Thread(() -> {
                List<Double> mine = new ArrayList<>();
                try {
                    go.await();
                    JsonNode s = call(http, base, "screen", null, retried);
                    while (!s.get("kind").asText().equals("finished")) {
                        if (s.get("kind").asText().equals("trial")) {
                            if (thinkMs > 0) {
                                Thread.sleep((long) (thinkMs * (0.5 + rng.nextDouble())));
                            }
                            String body = "{\"trial\":" + s.get("trial").get("index").asInt() + ",\"button\":"
                                    + (1 + rng.nextInt(6)) + ",\"rt_ms\":" + (400 + rng.nextInt(1600)) + "}";
                            long t0 = System.nanoTime();
                            s = call(http, base, "answer", body, retried);
                            mine.add((System.nanoTime() - t0) / 1e6);
                            answered[k]++;
                        } else {
                            s = call(http, base, "proceed", "{\"seq\":" + s.get("seq").asLong() + "}", retried);
                        }
                    }
                } catch (Exception | AssertionError e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    synchronized (latencies) {
                        latencies.add(mine.stream().mapToDouble(Double::doubleValue).toArray());
                    }
                }
            }, "web-participant-" + participants.get(i));
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " participants failed; first: " + failures.get(0),
                    failures.get(0));
        }
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        int sent = Arrays.stream(answered).sum();
        server.close();
        int[] check = check(db, participants);
        return new Result(participants.size(), sent, check[0], check[1], pct(all, 0.50), pct(all, 0.90),
                pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1], wall, retried.get());
    }

    /** {unanswered planned trials of these participants, responses beyond one per trial}. */
    static int[] check(Path db, List<String> participants) {
        String in = String.join(",", participants.stream().map(p -> "'" + p.replace("'", "''") + "'").toList());
        try (Connection c = DriverManager.getConnection(StudyLocation.processOnly(db).jdbcUrl(), "sa", "");
                Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT COUNT(*) - COUNT(rs.id), COUNT(rs.id) - COUNT(DISTINCT rs.trial_id)"
                        + " FROM trials t JOIN sessions se ON t.session_id = se.id JOIN participants pa"
                        + " ON se.participant_id = pa.id LEFT JOIN responses rs ON rs.trial_id = t.id"
                        + " WHERE pa.pseudonym IN (" + in + ")")) {
            r.next();
            return new int[] {r.getInt(1), r.getInt(2)};
        } catch (SQLException e) {
            throw new UserError(db, "cannot check the benchmark's rows: " + e.getMessage(), e);
        }
    }

    private static JsonNode call(HttpClient http, String base, String path, String body, AtomicInteger retried)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        HttpRequest req = body == null ? b.GET().build()
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                return Json.MAPPER.readTree(res.body());
            }
            if (res.statusCode() != 429 || attempt > 100) {
                throw new IllegalStateException(path + ": HTTP " + res.statusCode() + " " + res.body());
            }
            retried.incrementAndGet();
            Thread.sleep(50);
        }
    }

    private static double pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
