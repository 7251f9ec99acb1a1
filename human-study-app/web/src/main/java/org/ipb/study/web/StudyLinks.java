package org.ipb.study.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.UserError;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;

/**
 * The links of a study for {@code ipb study links}: one personal link per planned participant, its
 * completion code, and the study's recruitment-platform entry link (Prolific's {@code
 * PROLIFIC_PID}, {@code STUDY_ID}, {@code SESSION_ID} appended by the platform).
 */
public final class StudyLinks {
    /** One participant's link and completion code. */
    public record Link(String participant, String url, String completionCode) {}

    /** All links of a study. */
    public record Links(String study, List<Link> participants, String entryUrl) {}

    private StudyLinks() {}

    /** Reads (making the study's key on first use) every link under {@code baseUrl}. */
    public static Links of(Path db, String study, String baseUrl) {
        String base = checkBase(baseUrl);
        StudyLocation.ProcessDb location = StudyLocation.processOnly(db);
        if (!location.exists()) {
            throw new UserError(db, "no such judgment database (make one with ipb study create)");
        }
        try (JudgmentStore store = JudgmentStore.open(location)) {
            String name = StudyWebServer.chooseStudy(store, new WebStudyConfig(db, study, "127.0.0.1", 0, null, null,
                    1, 1));
            LinkTokens tokens = LinkTokens.of(store, name);
            List<Link> out = new ArrayList<>();
            for (String p : tokens.participants()) {
                out.add(new Link(p, base + "/s/" + tokens.token(p), tokens.completionCode(p)));
            }
            return new Links(name, out, base + "/p/" + tokens.entryToken()
                    + "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}");
        }
    }

    /** The base URL participants reach the server under, without a trailing slash. */
    static String checkBase(String baseUrl) {
        if (baseUrl == null || !baseUrl.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[A-Za-z0-9._~\\-/]*)?")) {
            throw new UserError("--base-url must be an http(s) URL such as https://study.example.org: " + baseUrl);
        }
        return baseUrl.replaceAll("/+$", "");
    }
}
