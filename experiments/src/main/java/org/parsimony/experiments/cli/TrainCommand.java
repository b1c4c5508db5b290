package org.parsimony.experiments.cli;

import org.parsimony.variational.data.InputScaling;
import org.parsimony.variational.data.TrainTestSplit;
import org.parsimony.variational.io.AtomicFileWriter;
import org.parsimony.experiments.bench.MemoryUsage;
import org.parsimony.experiments.results.TrainingSummary;
import org.parsimony.variational.data.ImageAugmentation;
import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ConvNetComplexity;
import org.parsimony.variational.network.DeterministicNetwork;
import org.parsimony.variational.network.InputStandardization;
import org.parsimony.variational.network.NetworkComplexity;
import org.parsimony.variational.network.VariationalNetwork;
import org.parsimony.variational.training.EpochReport;
import org.parsimony.variational.training.PriorSettings;
import org.parsimony.priors.InclusionHyperPrior;
import org.parsimony.priors.InverseGammaSlabHyperPrior;
import org.parsimony.dl4j.Dl4jMlpTemplate;
import org.parsimony.dl4j.Dl4jModelFile;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.pruning.io.ModelFiles;
import org.parsimony.variational.graph.GateEstimator;
import org.parsimony.variational.optim.GateUpdate;
import org.parsimony.variational.training.TrainerConfig;
import org.parsimony.variational.training.TrainingResult;
import org.parsimony.variational.training.VariationalTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code parsimony train}: trains a variational network (an MLP, LeNet-5 or a small VGG) with Bernoulli gates on its
 * units and filters from scratch, removing them while it trains, then prints and writes ({@code DIR/results.json})
 * the final accuracy, units (filters) kept per gated layer and parameter / FLOP counts against the dense start, and
 * saves the final network as {@code DIR/model.sdz} (+ {@code .json}, see {@link ModelFiles}), before results.json
 * ({@link ResultsMarker}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = TrainerDefaults.class,
        description = "Train a variational network that prunes its own hidden units and filters while training.")
public final class TrainCommand implements Callable<Integer> {
    /** File name of the checkpoint inside the output directory. */
    static final String CHECKPOINT = "checkpoint.ckpt";

    @Mixin
    DatasetOption data = new DatasetOption();

    @Option(names = "--arch", defaultValue = "mlp",
            description = "architecture: mlp (of --widths), lenet5, vgg, vgg16, resnet20 or resnet56 (square images, any number of channels; vgg16 is the batch-normalised CIFAR variant, resnet20/56 the CIFAR ResNets) (default ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--width", defaultValue = "1", description = "multiply the reference widths of --arch by this, e.g. 0.25 for vgg16 at a quarter of its filters (default ${DEFAULT-VALUE}; --widths overrides it)")
    double width;

    @Option(names = "--from", description = "a DL4J MultiLayerNetwork zip (dense ReLU layers, softmax output): train its architecture variationally and also write the decided network as DIR/model.zip")
    Path from;

    @Option(names = "--widths", split = ",", description = "widths of the gated layers: hidden units of --arch mlp (default "
            + "300,100); filters and units of lenet5 / vgg (default their reference widths, e.g. 20,50,500)")
    int[] widths;

    @Option(names = "--epochs", description = "epochs of structure learning (ELBO, gates, unit removal) before fine-tuning (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--fine-tune", description = "epochs that train the decided deterministic network afterwards (default: ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of initialisation, data order and all noise (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pi-min", description = "remove a unit whose gate probability stays below this (default ${DEFAULT-VALUE})")
    double piMin;

    @Option(names = "--lr", description = "Adam learning rate of the weights (default ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--variance-lr", description = "Adam learning rate of the weights' log-variances (default: ${DEFAULT-VALUE})")
    double varianceLearningRate;

    @Option(names = "--gate-lr", description = "step size of the gate probabilities under --gate-update at batches of 128; the Adam rules scale it by sqrt(batch size / 128) (default: ${DEFAULT-VALUE})")
    double gateLearningRate;

    @Option(names = "--gate-update", description = "rule of the gate step: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    GateUpdate gateUpdate;

    @Option(names = "--patience", description = "epochs a gate must stay below --pi-min before its unit is removed (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--batch-size", description = "minibatch size (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--warmup", description = "epochs of linear KL warm-up (default: ${DEFAULT-VALUE})")
    int warmupEpochs;

    @Option(names = "--kl-weight", description = "weight lambda of the KL in NLL + lambda KL / N: below 1 a tempered "
            + "(cold) posterior, 1 the ELBO itself, which prunes more units than the data support (default: ${DEFAULT-VALUE})")
    double klWeight;

    @Option(names = "--gate-estimator", description = "gate gradient estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    GateEstimator gateEstimator;

    @Option(names = "--initial-sigma", description = "initial posterior standard deviation of the weights (default: ${DEFAULT-VALUE})")
    double initialSigma;

    @Option(names = "--initial-sigma-ratio", description = "initial posterior standard deviation as a fraction of the He-scale slab sqrt(2/n_in), used unless --initial-sigma is given (default: ${DEFAULT-VALUE})")
    double initialSigmaRatio;

    @Option(names = "--init-scale", description = "factor on the He standard deviation of the initial weight means (default: ${DEFAULT-VALUE})")
    double initialMeanScale;

    @Option(names = "--decision-horizon", description = "before the final gate cut, move each gate by this many epochs "
            + "of its last structure epoch's movement; 0 cuts at the gates' positions (default: ${DEFAULT-VALUE})")
    double decisionHorizon;

    @Option(names = "--rescale-units", negatable = true, description = "after every structure epoch, rescale each hidden "
            + "ReLU unit (incoming weights x c, outgoing x 1/c) by the factor that minimises the KL: the same function, a "
            + "smaller KL (default: ${DEFAULT-VALUE})")
    boolean rescaleUnits;

    @Option(names = "--spike-ratio", description = "spike-to-slab prior variance ratio s0^2/s1^2, 0 for a point mass (default: ${DEFAULT-VALUE})")
    double spikeRatio;

    @Option(names = "--flattened-gate-prior", negatable = true, description = "drop the gate posterior's entropy from the gate term (default: ${DEFAULT-VALUE})")
    Boolean flattenedGatePrior;

    @Option(names = "--inclusion-prior", converter = InclusionHyperPriorConverter.class,
            description = "hyper-prior on each layer's inclusion probability lambda: " + InclusionHyperPriorConverter.FORMS
                    + " (default: ${DEFAULT-VALUE})")
    InclusionHyperPrior inclusionPrior;

    @Option(names = "--slab-update", description = "re-estimate the slab variance s1^2 after each epoch (inverse-gamma MAP) instead of keeping 2/n_in")
    boolean slabUpdate;

    @Option(names = "--inputs", description = "standardized (by the training set's pixel mean and std, folded into the saved "
            + "model's first layer) or raw pixels in [0, 1] (default standardized; raw for vgg and vgg16, whose zero-padded first "
            + "convolution a standardisation cannot be folded into, and for colour data sets such as cifar10, standardised per channel when read)")
    InputScaling inputs;

    @Option(names = "--augment", description = "augment every training minibatch: random crop of the image zero-padded by 4 pixels, and a horizontal flip with probability 1/2 (the CIFAR recipe), drawn from --seed")
    boolean augment;

    @Option(names = "--checkpoint-every", defaultValue = "1", description = "write DIR/" + CHECKPOINT + " every N epochs (default ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue the run whose checkpoint is in --out (give the same options as the first run)")
    boolean resume;

    @Option(names = "--out", defaultValue = "runs/train", description = "output directory for results.json and model.sdz (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        try (OutputDirectoryLock lock = OutputDirectoryLock.exclusive(out)) {
            return train();
        }
    }

    /** Trains and writes into {@code out}, which this process holds. */
    private int train() {
        PrintStream console = System.out;
        TrainerConfig config = TrainerConfig.builder().epochs(epochs).seed(seed).piMin(piMin).learningRate(learningRate)
                .batchSize(batchSize)
                .gateLearningRate(gateLearningRate)
                .fineTuneEpochs(fineTuneEpochs)
                .varianceLearningRate(varianceLearningRate)
                .warmupEpochs(warmupEpochs)
                .klWeight(klWeight)
                .gateEstimator(gateEstimator)
                .gateUpdate(gateUpdate)
                .patience(patience)
                .initialSigma(initialSigma)
                .initialSigmaRatio(initialSigmaRatio)
                .initialMeanScale(initialMeanScale)
                .decisionHorizon(decisionHorizon)
                .rescaleUnits(rescaleUnits)
                .build();
        if (!(width > 0) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("--width must be a positive multiplier, got " + width);
        }
        if (widths != null && widths.length == 0) {
            throw new IllegalArgumentException("--widths lists nothing; give at least one value, e.g. --widths 300,100");
        }
        for (int w : widths == null ? new int[0] : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("--widths must be positive, got " + Arrays.toString(widths));
            }
        }
        TrainTestSplit rawSplit = data.load();
        Dl4jMlpTemplate template = from == null ? null : dl4jTemplate(from, rawSplit);
        Architecture architecture = architecture(arch, rawSplit, template == null ? widths : template.hiddenWidths());
        if (width != 1 && widths == null && template == null) {
            architecture = architecture.scaled(width);
        }
        // colour data sets (CIFAR-10) arrive standardised per channel: a second, global standardisation would only copy them
        InputScaling scaling = inputs != null ? inputs
                : InputStandardization.foldable(architecture) && rawSplit.image().channels() == 1
                ? InputScaling.standardized : InputScaling.raw;
        if (scaling == InputScaling.standardized && !InputStandardization.foldable(architecture)) {
            throw new IllegalArgumentException("--inputs standardized cannot be folded into " + architecture.name()
                    + "'s zero-padded first convolution; use --inputs raw");
        }
        InputStandardization standardization = scaling.standardization(rawSplit);
        TrainTestSplit split = standardization == null ? rawSplit : rawSplit.standardized(standardization);
        LabeledData rawTest = rawSplit.test();
        String rawSource = rawSplit.source();
        rawSplit = null; // the raw training set (188 MB on Fashion-MNIST) is not needed once standardised
        console.printf("data: %s (%d train, %d test)%n", split.source(), split.train().size(), split.test().size());
        console.printf("objective: NLL + %s KL / N (%s)%n", config.klWeight(),
                config.klWeight() == 1 ? "the ELBO" : "a tempered posterior; --kl-weight 1 is the ELBO");
        PriorSettings priors = PriorSettings.defaults().withSpikeRatio(spikeRatio);
        if (flattenedGatePrior != null) {
            priors = priors.withFlattenedGatePrior(flattenedGatePrior);
        }
        if (inclusionPrior != null) {
            priors = priors.withInclusionHyperPrior(inclusionPrior);
        }
        if (slabUpdate) {
            priors = priors.withSlabHyperPrior(new InverseGammaSlabHyperPrior(1, 1e-4));
        }
        VariationalTrainer trainer = new VariationalTrainer(config, priors);
        ImageAugmentation augmentation = augment ? augmentation(split) : null;
        if (augmentation != null) {
            trainer = trainer.withAugmentation(augmentation);
            console.printf("augmentation: %s%n", augmentation);
        }
        // the data's source and scaling are part of the checkpoint's settings: a resume on other inputs is refused
        VariationalTrainer.Checkpointing checkpoints = new VariationalTrainer.Checkpointing(out.resolve(CHECKPOINT), checkpointEvery,
                split.source());
        TrainingResult result;
        if (resume) {
            if (!java.nio.file.Files.exists(checkpoints.file())) {
                throw new IllegalArgumentException("--resume: no checkpoint " + checkpoints.file() + " to resume from");
            }
            console.printf("resuming from %s%n", checkpoints.file());
            // a run killed while writing its results leaves the temporary files of those writes
            for (String name : new String[] {"results.json", "model.sdz", "model.sdz.json"}) {
                AtomicFileWriter.removeLeftovers(out.resolve(name));
            }
            result = trainer.resume(architecture, split.train(), split.test(), new EpochProgressPrinter(console), checkpoints)
                    .result();
        } else {
            VariationalNetwork network = trainer.initialize(architecture);
            console.printf("network: %s %s, seed %d, %d epochs%n", architecture.name(), Arrays.toString(network.widths()),
                    seed, config.epochs());
            result = trainer.train(network, split.train(), split.test(), new EpochProgressPrinter(console), checkpoints);
        }

        int[] finalWidths = result.network().widths();
        NetworkComplexity start = result.architecture().complexity();
        NetworkComplexity end = result.network().complexity();
        // the delivered network reads raw pixels: the standardisation is folded into its first layer
        DeterministicNetwork delivered = split.readingRawInputs(result.network());
        double accuracy = delivered.accuracy(rawTest);
        double seconds = result.history().stream().mapToDouble(EpochReport::seconds).sum();
        MemoryUsage memory = MemoryUsage.now();
        TrainingSummary summary = new TrainingSummary(accuracy,
                Arrays.copyOfRange(result.initialWidths(), 1, result.initialWidths().length - 1),
                Arrays.copyOfRange(finalWidths, 1, finalWidths.length - 1),
                start.parameters(), end.parameters(), start.multiplyAdds(), end.multiplyAdds(), true, seed,
                split.source(), describe(config, priors, result.architecture(), augmentation), result.finalInclusion(),
                result.finalSlabVariance(), seconds, result.history(), result.architecture().name(),
                memory.peakHeapBytes(), memory.peakResidentBytes(), standardization, result.warnings());
        printTable(console, summary, result.architecture());
        printLayers(console, result.architecture(), result.network().architecture());
        Path file = out.resolve("results.json");
        Path modelFile = out.resolve("model.sdz");
        // the model first, results.json last: results.json marks a directory whose model is complete and its own
        Map<String, Object> provenance = Map.of("seed", seed, "dataSource", rawSource, "inputs", scaling.name()
                        + (standardization == null ? "" : ", folded into the first layer: the model reads raw pixels"),
                "config", describe(config, priors, result.architecture(), augmentation), "testAccuracy", accuracy);
        ResultsMarker.write(file, Json.pretty(summary), () -> {
            ModelFiles.save(delivered, modelFile, provenance);
            if (template != null) {
                Dl4jModelFile.save(template.withWeights((DeterministicMlp) delivered), out.resolve("model.zip"));
            }
        });
        console.println("wrote " + file.toAbsolutePath() + " and " + modelFile.toAbsolutePath()
                + (template == null ? "" : " and the DL4J network model.zip"));
        return 0;
    }

    /**
     * The DL4J MLP in {@code file} as the architecture to train: its hidden widths replace {@code --widths}.
     *
     * @throws IllegalArgumentException if --widths or --arch is given too, or the network is not a dense ReLU MLP for the data
     */
    private Dl4jMlpTemplate dl4jTemplate(Path file, TrainTestSplit data) {
        if (widths != null || !arch.equals("mlp") || width != 1) {
            throw new IllegalArgumentException("--from takes the architecture from " + file + "; drop --widths, --width and --arch");
        }
        Dl4jMlpTemplate template;
        try {
            template = Dl4jMlpTemplate.of(Dl4jModelFile.load(file));
        } catch (org.parsimony.pruning.io.ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        int[] w = template.widths();
        if (w[0] != data.train().featureCount() || w[w.length - 1] != data.train().classCount()) {
            throw new IllegalArgumentException(file + ": the DL4J MLP maps " + w[0] + " inputs to " + w[w.length - 1]
                    + " classes, the data have " + data.train().featureCount() + " features and " + data.train().classCount() + " classes");
        }
        return template;
    }

    /**
     * The network of {@code --arch} for the data: an MLP of {@code widths} (default 300,100), or a conv net on square
     * images, its gated layers resized to {@code widths} when given.
     */
    static Architecture architecture(String name, TrainTestSplit data, int[] widths) {
        LabeledData train = data.train();
        if (name.equals("mlp")) {
            return Architecture.mlp(train.featureCount(), widths == null ? new int[] {300, 100} : widths, train.classCount());
        }
        if (!java.util.Set.of("lenet5", "vgg", "vgg16", "resnet20", "resnet56").contains(name)) {
            throw new IllegalArgumentException("--arch must be mlp, lenet5, vgg, vgg16, resnet20 or resnet56, got " + name);
        }
        Architecture reference = Architecture.forImages(name, data.image(), train.classCount());
        return widths == null ? reference : reference.withGatedUnits(widths);
    }

    /** @throws IllegalArgumentException unless the examples are images of at least 9x9 pixels */
    private static ImageAugmentation augmentation(TrainTestSplit split) {
        if (Math.min(split.image().height(), split.image().width()) <= 8) {
            throw new IllegalArgumentException("--augment crops and flips images; the data's examples are "
                    + split.image() + " (rows of features, not images)");
        }
        return ImageAugmentation.cifar(split.image());
    }

    private static Map<String, Object> describe(TrainerConfig config, PriorSettings priors, Architecture architecture,
                                                ImageAugmentation augmentation) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architecture", architecture.toString());
        int[] all = architecture.widths();
        c.put("hiddenWidths", Arrays.copyOfRange(all, 1, all.length - 1));
        c.put("epochs", config.epochs());
        c.put("fineTuneEpochs", config.fineTuneEpochs());
        c.put("batchSize", config.batchSize());
        c.put("learningRate", config.learningRate());
        c.put("varianceLearningRate", config.varianceLearningRate());
        c.put("gateLearningRate", config.gateLearningRate());
        c.put("piMin", config.piMin());
        c.put("patience", config.patience());
        c.put("warmupEpochs", config.warmupEpochs());
        c.put("klWeight", config.klWeight());
        c.put("gateEstimator", config.gateEstimator().name());
        c.put("gateUpdate", config.gateUpdate().name());
        c.put("initialTemperature", config.initialTemperature());
        c.put("finalTemperature", config.finalTemperature());
        c.put("initialSigma", config.initialSigma());
        c.put("initialSigmaRatio", config.initialSigmaRatio());
        c.put("initialMeanScale", config.initialMeanScale());
        c.put("initialGate", config.initialGate());
        if (config.decisionHorizon() > 0) { // absent at the default, so results of earlier builds compare byte for byte
            c.put("decisionHorizon", config.decisionHorizon());
        }
        if (config.rescaleUnits()) { // likewise
            c.put("rescaleUnits", true);
        }
        c.put("seed", config.seed());
        c.put("spikeRatio", priors.spikeRatio());
        c.put("initialInclusion", priors.initialInclusion());
        c.put("flattenedGatePrior", priors.flattenedGatePrior());
        c.put("inclusionHyperPrior", priors.inclusionHyperPrior().describe());
        c.put("slabHyperPrior", priors.slabHyperPrior() == null ? "fixed slab variance 2/n_in"
                : Map.of("shape", priors.slabHyperPrior().shape(), "scale", priors.slabHyperPrior().scale()));
        if (augmentation != null) {
            c.put("augmentation", augmentation.toString());
        }
        return c;
    }

    /** Per layer of a conv net: parameters and multiply-adds per example at the start and as kept. */
    private static void printLayers(PrintStream out, Architecture start, Architecture kept) {
        ConvNetComplexity before = new ConvNetComplexity(start);
        ConvNetComplexity after = new ConvNetComplexity(kept);
        out.printf("%n%-22s %12s %12s %14s %14s%n", "layer", "params", "kept", "mult-adds/ex.", "kept");
        for (int l = 0; l < start.layerCount(); l++) {
            out.printf("%-22s %12d %12d %14d %14d%n", (l + 1) + " " + start.layer(l).withUnits(kept.layer(l).units()), before.layerParameters(l),
                    after.layerParameters(l), before.layerMultiplyAdds(l), after.layerMultiplyAdds(l));
        }
    }

    private static void printTable(PrintStream out, TrainingSummary s, Architecture architecture) {
        out.println();
        out.printf("%-22s %12s %12s %8s%n", "", "start", "kept", "kept %");
        for (int l = 0; l < s.unitsStart().length; l++) {
            String what = " " + architecture.layer(l).type().unitNoun();
            out.printf("%-22s %12d %12d %7.1f%%%n", "hidden layer " + (l + 1) + what, s.unitsStart()[l], s.unitsKept()[l],
                    100.0 * s.unitsKept()[l] / s.unitsStart()[l]);
        }
        out.printf("%-22s %12d %12d %7.1f%%%n", "parameters", s.paramsDense(), s.paramsKept(), 100 * s.paramsKeptFraction());
        out.printf("%-22s %12d %12d %7.1f%%%n", "FLOPs (mult-adds/ex.)", s.flopsDense(), s.flopsKept(), 100 * s.flopsKeptFraction());
        out.printf("%-22s %12s %12.4f%n", "test accuracy", "", s.testAccuracy());
        out.printf("%-22s %12s %12s%n", "training time", "", EpochProgressPrinter.duration(s.trainingSeconds()));
        out.printf("%-22s %12s %9.0f MiB (heap %.0f MiB)%n", "peak memory", "", MemoryUsage.mib(s.peakResidentBytes()),
                MemoryUsage.mib(s.peakHeapBytes()));
        for (String warning : s.warnings()) {
            out.println("warning: " + warning);
        }
    }

}
