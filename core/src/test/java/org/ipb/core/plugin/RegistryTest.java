package org.ipb.core.plugin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private record Thing(PluginInfo info) implements Plugin {
        @Override
        public PluginInfo describe() {
            return info;
        }
    }

    private static Thing thing(String name, String... keys) {
        return new Thing(new PluginInfo(name, "a thing called " + name, "", Set.of(),
                java.util.Arrays.stream(keys).map(k -> new OptionSpec(k, "1", "option " + k)).toList(), List.of()));
    }

    private final Registry<Thing> r = new Registry<Thing>("widget").register(thing("alpha", "size", "tol"))
            .register(thing("beta", "depth")).register(thing("gamma"));

    @Test
    void namesKeepRegistrationOrderAndUnknownNamesListThem() {
        assertEquals(List.of("alpha", "beta", "gamma"), r.names());
        assertEquals("unknown widget 'betta' (did you mean 'beta'?); known: alpha, beta, gamma",
                assertThrows(UserError.class, () -> r.get("betta")).getMessage());
        assertEquals("unknown widget 'zzzzzz'; known: alpha, beta, gamma",
                assertThrows(UserError.class, () -> r.get("zzzzzz")).getMessage());
        assertThrows(IllegalStateException.class, () -> r.register(thing("beta")));
    }

    @Test
    void anOptionIsValidWhenOneChosenPluginDeclaresIt() {
        assertDoesNotThrow(() -> r.rejectUnknownOptions(List.of("alpha", "beta"), List.of("size", "depth")));
        assertEquals("unknown option 'depth' for widget alpha; valid: size, tol",
                assertThrows(UserError.class, () -> r.rejectUnknownOptions(List.of("alpha"), List.of("depth")))
                        .getMessage());
        assertEquals("unknown option 'tols' for widgets alpha, gamma (did you mean 'tol'?); valid: size, tol",
                assertThrows(UserError.class, () -> r.rejectUnknownOptions(List.of("alpha", "gamma"), List.of("tols")))
                        .getMessage());
        assertEquals("unknown option 'x' for widget gamma; valid: none",
                assertThrows(UserError.class, () -> r.rejectUnknownOptions(List.of("gamma"), List.of("x"))).getMessage());
    }

    @Test
    void descriptionsRefuseDuplicateKeys() {
        assertThrows(IllegalArgumentException.class, () -> thing("d", "size", "size"));
        assertThrows(IllegalArgumentException.class, () -> new OptionSpec("Bad Key", "1", "x"));
    }
}
