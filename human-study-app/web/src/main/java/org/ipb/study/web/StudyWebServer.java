package org.ipb.study.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.study.analysis.ParticipantRecords;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;

/**
 * {@code ipb study web}: one planned study served over HTTP to participants' browsers (Javalin 6 on
 * Jetty 11; decision record 0015-online-studies-web). The page ({@code static/}) only draws what the server
 * decides through {@link ParticipantSession}, and every answer is committed to H2 before the reply
 * that shows the next trial.
 *
 * <p>Routes: {@code GET /s/{token}} the page of one participant; {@code GET /p/{entry}?PROLIFIC_PID=..
 * &STUDY_ID=..&SESSION_ID=..} a recruitment-platform entry that gives the next free pseudonym (the
 * same one again for the same PID) and redirects to its page; under {@code /api/{token}/}: {@code
 * GET screen}, {@code POST proceed}, {@code POST answer}, {@code POST event}, {@code GET image?id=}
 * (only images of the participant's own trials). Nothing answers for another participant's data.
 */
public final class StudyWebServer implements AutoCloseable {
    /** Request bodies larger than this are refused (HTTP 413): an answer is about 150 bytes. */
    static final long MAX_BODY = 4096;
    /** Page events a participant's page may record. */
    static final Set<String> EVENTS = Set.of("fullscreen_enter", "fullscreen_exit", "fullscreen_denied", "page_hidden",
            "page_visible", "screen");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Pattern PLATFORM_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(20);
    /** Replies are for the page, not for people: no indentation. */
    private static final ObjectWriter JSON = Json.MAPPER.writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private final WebStudyConfig config;
    private final StudyLocation location;
    private final String study;
    private final JudgmentStore admin;
    private final LinkTokens tokens;
    private final ConcurrentHashMap<String, ParticipantSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> images = new ConcurrentHashMap<>();
    private final RateLimiter perParticipant;
    private final RateLimiter badTokens = new RateLimiter(1, 30);
    private final ScheduledExecutorService sweeper;
    private final Map<String, byte[]> assets;
    private final Javalin app;

    private StudyWebServer(WebStudyConfig config, StudyLocation location, String study, JudgmentStore admin) {
        this.config = config;
        this.location = location;
        this.study = study;
        this.admin = admin;
        this.tokens = LinkTokens.of(admin, study);
        this.perParticipant = new RateLimiter(config.answersPerSecond(), config.burst());
        this.assets = Map.of("index.html", asset("index.html"), "study.js", asset("study.js"), "study.css",
                asset("study.css"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipb-web-sweeper");
            t.setDaemon(true);
            return t;
        });
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = MAX_BODY;
            c.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
        });
        routes();
    }

    /**
     * Opens the database in this process only (no H2 port), checks the study and starts serving.
     *
     * @throws UserError for a missing database, an unknown or ambiguous study, a study without design
     *     or images, a database another process holds, or a port that cannot be bound
     */
    public static StudyWebServer start(WebStudyConfig config) {
        StudyLocation.ProcessDb location = StudyLocation.processOnly(config.db());
        if (!location.exists()) {
            throw new UserError(config.db(), "no such judgment database (make one with ipb study create)");
        }
        JudgmentStore admin = JudgmentStore.open(location);
        StudyWebServer s;
        try {
            String study = chooseStudy(admin, config);
            StudyDesign.options(admin, study); // refuses a study without a stored design
            List<String> missing = admin.missingImages(study);
            if (!missing.isEmpty()) {
                throw new UserError(config.db(), "study '" + study + "' lacks the images of " + missing.size()
                        + " stimuli (first: " + missing.get(0) + "); create it with its stimulus set");
            }
            s = new StudyWebServer(config, location, study, admin);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        try {
            s.app.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            s.close();
            throw new UserError("cannot serve on " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        s.sweeper.scheduleWithFixedDelay(s::sweep, 1, 1, TimeUnit.MINUTES);
        return s;
    }

    /** The study named in the config, or the database's only planned study. */
    static String chooseStudy(JudgmentStore store, WebStudyConfig config) {
        List<String> studies = store.studies();
        if (config.study() != null) {
            if (!studies.contains(config.study())) {
                throw new UserError(config.db(), "no study named '" + config.study() + "' (there are: "
                        + String.join(", ", studies) + ")");
            }
            return config.study();
        }
        List<String> planned = studies.stream().filter(n -> store.studyDesign(n) != null).toList();
        if (planned.size() != 1) {
            throw new UserError(config.db(), planned.isEmpty() ? "holds no planned study (make one with ipb study"
                    + " create)" : "holds " + planned.size() + " planned studies; choose one with --study ("
                    + String.join(", ", planned) + ")");
        }
        return planned.get(0);
    }

    private static byte[] asset(String name) {
        try (InputStream in = StudyWebServer.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void routes() {
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
        });
        app.get("/", ctx -> text(ctx, 404, "ipb study web: open the personal link you were given."));
        app.get("/static/{name}", ctx -> {
            String name = ctx.pathParam("name");
            byte[] b = name.equals("index.html") ? null : assets.get(name);
            if (b == null) {
                text(ctx, 404, "not found");
                return;
            }
            ctx.contentType(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
            ctx.header("Cache-Control", "private, max-age=600");
            ctx.result(b);
        });
        app.get("/s/{token}", ctx -> {
            String p = participant(ctx);
            if (p == null) {
                return;
            }
            markRecruited(p, Map.of("recruitment", "link"));
            ctx.contentType("text/html; charset=utf-8").result(assets.get("index.html"));
        });
        app.get("/p/{entry}", this::entry);
        app.get("/api/{token}/screen", ctx -> withSession(ctx, false, s -> s.screen()));
        app.post("/api/{token}/proceed", ctx -> {
            JsonNode body = body(ctx);
            if (body == null) {
                return;
            }
            JsonNode seq = body.get("seq");
            if (seq == null || !seq.isIntegralNumber()) {
                error(ctx, 400, "seq must be an integer");
                return;
            }
            withSession(ctx, true, s -> s.proceed(seq.asLong()));
        });
        app.post("/api/{token}/answer", ctx -> {
            JsonNode body = body(ctx);
            if (body == null) {
                return;
            }
            WebAnswer a;
            try {
                a = WebAnswer.parse(body);
            } catch (IllegalArgumentException e) {
                error(ctx, 400, e.getMessage());
                return;
            }
            withSession(ctx, true, s -> s.answer(a));
        });
        app.post("/api/{token}/event", this::event);
        app.get("/api/{token}/image", this::image);
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            // The page retries; the participant never sees a stack trace, the experimenter's log does.
            System.err.println("ipb study web: " + e);
            error(ctx, 500, "the server could not save or load this; the page tries again");
        });
    }

    /** The participant of the token in the path, or null after answering 404 (the same for every wrong token). */
    private String participant(Context ctx) {
        String p = tokens.participant(ctx.pathParam("token"));
        if (p == null) {
            if (!badTokens.allow(ctx.ip())) {
                error(ctx, 429, "too many requests");
            } else {
                error(ctx, 404, "unknown link");
            }
        }
        return p;
    }

    private JsonNode body(Context ctx) {
        String raw = ctx.body();
        if (raw.length() > MAX_BODY) {
            error(ctx, 413, "request too large");
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(raw);
            if (n == null || !n.isObject()) {
                error(ctx, 400, "the body must be a JSON object");
                return null;
            }
            return n;
        } catch (IOException e) {
            error(ctx, 400, "the body is not JSON");
            return null;
        }
    }

    private void withSession(Context ctx, boolean limited, Function<ParticipantSession, Map<String, Object>> work)
            throws IOException {
        String p = participant(ctx);
        if (p == null) {
            return;
        }
        if (limited && !perParticipant.allow(p)) {
            error(ctx, 429, "too many requests; slow down");
            return;
        }
        Map<String, Object> out = work.apply(session(p));
        ctx.contentType("application/json").result(JSON.writeValueAsBytes(out));
    }

    private ParticipantSession session(String participant) {
        return sessions.computeIfAbsent(participant, p -> ParticipantSession.open(location, study, p,
                config.consentText(), config.completionCode() != null ? config.completionCode()
                        : tokens.completionCode(p)));
    }

    private void event(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        JsonNode kind = body.get("kind");
        JsonNode detail = body.get("detail");
        if (kind == null || !kind.isTextual() || !EVENTS.contains(kind.asText())) {
            error(ctx, 400, "kind must be one of " + EVENTS);
            return;
        }
        if (detail != null && !detail.isNull() && (!detail.isTextual() || detail.asText().length() > 1000)) {
            error(ctx, 400, "detail must be text of at most 1000 characters");
            return;
        }
        String d = detail == null || detail.isNull() ? null : detail.asText();
        withSession(ctx, true, s -> {
            if (kind.asText().equals("screen")) {
                JsonNode ua = body.get("browser");
                String browser = ua != null && ua.isTextual() ? ua.asText() : null;
                Map<String, String> props = new java.util.LinkedHashMap<>();
                if (d != null) {
                    props.put("screen", d);
                }
                if (browser != null) {
                    props.put("browser", browser.substring(0, Math.min(300, browser.length())));
                }
                synchronized (admin) {
                    admin.setParticipantProperties(study, s.participant(), props);
                }
            } else {
                s.note(kind.asText(), d);
            }
            return Map.of("ok", true);
        });
    }

    private void image(Context ctx) {
        String p = participant(ctx);
        if (p == null) {
            return;
        }
        String id = ctx.queryParam("id");
        if (id == null || id.length() > 1000 || !session(p).shows(id)) {
            error(ctx, 404, "no such image in your trials");
            return;
        }
        byte[] png = images.computeIfAbsent(id, k -> {
            synchronized (admin) {
                return admin.image(k).png();
            }
        });
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.contentType("image/png").result(png);
    }

    /**
     * A recruitment platform's entry (Prolific's {@code PROLIFIC_PID}, {@code STUDY_ID}, {@code
     * SESSION_ID}): the PID is kept only as a SHA-256 hash, maps to the same pseudonym on every
     * visit, and takes the first pseudonym nobody was recruited to yet.
     */
    private void entry(Context ctx) {
        if (!tokens.isEntryToken(ctx.pathParam("entry"))) {
            error(ctx, badTokens.allow(ctx.ip()) ? 404 : 429, "unknown link");
            return;
        }
        String pid = ctx.queryParam("PROLIFIC_PID");
        String studyId = ctx.queryParam("STUDY_ID");
        String sessionId = ctx.queryParam("SESSION_ID");
        if (pid == null || !PLATFORM_ID.matcher(pid).matches() || studyId != null && !PLATFORM_ID.matcher(studyId)
                .matches() || sessionId != null && !PLATFORM_ID.matcher(sessionId).matches()) {
            text(ctx, 400, "This link needs PROLIFIC_PID (and may have STUDY_ID, SESSION_ID): letters and digits.");
            return;
        }
        String hash = LinkTokens.externalIdHash("prolific", pid);
        String chosen;
        synchronized (admin) {
            Map<String, Map<String, String>> props = admin.participantProperties(study);
            chosen = props.entrySet().stream().filter(e -> hash.equals(e.getValue().get(ParticipantRecords.EXTERNAL_ID)))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (chosen == null) {
                chosen = tokens.participants().stream().filter(p -> !props.containsKey(p)
                        || !props.get(p).containsKey("recruitment")).findFirst().orElse(null);
                if (chosen == null) {
                    text(ctx, 410, "This study is full. Thank you for your interest.");
                    return;
                }
                Map<String, String> m = new java.util.LinkedHashMap<>();
                m.put("recruitment", "prolific");
                m.put(ParticipantRecords.EXTERNAL_ID, hash);
                if (studyId != null) {
                    m.put("prolific_study_id", studyId);
                }
                if (sessionId != null) {
                    m.put("prolific_session_id", sessionId);
                }
                admin.setParticipantProperties(study, chosen, m);
            }
        }
        ctx.redirect("/s/" + tokens.token(chosen), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void markRecruited(String participant, Map<String, String> props) {
        synchronized (admin) {
            if (!admin.participantProperties(study).getOrDefault(participant, Map.of()).containsKey("recruitment")) {
                admin.setParticipantProperties(study, participant, props);
            }
        }
    }

    private static void error(Context ctx, int status, String message) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(Map.of("error",
                    message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
    }

    /** Closes the connections of finished or long idle sessions. */
    private void sweep() {
        for (String p : List.copyOf(sessions.keySet())) {
            sessions.computeIfPresent(p, (k, s) -> {
                if (s.finished() || s.idleNanos() > IDLE_NANOS) {
                    s.close();
                    return null;
                }
                return s;
            });
        }
    }

    /** The port served. */
    public int port() {
        return app.port();
    }

    /** The study served. */
    public String study() {
        return study;
    }

    /** The links of the served study. */
    public LinkTokens tokens() {
        return tokens;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        app.stop();
        sessions.values().forEach(ParticipantSession::close);
        sessions.clear();
        admin.close();
    }
}
