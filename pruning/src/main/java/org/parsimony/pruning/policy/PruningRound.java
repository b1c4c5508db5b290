package org.parsimony.pruning.policy;

/**
 * What one round of a schedule left: the widths and exact dense counts after pruning (and fine-tuning), and
 * the nonzero weights (equal to the dense weight count after unit surgery; fewer under a weight mask).
 *
 * @param round          1-based round number
 * @param policy         the policy's description
 * @param widths         {@code n_0, ..., n_L} after the round
 * @param parameters     weights and biases as stored
 * @param multiplyAdds   dense multiply-adds per example
 * @param nonzeroWeights weights that are not exactly 0
 */
public record PruningRound(int round, String policy, int[] widths, long parameters, long multiplyAdds,
                           long nonzeroWeights) {
    /** Copies the widths. */
    public PruningRound {
        widths = widths.clone();
    }

    /** A copy of the widths. */
    @Override
    public int[] widths() {
        return widths.clone();
    }
}
