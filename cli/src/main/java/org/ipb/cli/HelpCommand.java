package org.ipb.cli;

import org.ipb.core.plugin.Suggestions;

import java.util.List;
import org.ipb.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ipb help [COMMAND [SUBCOMMAND...]]}: the help of any command, however deep
 * ({@code ipb help study create}); picocli's own help command looks one level down only.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of ipb or of a command, e.g. ipb help study"
        + " create.")
final class HelpCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommands).")
    List<String> names = List.of();

    @Override
    public void run() {
        CommandLine at = spec.commandLine().getParent();
        for (String name : names) {
            CommandLine next = at.getSubcommands().get(name);
            if (next == null) {
                String near = Suggestions.nearest(name, at.getSubcommands().keySet());
                throw new UserError("unknown command '" + at.getCommandName() + " " + name + "'"
                        + (near == null ? "" : "; did you mean '" + at.getCommandName() + " " + near + "'?")
                        + " Commands: " + String.join(", ", at.getSubcommands().keySet()));
            }
            at = next;
        }
        at.usage(spec.commandLine().getOut());
    }
}
