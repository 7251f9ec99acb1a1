package org.ipb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.study.session.SessionRunner;
import org.ipb.study.session.SimulatedLatents;
import org.ipb.study.session.SimulatedObserver;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.StudyLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study simulate}: run simulated participants through a planned study. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Answer a planned study with simulated participants, through the same session state"
                + " machine as the study app. Observer (Wichmann & Hill 2001): P(correct) = lapse/2 + (1 - lapse)"
                + " * sigmoid(slope * x), x a per-direction latent interpretability (seeded normal, or the"
                + " standardised scores of --scores); log-normal response times. Responses have source"
                + " 'simulated'.")
final class StudySimulateCommand implements Runnable {
    @Option(names = "--db", required = true, description = "Judgment database file, or tcp://host:port/name of"
            + " a database served by ipb study serve.")
    Path db;

    @Option(names = "--study", description = "Study (default: the only study with a design).")
    String study;

    @Option(names = "--participants", description = "Simulate the first this many planned participants.")
    Integer participants;

    @Option(names = "--participant", paramLabel = "ID", description = "Simulate this planned participant"
            + " (repeatable; instead of --participants), so that several stations can share one study.")
    List<String> participantIds;

    @Option(names = "--lapse", defaultValue = "0.05", description = "Lapse rate λ (default: ${DEFAULT-VALUE}).")
    double lapse;

    @Option(names = "--slope", defaultValue = "4.0", description = "Psychometric slope (default: ${DEFAULT-VALUE}).")
    double slope;

    @Option(names = "--scores", description = "Scores CSV (as ipb score writes: direction,...,scorer,...,score);"
            + " latent = standardised score.")
    Path scores;

    @Option(names = "--scorer", description = "Rows of this scorer only (with --scores).")
    String scorer;

    @Option(names = "--latent-out", description = "Write the latent used per direction (direction,latent).")
    Path latentOut;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        StudyLocation location = StudyLocation.of(db);
        if (!location.exists()) {
            throw new UserError(db, "no such judgment database");
        }
        if ((participants == null) == (participantIds == null)) {
            throw new UserError("give either --participants N or --participant ID (repeatable)");
        }
        try (JudgmentStore store = JudgmentStore.open(location)) {
            String name = study;
            if (name == null) {
                List<String> planned = store.studies().stream().filter(s -> store.studyDesign(s) != null).toList();
                if (planned.size() != 1) {
                    throw new UserError(db, "name the study with --study; planned studies: " + planned);
                }
                name = planned.get(0);
            }
            List<String> people = store.participants(name);
            List<String> chosen = chosen(people, name);
            List<String> directions = new java.util.ArrayList<>();
            var tree = org.ipb.core.Json.MAPPER.readTree(store.studyDesign(name));
            tree.get("directions").forEach(n -> directions.add(n.asText()));
            Map<String, Double> latent = scores == null ? SimulatedLatents.drawn(directions, seed)
                    : SimulatedLatents.fromScores(scores, scorer, directions);
            if (latentOut != null) {
                StringBuilder sb = new StringBuilder("direction,latent\n");
                latent.forEach((d, x) -> sb.append(d).append(',').append(x).append('\n'));
                Files.writeString(latentOut, sb.toString());
            }
            SimulatedObserver.AdvancingClock clock =
                    new SimulatedObserver.AdvancingClock(Instant.parse("2026-01-01T09:00:00Z"));
            int total = 0;
            for (String who : chosen) {
                // Seeded by the participant's place in the study, not in this run: a station that
                // simulates P03 alone gives P03 the same answers as a run over all participants.
                int i = people.indexOf(who);
                SimulatedObserver obs = new SimulatedObserver(lapse, slope, latent, seed * 1_000_003L + i);
                SessionRunner runner = SessionRunner.open(store, name, who, "simulated", clock);
                int n = obs.run(runner, clock);
                System.out.printf("%s: %d responses%n", who, n);
                total += n;
            }
            // Not db: a Path collapses tcp:// to tcp:/.
            System.out.printf("simulated %d participants of %s: %d responses; wrote %s%n", chosen.size(), name, total,
                    location.display());
        } catch (IOException e) {
            throw new UserError("simulate: " + e.getMessage(), e);
        }
    }

    private List<String> chosen(List<String> people, String name) {
        if (participants != null) {
            if (participants < 1 || participants > people.size()) {
                throw new UserError("--participants must be 1.." + people.size() + ": " + participants);
            }
            return people.subList(0, participants);
        }
        List<String> out = new java.util.ArrayList<>();
        for (String id : participantIds) {
            if (!people.contains(id)) {
                throw new UserError(db, "study '" + name + "' has no participant '" + id + "' (it has "
                        + (people.isEmpty() ? "none" : people.get(0) + ".." + people.get(people.size() - 1)) + ")");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
