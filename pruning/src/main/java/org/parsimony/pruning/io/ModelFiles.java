package org.parsimony.pruning.io;

import org.parsimony.variational.network.DeterministicNetwork;

import java.nio.file.Path;
import java.util.Map;

/**
 * Model files of any deterministic network: {@link MlpModelFile} for multilayer perceptrons, {@link ConvModelFile} for
 * conv nets, told apart by the description's {@code format}. For callers that hold a {@link DeterministicNetwork}
 * without caring which kind it is ({@code train} writing its result, {@code prune} reading one).
 */
public final class ModelFiles {
    /** Name of the input placeholder, flat inputs {@code [batch, n_0]}, in every format. */
    public static final String INPUT = "input";
    /** Name of the logits variable in every format. */
    public static final String OUTPUT = "logits";

    private ModelFiles() {
    }

    /** The description file belonging to {@code graphFile}: the same name with {@code .json} appended. */
    public static Path descriptionPath(Path graphFile) {
        return graphFile.resolveSibling(graphFile.getFileName() + ".json");
    }

    /**
     * Saves {@code network} in the format of its kind: an MLP's ({@link DeterministicNetwork#denseFastPath()}) in
     * {@link MlpModelFile}'s, any other in {@link ConvModelFile}'s.
     */
    public static void save(DeterministicNetwork network, Path graphFile, Map<String, ?> provenance) {
        network.denseFastPath().ifPresentOrElse(mlp -> MlpModelFile.save(mlp, graphFile, provenance),
                () -> ConvModelFile.save(network, graphFile, provenance));
    }

    /**
     * Reads a network saved by {@link MlpModelFile} or {@link ConvModelFile}.
     *
     * @throws ModelFileException naming the file if either file is missing, corrupt, or of an unknown format or version
     */
    public static DeterministicNetwork load(Path graphFile) {
        Path graph = graphFile.toAbsolutePath();
        ModelDescription description = ModelDescription.read(descriptionPath(graph));
        return switch (description.format()) {
            case MlpModelFile.FORMAT -> MlpModelFile.load(graph);
            case ConvModelFile.FORMAT -> ConvModelFile.load(graph);
            default -> throw description.error("unknown model format \"" + description.format() + "\" (known: "
                    + MlpModelFile.FORMAT + ", " + ConvModelFile.FORMAT + ")");
        };
    }
}
