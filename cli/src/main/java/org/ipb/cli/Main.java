package org.ipb.cli;

import org.ipb.core.plugin.Suggestions;

import org.ipb.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code ipb} command. Commands only wire modules together and show progress;
 * the work is done by the modules they call.
 */
@Command(
        name = "ipb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        footer = {"", "Add --debug to any command for a stack trace on errors.",
            "Exit codes: 0 ok, 2 bad input or usage (one line naming the file and the problem), 1 internal error."},
        description = "Interpretability Psychophysics Benchmark: how interpretable are the units and"
                + " directions of vision networks, and do automated scores predict human judgments?",
        subcommands = {
            HelpCommand.class,
            RunCommand.class,
            SubmitCommand.class,
            TrainCommand.class,
            ExtractCommand.class,
            DirectionsCommand.class,
            ExemplarsCommand.class,
            VisualizeCommand.class,
            SynthesizeCommand.class,
            CandidatesCommand.class,
            ScoreCommand.class,
            MisCommand.class,
            SelectivityCommand.class,
            ModelsCommand.class,
            ValidateCommand.class,
            BenchCommand.class,
            HumanCommand.class,
            ReplicateCommand.class,
            StudyCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Taken out of the arguments before parsing (it works after any command); declared for the usage. */
    @CommandLine.Option(names = "--debug", description = "Print the stack trace of an error (works with every command).")
    boolean debugOption;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 2 user error, 1 bug). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with error messages going to {@code err}. */
    public static int run(java.io.PrintWriter err, String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError) {
                cmd.getErr().println("ipb: error: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(cmd.getErr());
                }
                return UserError.EXIT_CODE;
            }
            cmd.getErr().println("ipb: internal error: " + ex);
            if (debug) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(run with --debug for the stack trace)");
            }
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && !cmd.getSubcommands().isEmpty()) {
                String near = Suggestions.nearest(u.getUnmatched().get(0), cmd.getSubcommands().keySet());
                if (near != null) {
                    hint = "; did you mean '" + cmd.getCommandSpec().qualifiedName() + " " + near + "'?";
                }
            }
            cmd.getErr().println("ipb: error: " + ex.getMessage() + hint);
            cmd.getErr().println("(see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return UserError.EXIT_CODE;
        });
        return cl.execute(rest);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
