package org.parsimony.pruning.criteria;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.pruning.statistics.PosteriorStatistics;
import org.parsimony.variational.network.DeterministicMlp;
import org.parsimony.variational.network.DeterministicNetwork;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a criterion scores from: the network as it is now, its statistics (a variational posterior, a
 * pseudo-bootstrap or a point estimate) and, for data-informed criteria such as SiPP, a batch of training inputs.
 * A schedule builds one per round from that round's network, so no criterion can go stale across rounds.
 *
 * @param network    the network being pruned, or null where only statistics are at hand (a DL4J graph's groups)
 * @param statistics the statistics of {@code network}
 * @param batch      training inputs {@code [|S|, n_0]} for criteria that {@link CriterionNeed#DATA read data}, or null
 */
public record CriterionContext(DeterministicNetwork network, PosteriorStatistics statistics, INDArray batch) {

    /** @throws IllegalArgumentException if the statistics describe other widths than the network */
    public CriterionContext {
        Objects.requireNonNull(statistics, "statistics");
        if (network != null && !Arrays.equals(network.widths(), statistics.widths())) {
            throw new IllegalArgumentException("statistics describe widths " + Arrays.toString(statistics.widths())
                    + ", network has " + Arrays.toString(network.widths()));
        }
    }

    /** Statistics alone: enough for every criterion that reads only weights, standard deviations or gates. */
    public static CriterionContext of(PosteriorStatistics statistics) {
        return new CriterionContext(null, statistics, null);
    }

    /**
     * The network as an MLP.
     *
     * @throws IllegalArgumentException naming {@code criterion} if there is no network or it is not an MLP
     */
    public DeterministicMlp requireMlp(String criterion) {
        if (network == null) {
            throw new IllegalArgumentException(criterion
                    + " scores the units of MLPs only, not of statistics without their network");
        }
        return network.denseFastPath().orElseThrow(() -> new IllegalArgumentException(criterion
                + " scores the units of MLPs only, not of " + network.architecture().name()));
    }

    /**
     * The batch of training inputs.
     *
     * @throws IllegalArgumentException naming {@code criterion} if the context carries none
     */
    public INDArray requireBatch(String criterion) {
        if (batch == null) {
            throw new IllegalArgumentException(criterion + " scores from a batch of training inputs; none was given");
        }
        return batch;
    }
}
