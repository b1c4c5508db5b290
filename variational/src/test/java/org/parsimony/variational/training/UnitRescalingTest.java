package org.parsimony.variational.training;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimony.priors.BernoulliGatePrior;
import org.parsimony.priors.GatedUnitKl;
import org.parsimony.variational.graph.ElboEvaluation;
import org.parsimony.variational.graph.ElboInputs;
import org.parsimony.variational.graph.ElboObjective;
import org.parsimony.variational.graph.GateEstimator;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.VariationalNetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.TINY;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.TWO_CONV;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.TWO_CONV_BN;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.fixedInputs;
import static org.parsimony.variational.graph.ConvElboGraphGradientCheckTest.randomNetwork;

/**
 * The KL-minimising unit rescaling on random double-precision networks (dense chain on the hand-written path; conv into
 * conv, conv into dense through a flatten, batch-normalised convs on the SameDiff path): with the noise held fixed the
 * sampled likelihood is unchanged, the KL falls, and a second rescaling finds every factor at 1 (a stationary point).
 */
class UnitRescalingTest {

    @ParameterizedTest
    @CsvSource({"mlp,true", "mlp,false", "tiny,true", "twoConv,false", "twoConvBn,true"})
    void keepsTheLikelihoodLowersTheKlAndIsStationaryAfterOneStep(String name, boolean pointMassSpike) {
        Architecture architecture = switch (name) {
            case "mlp" -> Architecture.mlp(5, new int[] {4, 3}, 3);
            case "tiny" -> TINY;
            case "twoConv" -> TWO_CONV;
            default -> TWO_CONV_BN;
        };
        VariationalNetwork network = randomNetwork(architecture, 7);
        ElboInputs inputs = fixedInputs(network, 3, 0.05);
        GatedUnitKl unitKl = new GatedUnitKl(BernoulliGatePrior.INSTANCE, pointMassSpike);
        ElboEvaluation before = evaluate(network, unitKl, inputs);

        double[][] factors = new UnitRescaling(unitKl).rescale(network, inputs.priors());
        ElboEvaluation after = evaluate(network, unitKl, inputs);

        // up to the 1e-8 jitter the graphs add to each pre-activation variance
        assertEquals(before.nll(), after.nll(), 1e-5 * Math.abs(before.nll()), "the likelihood is invariant");
        assertTrue(after.kl() < before.kl() - 1e-6, "KL " + before.kl() + " -> " + after.kl());
        boolean moved = false;
        for (int l = 0; l < factors.length; l++) {
            for (double c : factors[l]) {
                assertTrue(c > 0 && Double.isFinite(c));
                moved |= Math.abs(c - 1) > 1e-3;
                if (architecture.layer(l).batchNorm()) {
                    assertEquals(1, c, 0, "a batch-normalised layer is left alone");
                }
            }
        }
        assertTrue(moved, "a random network is not at the KL's minimum along the rescalings");

        // each layer's step is optimal given the others (a coordinate step on a KL convex in the log-factors), so
        // repeated passes never raise the KL and settle where every factor is 1
        double kl = after.kl();
        double largestMove = Double.POSITIVE_INFINITY;
        for (int pass = 0; pass < 500 && largestMove > 1e-9; pass++) {
            largestMove = 0;
            for (double[] layer : new UnitRescaling(unitKl).rescale(network, inputs.priors())) {
                for (double c : layer) {
                    largestMove = Math.max(largestMove, Math.abs(c - 1));
                }
            }
            double next = evaluate(network, unitKl, inputs).kl();
            assertTrue(next <= kl + 1e-9 * Math.abs(kl), "pass " + pass + ": KL " + kl + " -> " + next);
            kl = next;
        }
        assertTrue(largestMove <= 1e-9, "passes settle; last move " + largestMove);
    }

    private static ElboEvaluation evaluate(VariationalNetwork network, GatedUnitKl unitKl, ElboInputs inputs) {
        ElboObjective objective = ElboObjective.of(network, unitKl, GateEstimator.STRAIGHT_THROUGH);
        try {
            return objective.evaluate(inputs);
        } finally {
            objective.close();
        }
    }
}
