package org.parsimony.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code parsimony} command line; each job is a subcommand. */
@Command(name = "parsimony", mixinStandardHelpOptions = true, version = "parsimony 0.1.0",
        description = "Train sparse neural networks from scratch with variational Bernoulli unit gates.",
        subcommands = {TrainCommand.class, PruneCommand.class, PruneStudyCommand.class, CompareCommand.class, BenchCommand.class,
                ReproduceCommand.class})
public final class ParsimonyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (1 with a one-line message on bad input). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new ParsimonyCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof org.parsimony.variational.data.DataFileException
                    || e instanceof org.parsimony.variational.training.TrainingDivergedException
                    || e instanceof java.io.UncheckedIOException || e instanceof OutputDirectoryInUseException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
