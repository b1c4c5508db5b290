package org.parsimony.variational.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.parsimony.variational.graph.LayerPrior;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.ParameterKey;

import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue after {@code completedEpochs} epochs with the same numbers as an
 * uninterrupted run: the network's arrays, the optimizer's moments and step count, the prior parameters, the
 * removal counters and the history. The random state needs no storing: every draw is keyed by
 * {@code (seed, epoch, step)}, so the next epoch's noise follows from the seed in {@code fingerprint}.
 *
 * @param fingerprint      the settings of the run that wrote it (a resumed run must have the same)
 * @param completedEpochs  epochs finished
 * @param initialWidths    widths when training started
 * @param arrays           network arrays by layer and kind (in the file by {@link ParameterKey#graphName()}:
 *                         {@code weightMean0}, ..., {@code gate1})
 * @param adamStep         optimizer steps taken
 * @param adamMoments      per parameter its first and second moments
 * @param priors           prior parameters per layer
 * @param epochsBelow      per hidden layer and unit the consecutive epochs its gate stayed below {@code pi_min}
 * @param history          the epoch reports so far
 * @param architecture     the architecture the run started from, or {@code null} for an MLP (rebuilt from the arrays)
 */
public record TrainingCheckpoint(String fingerprint, int completedEpochs, int[] initialWidths,
                                 Map<ParameterKey, INDArray> arrays, long adamStep, Map<ParameterKey, INDArray[]> adamMoments,
                                 List<LayerPrior> priors, int[][] epochsBelow, List<EpochReport> history,
                                 Architecture architecture) {
}
