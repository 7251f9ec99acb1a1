package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ipb.core.UserError;
import org.ipb.core.plugin.OptionSpec;
import org.ipb.core.plugin.Plugin;
import org.ipb.core.plugin.PluginInfo;
import org.ipb.core.plugin.Registry;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.DirectionFinder;
import org.ipb.harness.directions.DirectionFinders;
import org.ipb.harness.directions.DirectionFinding;
import org.ipb.harness.directions.DirectionRequest;
import org.ipb.harness.directions.DirectionSet;
import org.ipb.harness.directions.Numerics;
import org.ipb.scorers.Scorer;
import org.ipb.scorers.Scorers;
import org.ipb.scorers.observers.ObserverKind;
import org.ipb.scorers.observers.Observers;
import org.ipb.study.importer.Importers;
import org.ipb.study.importer.JudgmentImporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The plugin contract, over every registered name of every registry (direction finders, scorers,
 * observer kinds, importers): the plugin describes itself under its registered name, its option
 * keys are accepted and an undeclared key is refused from that declaration; direction finders
 * give the same directions with their declared defaults spelt out as with no options (so the
 * declaration is the truth), and with the K their pipeline rule gives.
 */
class PluginContractTest {
    private static <T extends Plugin> Stream<DynamicTest> describes(Registry<T> registry) {
        return registry.names().stream().map(name -> dynamicTest(registry.kind() + " " + name, () -> {
            T plugin = registry.get(name);
            PluginInfo info = plugin.describe();
            assertEquals(name, info.name());
            assertEquals(name, plugin.name());
            assertTrue(info.summary().strip().length() > 10, info.summary());
            for (OptionSpec o : info.options()) {
                assertFalse(o.description().isBlank(), name + " option " + o.key());
                assertFalse(o.defaultValue().isBlank(), name + " option " + o.key());
            }
            info.outputs().forEach(o -> assertFalse(o.description().isBlank(), name + " output " + o.key()));
            assertDoesNotThrow(() -> registry.rejectUnknownOptions(List.of(name), info.optionKeys()));
            UserError e = assertThrows(UserError.class,
                    () -> registry.rejectUnknownOptions(List.of(name), List.of("no-such-option")));
            assertTrue(e.getMessage().contains("unknown option 'no-such-option'"), e.getMessage());
            for (String key : info.optionKeys()) {
                assertTrue(e.getMessage().contains(key), e.getMessage());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPluginDescribesItself() {
        return Stream.of(describes(DirectionFinders.registry()), describes(Scorers.registry()),
                describes(Observers.registry()), describes(Importers.registry())).flatMap(s -> s);
    }

    /** A literal default (a number, a word) as opposed to a rule in words ("2 + ln K"). */
    private static boolean literal(String v) {
        return v.matches("[A-Za-z0-9.+-]+") && !v.equals("none");
    }

    @TestFactory
    Stream<DynamicTest> declaredDefaultsAreTheRealDefaults() {
        // Non-negative (for NMF), 240 x 6, with three planted sparse features plus noise.
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 240;
        int c = 6;
        float[] data = new float[n * c];
        for (int i = 0; i < n; i++) {
            int f = rnd.nextInt(3);
            for (int j = 0; j < c; j++) {
                data[i * c + j] = (float) ((j % 3 == f ? 1.0 + rnd.nextDouble() : 0) + 0.05 * rnd.nextDouble());
            }
        }
        ActivationMatrix x = ActivationMatrix.of(data, n, c);
        List<DynamicTest> tests = new ArrayList<>();
        for (DirectionFinder f : DirectionFinders.registry().all()) {
            tests.add(dynamicTest("method " + f.name(), () -> {
                Map<String, String> spelt = new LinkedHashMap<>();
                for (OptionSpec o : f.describe().options()) {
                    if (literal(o.defaultValue())) {
                        spelt.put(o.key(), o.defaultValue());
                    }
                }
                int k = f.pipelineK(3, c);
                try (Numerics nx = Numerics.open("PyTorch")) {
                    DirectionSet bare = DirectionFinding.run(f, x, new DirectionRequest(k, 5, Map.of()), nx);
                    DirectionSet explicit = DirectionFinding.run(f, x, new DirectionRequest(k, 5, spelt), nx);
                    assertEquals(f.name().equals("basis") ? c : 3, bare.k());
                    assertArrayEquals(bare.directions(), explicit.directions(), f.name() + " with " + spelt);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> scorersAndImportersTakeOnlyWhatTheyDeclare() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scorer s : Scorers.registry().all()) {
            tests.add(dynamicTest("scorer " + s.name(), () -> {
                assertFalse(s.version().isBlank());
                assertThrows(UserError.class, () -> org.ipb.scorers.ScoringRun.check(List.of(s.name()),
                        List.of("no-such-option")));
                assertDoesNotThrow(() -> org.ipb.scorers.ScoringRun.check(List.of(s.name()),
                        s.describe().optionKeys()));
            }));
        }
        for (JudgmentImporter i : Importers.registry().all()) {
            tests.add(dynamicTest("format " + i.name(), () -> {
                UserError e = assertThrows(UserError.class,
                        () -> i.importInto(null, List.of(), Map.of("no-such-option", "1")));
                assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
            }));
        }
        for (ObserverKind k : Observers.registry().all()) {
            tests.add(dynamicTest("observer " + k.name(), () -> {
                String example = k.name().equals("<model>:<layer>") ? "fmnist-cnn:conv4" : k.name();
                assertTrue(k.accepts(example), example);
                assertEquals(1, Observers.registry().all().stream().filter(o -> o.accepts(example)).count(), example);
            }));
        }
        return tests.stream();
    }
}
