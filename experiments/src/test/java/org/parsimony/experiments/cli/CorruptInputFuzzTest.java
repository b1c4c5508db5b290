package org.parsimony.experiments.cli;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimony.variational.data.IdxFile;
import org.parsimony.variational.io.Checksums;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzzing of every file the command line reads: IDX data (plain and gzipped), training checkpoints, saved
 * models, study files and the {@code runs.csv} ledger. Each case corrupts one input of a tiny, valid fixture and runs
 * the command that reads it; {@link CorruptInputCheck} holds it to a one-line error naming the file and an untouched
 * output directory (or to success, when the change was harmless). A failure names the seed and the change.
 *
 * <p>{@code -Dfuzz.verbose=true} prints every case and its outcome; {@code -Dfuzz.scale=K} runs K times as many cases
 * (the first ones are those of a normal run).
 */
class CorruptInputFuzzTest {
    /** Base seed: case {@code i} of a file kind draws from {@code SEED + kind offset + i}. */
    static final long SEED = 0x5eed_2026L;
    static final String[] IDX_NAMES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"};
    static final String[] TRAIN = {"--widths", "8,4", "--epochs", "2", "--fine-tune", "1"};
    static final String[] STUDY = {"--datasets", "subset:300", "--archs", "mlp:8,4", "--methods", "magnitude",
            "--ratios", "0.5", "--seeds", "1", "--dense-epochs", "1", "--epochs", "1", "--fine-tune", "0"};
    static final String[] WINDOW = {"--bootstrap-window", "2"};
    static final String PLAN = "plan.json";
    static final String PLAN_JSON = "{\"datasets\": [\"subset:300\"], \"archs\": [\"mlp:8,4\"], \"methods\": [\"magnitude\"], "
            + "\"ratios\": [0.5], \"seeds\": [1], \"denseEpochs\": 1, \"epochs\": 1, \"fineTune\": 0}";

    @TempDir
    static Path dir;
    static Path plainData;
    static Path gzipData;
    static Path trained;
    static Path pruned;
    static Path compared;

    /** One prepared case: what was changed, where the command writes, which names its error may give, its arguments. */
    record Case(String label, Path out, List<String> names, String[] args) {
    }

    /** Prepares case {@code i} from its random source. */
    interface CaseMaker {
        Case make(int i, SplittableRandom random) throws IOException;
    }

    @BeforeAll
    static void fixtures() throws IOException {
        plainData = idxFixture(dir.resolve("data-plain"), false);
        gzipData = idxFixture(dir.resolve("data-gz"), true);
        trained = dir.resolve("trained");
        expectSuccess(args("train", "--data-dir", plainData.toString(), TRAIN, "--out", trained.toString()));
        // as if killed after the first of two epochs: a resume trains on (from the final checkpoint it only fine-tunes)
        Path checkpoint = trained.resolve(TrainCommand.CHECKPOINT);
        Files.write(checkpoint, CheckpointMutation.withEntry(Files.readAllBytes(checkpoint), CheckpointMutation.INDEX,
                index -> JsonFieldMutation.edit(JsonFieldMutation.edit(index, "/completedEpochs", n -> IntNode.valueOf(1)),
                        "/history", history -> JsonNodeFactory.instance.arrayNode().add(history.get(0)))));
        pruned = dir.resolve("pruned");
        expectSuccess(pruneArgs(trained.resolve("model.sdz"), pruned));
        compared = dir.resolve("compared");
        expectSuccess(args("compare", STUDY, WINDOW, "--out", compared.toString()));
        Files.writeString(compared.resolve(PLAN), PLAN_JSON);
        // the fixtures resume cleanly, a study with nothing left to run: the cases start from valid inputs
        expectSuccess(resumeArgs(copy(trained, dir.resolve("resume-control"))));
        CommandRun rerun = expectSuccess(args("compare", "--study", compared.resolve(PLAN).toString(), WINDOW, "--out",
                copy(compared, dir.resolve("compare-control")).toString()));
        assertTrue(rerun.out().contains("executed 0 runs"), rerun.out());
    }

    @Test
    void idxFilesPlainAndGzipped() throws IOException {
        fuzz("idx", 10_000, 60, (i, random) -> {
            boolean gzipped = i % 2 == 0;
            Path data = copy(gzipped ? gzipData : plainData, dir.resolve("idx-" + i));
            Path out = copy(trained, dir.resolve("idx-out-" + i));
            String suffix = gzipped ? ".gz" : "";
            int victim = random.nextInt(IDX_NAMES.length);
            Path file = data.resolve(IDX_NAMES[victim] + suffix);
            byte[] bytes = Files.readAllBytes(file);
            List<String> names = new ArrayList<>(List.of(IDX_NAMES[victim]));
            Mutation mutation = switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> Mutation.ofBytes(random, bytes.length);
                case 4, 5, 6 -> IdxHeaderMutation.of(random, victim % 2 == 0 ? 3 : 1, gzipped);
                case 7 -> gzipped ? GzipMutation.of(random) : Mutation.ofBytes(random, bytes.length);
                case 8 -> {
                    String other = IDX_NAMES[(victim + 1 + random.nextInt(3)) % 4];
                    names.add(other);
                    yield Mutation.replacedBy(other, Files.readAllBytes(data.resolve(other + suffix)));
                }
                default -> Mutation.empty();
            };
            Files.write(file, mutation.apply(bytes));
            return new Case(file.getFileName() + ": " + mutation.description(), out, names,
                    args("train", "--data-dir", data.toString(), TRAIN, "--out", out.toString()));
        });
    }

    @Test
    void trainingCheckpoints() throws IOException {
        fuzz("checkpoint", 20_000, 50, (i, random) -> {
            Path out = copy(trained, dir.resolve("ckpt-" + i));
            Path file = out.resolve(TrainCommand.CHECKPOINT);
            byte[] bytes = Files.readAllBytes(file);
            Mutation mutation = switch (random.nextInt(10)) {
                case 0, 1, 2 -> Mutation.ofBytes(random, bytes.length);
                case 3, 4, 5, 6, 7 -> CheckpointMutation.of(random, bytes);
                case 8 -> {
                    String other = List.of("model.sdz", "model.sdz.json", "results.json").get(random.nextInt(3));
                    yield Mutation.replacedBy(other, Files.readAllBytes(out.resolve(other)));
                }
                default -> Mutation.empty();
            };
            Files.write(file, mutation.apply(bytes));
            return new Case(file.getFileName() + ": " + mutation.description(), out, List.of(TrainCommand.CHECKPOINT),
                    resumeArgs(out));
        });
    }

    @Test
    void savedModels() throws IOException {
        fuzz("model", 30_000, 40, (i, random) -> {
            Path out = copy(pruned, dir.resolve("model-" + i));
            // over the pruned model that prune wrote there: the input is the trained one, damaged
            Path graph = Files.copy(trained.resolve("model.sdz"), out.resolve("model.sdz"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path description = Files.copy(trained.resolve("model.sdz.json"), out.resolve("model.sdz.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            byte[] graphBytes = Files.readAllBytes(graph);
            byte[] descriptionBytes = Files.readAllBytes(description);
            String label;
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> {
                    Mutation m = Mutation.ofBytes(random, descriptionBytes.length);
                    Files.write(description, m.apply(descriptionBytes));
                    label = "model.sdz.json: " + m.description();
                }
                case 3, 4, 5 -> {
                    Mutation m = JsonFieldMutation.of(random, descriptionBytes);
                    Files.write(description, m.apply(descriptionBytes));
                    label = "model.sdz.json: " + m.description();
                }
                case 6, 7 -> {
                    Mutation m = Mutation.ofBytes(random, graphBytes.length);
                    Files.write(graph, m.apply(graphBytes));
                    label = "model.sdz: " + m.description();
                }
                case 8 -> {
                    // a consistent pair whose graph is garbage: the checks behind the checksum must hold too
                    Mutation m = Mutation.ofBytes(random, graphBytes.length);
                    byte[] forged = m.apply(graphBytes);
                    Files.write(graph, forged);
                    byte[] json = JsonFieldMutation.edit(descriptionBytes, "/graphBytes", n -> IntNode.valueOf(forged.length));
                    Files.write(description, JsonFieldMutation.edit(json, "/graphSha256",
                            n -> TextNode.valueOf(Checksums.sha256(forged))));
                    label = "model.sdz: " + m.description() + ", size and SHA-256 in model.sdz.json updated to match";
                }
                default -> {
                    Files.write(graph, descriptionBytes);
                    Files.write(description, graphBytes);
                    label = "model.sdz and model.sdz.json swapped";
                }
            }
            return new Case(label, out, List.of("model.sdz"), pruneArgs(graph, out));
        });
    }

    @Test
    void studyFiles() throws IOException {
        fuzz("study", 40_000, 30, (i, random) -> {
            Path out = copy(compared, dir.resolve("study-" + i));
            Path file = out.resolve(PLAN);
            byte[] bytes = Files.readAllBytes(file);
            Mutation mutation = switch (random.nextInt(10)) {
                case 0, 1, 2 -> Mutation.ofBytes(random, bytes.length);
                case 3, 4, 5, 6, 7, 8 -> JsonFieldMutation.of(random, bytes);
                default -> random.nextBoolean() ? Mutation.empty()
                        : Mutation.replacedBy("runs.csv", Files.readAllBytes(out.resolve("runs.csv")));
            };
            Files.write(file, mutation.apply(bytes));
            return new Case(PLAN + ": " + mutation.description(), out, List.of(PLAN),
                    args("compare", "--study", file.toString(), WINDOW, "--out", out.toString()));
        });
    }

    @Test
    void runLedgersAndTheirStudyRecord() throws IOException {
        fuzz("runs.csv", 50_000, 30, (i, random) -> {
            Path out = copy(compared, dir.resolve("csv-" + i));
            String name = random.nextInt(4) == 0 ? CompareCommand.STUDY_JSON : "runs.csv";
            Path file = out.resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            Mutation mutation = switch (random.nextInt(10)) {
                case 0, 1, 2 -> Mutation.ofBytes(random, bytes.length);
                case 3, 4, 5, 6, 7 -> name.equals("runs.csv") ? CsvFieldMutation.of(random, bytes)
                        : JsonFieldMutation.of(random, bytes);
                case 8 -> {
                    String other = name.equals("runs.csv") ? CompareCommand.STUDY_JSON : "runs.csv";
                    yield Mutation.replacedBy(other, Files.readAllBytes(out.resolve(other)));
                }
                default -> Mutation.empty();
            };
            Files.write(file, mutation.apply(bytes));
            return new Case(name + ": " + mutation.description(), out, List.of(name),
                    args("compare", STUDY, WINDOW, "--out", out.toString()));
        });
    }

    /**
     * Runs {@code baseCases} (times {@code fuzz.scale}) cases of {@code maker}; fails listing every case that broke the
     * promise with its seed and change, or if fewer than a third were refused (then the changes miss the readers).
     */
    private static void fuzz(String kind, int offset, int baseCases, CaseMaker maker) throws IOException {
        int cases = baseCases * Integer.getInteger("fuzz.scale", 1);
        List<String> problems = new ArrayList<>();
        int refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            Case c = maker.make(i, new SplittableRandom(SEED + offset + i));
            CorruptInputCheck.Outcome outcome = CorruptInputCheck.run(c.out(), c.names(), c.args());
            refused += outcome.refused() ? 1 : 0;
            if (Boolean.getBoolean("fuzz.verbose")) {
                System.out.printf("%s %d %s -> %s%n", kind, offset + i, c.label(), outcome.err().lines().findFirst().orElse("ok"));
            }
            if (outcome.problem() != null) {
                problems.add("seed " + SEED + " + " + (offset + i) + ", " + c.label() + ": " + outcome.problem());
            }
        }
        System.out.printf("fuzz %s: %d cases, %d refused, %d broke the promise, %.1f s%n", kind, cases, refused,
                problems.size(), (System.nanoTime() - start) / 1e9);
        assertTrue(problems.isEmpty(), problems.size() + " of " + cases + " " + kind + " cases broke the promise:\n"
                + String.join("\n", problems));
        assertTrue(refused >= cases / 3, "the fuzzing reaches the readers' checks: only " + refused + " of " + cases
                + " " + kind + " cases were refused");
    }

    private static String[] resumeArgs(Path out) {
        return args("train", "--data-dir", plainData.toString(), TRAIN, "--resume", "--out", out.toString());
    }

    private static String[] pruneArgs(Path model, Path out) {
        return args("prune", "--model", model.toString(), "--data-dir", plainData.toString(), "--criterion", "magnitude",
                "--ratio", "0.5", "--fine-tune", "0", WINDOW, "--out", out.toString());
    }

    /** Four IDX files, 300 training and 50 test images of 28 x 28, each class a bright band of rows. */
    private static Path idxFixture(Path folder, boolean gzipped) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        Files.createDirectories(folder);
        int[] counts = {300, 50};
        for (int part = 0; part < 2; part++) {
            int n = counts[part];
            byte[] labels = new byte[n];
            byte[] pixels = new byte[n * 28 * 28];
            for (int k = 0; k < n; k++) {
                labels[k] = (byte) (k % 10);
                for (int p = 0; p < 28 * 28; p++) {
                    pixels[k * 784 + p] = (byte) (p / 78 == k % 10 ? 200 + random.nextInt(56) : random.nextInt(40));
                }
            }
            write(folder.resolve(IDX_NAMES[2 * part]), new IdxFile(new int[] {n, 28, 28}, pixels), gzipped);
            write(folder.resolve(IDX_NAMES[2 * part + 1]), new IdxFile(new int[] {n}, labels), gzipped);
        }
        return folder;
    }

    private static void write(Path file, IdxFile idx, boolean gzipped) throws IOException {
        byte[] gz = idx.toGzipBytes();
        if (gzipped) {
            Files.write(file.resolveSibling(file.getFileName() + ".gz"), gz);
        } else {
            Files.write(file, IdxHeaderMutation.gunzip(gz));
        }
    }

    private static CommandRun expectSuccess(String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(0, run.exitCode(), "fixture " + String.join(" ", args) + ": " + run.err());
        return run;
    }

    private static String[] args(String command, Object... parts) {
        List<String> all = new ArrayList<>(List.of(command));
        for (Object p : parts) {
            if (p instanceof String[] many) {
                all.addAll(List.of(many));
            } else {
                all.add((String) p);
            }
        }
        return all.toArray(new String[0]);
    }

    /** A copy of the files of {@code from} (one level) in the new directory {@code to}. */
    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
