package org.ipb.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules, checked on the compiled classes of every module (the cli sees them all): the
 * data flows one way (manifest -> activations -> candidates -> exemplars -> scores / judgments ->
 * calibration -> leaderboard), nothing below the cli reaches up into it, and JavaFX lives only in
 * the desktop room of human-study-app ({@code org.ipb.study.ui}), which the web room ({@code
 * org.ipb.study.web}) never reaches. JabRef enforces its logic/GUI
 * split the same way.
 */
class ArchitectureTest {
    private static JavaClasses ipb;

    @BeforeAll
    static void importClasses() {
        ipb = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ipb");
    }

    @Test
    void javaFxOnlyInTheDesktopRoom() {
        noClasses().that().resideOutsideOfPackage("org.ipb.study.ui..").and().resideOutsideOfPackage("org.ipb.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("only human-study-app/desktop draws windows; study logic, scoring and boards run headless")
                .check(ipb);
    }

    @Test
    void onlyTheStudyCommandsReachTheDesktopRoom() {
        noClasses().that().resideInAPackage("org.ipb.cli..").and().haveNameNotMatching(".*Study(Run|Preview)Command.*")
                .should().dependOnClassesThat().resideInAnyPackage("org.ipb.study.ui..", "javafx..")
                .because("only ipb study run and ipb study preview load JavaFX").check(ipb);
    }

    @Test
    void theWebRoomDoesNotReachTheDesktopRoom() {
        noClasses().that().resideInAPackage("org.ipb.study.web..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.study.ui..", "javafx..")
                .because("browser sessions run on the same SessionFlow as the window, never through it").check(ipb);
    }

    @Test
    void nothingReachesUpIntoTheCli() {
        noClasses().that().resideOutsideOfPackage("org.ipb.cli..").should().dependOnClassesThat()
                .resideInAPackage("org.ipb.cli..").check(ipb);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.ipb.core..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.manifest..", "org.ipb.harness..", "org.ipb.scorers..", "org.ipb.study..",
                        "org.ipb.leaderboards..")
                .check(ipb);
    }

    @Test
    void manifestsDependOnCoreOnly() {
        noClasses().that().resideInAPackage("org.ipb.manifest..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.harness..", "org.ipb.scorers..", "org.ipb.study..",
                        "org.ipb.leaderboards..")
                .check(ipb);
    }

    @Test
    void theHarnessDoesNotReachDownstream() {
        noClasses().that().resideInAPackage("org.ipb.harness..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.scorers..", "org.ipb.study..", "org.ipb.leaderboards..")
                .because("activations, candidates and exemplars come before scores, judgments and boards")
                .check(ipb);
    }

    @Test
    void scorersAndTheStudyDoNotKnowEachOtherOrTheBoard() {
        noClasses().that().resideInAPackage("org.ipb.scorers..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.study..", "org.ipb.leaderboards..").check(ipb);
        noClasses().that().resideInAPackage("org.ipb.study..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.harness..", "org.ipb.scorers..", "org.ipb.leaderboards..")
                .because("judgments are collected on candidate sets (core), not on networks or scores").check(ipb);
    }

    @Test
    void theBoardReadsJudgmentsButNotTheWindow() {
        noClasses().that().resideInAPackage("org.ipb.leaderboards..").should().dependOnClassesThat()
                .resideInAnyPackage("org.ipb.study.ui..", "javafx..").check(ipb);
    }
}
