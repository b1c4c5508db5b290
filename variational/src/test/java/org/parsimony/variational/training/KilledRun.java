package org.parsimony.variational.training;

import org.parsimony.variational.data.LabeledData;
import org.parsimony.variational.network.Architecture;
import org.parsimony.variational.network.DeterministicNetwork;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A training run killed after its second epoch's checkpoint and resumed from it, for the resume tests. */
final class KilledRun {
    private KilledRun() {
    }

    /** Trains {@code architecture} on {@code train}, stops it after epoch 2 (checkpoint {@code file}), resumes it. */
    static TrainingResult resumed(VariationalTrainer trainer, Architecture architecture, LabeledData train, Path file) {
        VariationalTrainer.Checkpointing checkpoints = new VariationalTrainer.Checkpointing(file, 1);
        try {
            trainer.train(trainer.initialize(architecture), train, train, TrainingListener.onEpochs((report, total) -> {
                if (report.epoch() == 2) {
                    throw new IllegalStateException("killed");
                }
            }), checkpoints);
        } catch (IllegalStateException expected) {
            // the run stops after its second checkpoint
        }
        return trainer.resume(architecture, train, train, null, checkpoints).result();
    }

    /** Asserts that two networks have the same widths, weights and biases, bit for bit. */
    static void assertSameNetwork(DeterministicNetwork a, DeterministicNetwork b) {
        assertArrayEquals(a.widths(), b.widths());
        for (int l = 0; l < a.layerCount(); l++) {
            assertArrayEquals(a.weight(l).data().asFloat(), b.weight(l).data().asFloat(), 0f);
            assertArrayEquals(a.bias(l).toFloatVector(), b.bias(l).toFloatVector(), 0f);
        }
    }
}
