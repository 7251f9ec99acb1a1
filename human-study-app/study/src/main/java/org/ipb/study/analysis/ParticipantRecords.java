package org.ipb.study.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.JudgmentStore;

/**
 * What is known about each participant beyond their trials, read from the store: their stored
 * properties (schema V5; how they were recruited, their screen and browser) and the times the
 * exclusion criteria use (see {@link Exclusions.ParticipantFacts}). Keys are {@code study + "\0" +
 * participant}, as in {@link Exclusions}.
 *
 * @param properties stored properties per participant (empty maps for participants without any)
 * @param facts instruction and total times and the person key per participant
 */
public record ParticipantRecords(Map<String, Map<String, String>> properties,
        Map<String, Exclusions.ParticipantFacts> facts) {
    /** The property holding the hash of a participant's external id (e.g. a Prolific PID). */
    public static final String EXTERNAL_ID = "external_id_sha256";

    /** None known (judgments without a store). */
    public static final ParticipantRecords NONE = new ParticipantRecords(Map.of(), Map.of());

    /** The records of every participant that has judgments, from the store holding them. */
    public static ParticipantRecords read(JudgmentStore store, List<Judgment> judgments) {
        TreeSet<String> studies = new TreeSet<>();
        Map<String, Instant[]> firstOnsetLastAnswer = new HashMap<>(); // per participant/session
        for (Judgment j : judgments) {
            studies.add(j.study());
            if (j.onset() == null) {
                continue;
            }
            Instant answered = j.rtS() == null || j.rtS().isNaN() ? j.onset()
                    : j.onset().plusNanos((long) (j.rtS() * 1e9));
            firstOnsetLastAnswer.merge(Exclusions.participantKey(j) + "\u0000" + j.session(),
                    new Instant[] {j.onset(), answered}, (a, b) -> new Instant[] {
                        a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        Map<String, Map<String, String>> props = new HashMap<>();
        Map<String, Exclusions.ParticipantFacts> facts = new HashMap<>();
        for (String study : studies) {
            Map<String, Map<String, String>> stored = store.hasStudy(study) ? store.participantProperties(study)
                    : Map.of();
            stored.forEach((p, m) -> props.put(study + "\u0000" + p, m));
            Map<String, JudgmentStore.SessionTimes> times = store.sessionTimes(study);
            // The first session of each participant (session keys sort as they were made).
            Map<String, String> firstSession = new LinkedHashMap<>();
            for (String key : new TreeSet<>(times.keySet())) {
                firstSession.putIfAbsent(key.substring(0, key.indexOf('\u0000')), key);
            }
            for (var e : firstSession.entrySet()) {
                String pk = study + "\u0000" + e.getKey();
                JudgmentStore.SessionTimes t = times.get(e.getValue());
                Instant[] seen = firstOnsetLastAnswer.get(study + "\u0000" + e.getValue());
                Double instr = seen == null ? null : seconds(t.start(), seen[0]);
                Instant end = t.end() != null ? t.end() : seen == null ? null : seen[1];
                Double total = end == null ? null : seconds(t.start(), end);
                Map<String, String> mine = props.getOrDefault(pk, Map.of());
                facts.put(pk, new Exclusions.ParticipantFacts(instr, total, mine.get(EXTERNAL_ID)));
            }
            for (String p : stored.keySet()) {
                String pk = study + "\u0000" + p;
                facts.putIfAbsent(pk, new Exclusions.ParticipantFacts(null, null, stored.get(p).get(EXTERNAL_ID)));
            }
        }
        return new ParticipantRecords(props, facts);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** A participant's stored properties (empty when none). */
    public Map<String, String> propertiesOf(Judgment j) {
        return properties.getOrDefault(Exclusions.participantKey(j), Map.of());
    }

    /** A participant's facts, or null. */
    public Exclusions.ParticipantFacts factsOf(Judgment j) {
        return facts.get(Exclusions.participantKey(j));
    }
}
