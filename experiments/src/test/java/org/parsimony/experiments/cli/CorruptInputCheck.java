package org.parsimony.experiments.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the command line on a corrupted input and checks the promise made to users: it succeeds, or it exits with 1
 * and a single line {@code error: ...} naming the corrupted file, without a stack trace, and leaves every file that
 * was in the output directory as it was.
 */
final class CorruptInputCheck {
    private CorruptInputCheck() {
    }

    /**
     * What the command did with the corrupted input.
     *
     * @param refused whether it exited with an error (kept promise or not)
     * @param problem how it broke the promise, {@code null} if it kept it
     * @param err     what it printed on standard error
     */
    record Outcome(boolean refused, String problem, String err) {
    }

    /**
     * Runs {@code args} and judges the run.
     *
     * @param out       the command's output directory
     * @param fileNames names of the corrupted files; the error must mention one of them
     */
    static Outcome run(Path out, List<String> fileNames, String... args) {
        OutputSnapshot before = OutputSnapshot.of(out);
        CommandRun run;
        try {
            run = CommandRun.of(args);
        } catch (Throwable t) {
            return new Outcome(true, "threw " + t, "");
        }
        String err = run.err().strip();
        if (err.contains("\tat ") || err.contains("Exception in thread") || err.contains("OutOfMemoryError")) {
            return new Outcome(run.exitCode() != 0, "exit " + run.exitCode() + " with a stack trace: " + firstLines(err), err);
        }
        if (run.exitCode() == 0) {
            return new Outcome(false, null, err);
        }
        return new Outcome(true, refusalProblem(run, err, fileNames, before.changedIn(OutputSnapshot.of(out))), err);
    }

    private static String refusalProblem(CommandRun run, String err, List<String> fileNames, List<String> changed) {
        if (run.exitCode() != 1) {
            return "exit code " + run.exitCode() + ": " + firstLines(err);
        }
        if (!err.startsWith("error: ") || err.lines().count() != 1) {
            return "not a one-line error: " + firstLines(err);
        }
        if (fileNames.stream().noneMatch(err::contains)) {
            return "the error does not name " + fileNames + ": " + err;
        }
        return changed.isEmpty() ? null : "failed (" + err + ") but changed " + changed;
    }

    private static String firstLines(String text) {
        return text.lines().limit(4).reduce((a, b) -> a + " | " + b).orElse("(empty)");
    }
}
