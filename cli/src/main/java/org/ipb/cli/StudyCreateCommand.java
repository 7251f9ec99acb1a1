package org.ipb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.design.StudyImages;
import org.ipb.study.store.JudgmentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipb study create}: plan a counterbalanced 2-AFC study from candidate sets. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Plan a 2-AFC study (Borowski et al. 2021 paradigm) from candidate sets and store every"
                + " participant's trial list in the judgment database: counterbalanced assignment (each direction"
                + " answered by --trials-per-direction different participants), catch trials, practice trials,"
                + " blocks, query side balanced.")
final class StudyCreateCommand implements Runnable {
    @Option(names = "--candidates", required = true, arity = "1..*",
            description = "Candidate-set files or folders holding candidates.json.")
    List<Path> candidates;

    @Option(names = "--name", required = true, description = "Study name (unique in the database).")
    String name;

    @Option(names = "--db", required = true, description = "Judgment database file (created if needed).")
    Path db;

    @Option(names = "--participants", defaultValue = "8", description = "Participants planned (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--trials-per-direction", defaultValue = "5",
            description = "Answers per direction, each from a different participant (default: ${DEFAULT-VALUE}).")
    int trialsPerDirection;

    @Option(names = "--directions-per-set", defaultValue = "0",
            description = "Seeded sample of this many directions per set; 0: all (default: ${DEFAULT-VALUE}).")
    int directionsPerSet;

    @Option(names = "--catch-per-40", defaultValue = "5",
            description = "Catch trials per 40 main trials (default: ${DEFAULT-VALUE}).")
    int catchPer40;

    @Option(names = "--practice", defaultValue = "3", description = "Practice trials (default: ${DEFAULT-VALUE}).")
    int practice;

    @Option(names = "--practice-attempts", defaultValue = "3",
            description = "A practice trial is repeated until correct, at most this often (default: ${DEFAULT-VALUE}).")
    int practiceAttempts;

    @Option(names = "--block", defaultValue = "40", description = "Trials per block; breaks between blocks"
            + " (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--feedback", description = "Show correct/wrong after every main trial.")
    boolean feedback;

    @Option(names = "--stimuli", description = "Stimulus-set manifest (file or shipped name) holding the"
            + " candidates' images; default: the one in each candidate set's provenance.")
    String stimuli;

    @Option(names = "--no-images", description = "Store no images (for simulation only: the study app refuses a"
            + " study without its images).")
    boolean noImages;

    @Option(names = "--allow-repeats", description = "Allow a participant to see a direction more than once.")
    boolean allowRepeats;

    @Override
    public void run() {
        StudyDesign.Options o = new StudyDesign.Options(name, participants, trialsPerDirection, directionsPerSet,
                catchPer40, practice, practiceAttempts, block, feedback, allowRepeats, seed);
        List<CandidateSet> sets = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path c : candidates) {
            Path f = Files.isDirectory(c) ? c.resolve("candidates.json") : c;
            files.add(f);
            sets.add(CandidateSets.read(f));
        }
        StudyDesign.Plan plan = StudyDesign.build(sets, o);
        List<JudgmentStore.StimulusImage> images = noImages ? List.of()
                : StudyImages.collect(files, sets, plan, stimuli == null ? null : ManifestCatalog.stimulusSet(stimuli));
        try (JudgmentStore store = JudgmentStore.open(db)) {
            StudyDesign.store(store, plan, images);
        }
        int total = plan.trials().values().stream().mapToInt(List::size).sum();
        System.out.printf("created study %s: %d directions, %d participants, %d planned trials (%d practice"
                + " directions), %d images; wrote %s%n", name, plan.directions().size(), plan.trials().size(), total,
                plan.practiceDirections().size(), images.size(), db);
    }
}
