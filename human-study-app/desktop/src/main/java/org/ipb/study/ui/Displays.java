package org.ipb.study.ui;

import java.util.Locale;
import org.ipb.core.UserError;

/**
 * Fails at once, in one line, when there is no display to open a window on; without this check
 * JavaFX on Linux waits for a display that never comes and the command hangs.
 */
public final class Displays {
    private Displays() {}

    /** Throws when {@code command} would need a display and none is set. */
    public static void require(String command) {
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return; // headless Monocle draws into memory
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return;
        }
        if (blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"))) {
            throw new UserError(command + " needs a display and none is set (DISPLAY is empty); on a machine"
                    + " without a screen run it under xvfb-run -a");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
