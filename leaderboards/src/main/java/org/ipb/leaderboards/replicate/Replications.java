package org.ipb.leaderboards.replicate;

import java.util.List;
import org.ipb.core.UserError;

/** The replications {@code ipb replicate} knows, by name. */
public final class Replications {
    public static final String BOROWSKI2021 = "borowski2021";
    public static final List<String> KNOWN = List.of(BOROWSKI2021);

    private Replications() {}

    /**
     * {@code name} when it is known.
     *
     * @throws UserError naming the argument and the known names otherwise
     */
    public static String check(String name) {
        if (name == null || !KNOWN.contains(name)) {
            throw new UserError("replication name (first argument of ipb replicate): unknown replication '" + name
                    + "'; known: " + String.join(", ", KNOWN));
        }
        return name;
    }
}
