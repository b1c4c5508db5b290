package org.parsimony.experiments.study;

import org.junit.jupiter.api.Test;
import org.parsimony.variational.training.TrainerConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerVariantTest {

    @Test
    void eachVariantChangesItsOneSetting() {
        TrainerConfig defaults = TrainerConfig.defaults();
        TrainerConfig init = new TrainerVariant("init=2").applyTo(defaults.toBuilder()).build();
        assertEquals(2.0, init.initialMeanScale());
        assertEquals(defaults.learningRate(), init.learningRate());
        assertEquals(3e-4, new TrainerVariant("lr=3e-4").applyTo(defaults.toBuilder()).build().learningRate());
        assertEquals(64, new TrainerVariant(" batch=64 ").applyTo(defaults.toBuilder()).build().batchSize());
        assertEquals(0.3, new TrainerVariant("kl=0.3").applyTo(defaults.toBuilder()).build().klWeight());
        assertEquals(!defaults.rescaleUnits(), new TrainerVariant("rescale=" + !defaults.rescaleUnits())
                .applyTo(defaults.toBuilder()).build().rescaleUnits());
        assertEquals(defaults, TrainerVariant.DEFAULTS.applyTo(defaults.toBuilder()).build());
        assertEquals("variational[lr=3e-4]", new TrainerVariant("lr=3e-4").methodName());
        assertEquals("variational", TrainerVariant.DEFAULTS.methodName());
    }

    @Test
    void aListDropsNoneAndRejectsUnknownOrImpossibleSettings() {
        assertEquals(List.of(), TrainerVariant.parseList(List.of("none")));
        assertEquals(2, TrainerVariant.parseList(List.of("init=0.5", "batch=256")).size());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new TrainerVariant("depth=3"));
        assertTrue(unknown.getMessage().contains("init=C, lr=R, batch=B"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainerVariant("lr=fast"));
        assertThrows(IllegalArgumentException.class, () -> new TrainerVariant("batch=0"));
        assertThrows(IllegalArgumentException.class, () -> new TrainerVariant("init=-1"));
        assertThrows(IllegalArgumentException.class, () -> new TrainerVariant("kl=0"));
        assertThrows(IllegalArgumentException.class, () -> new TrainerVariant("rescale=maybe"));
    }
}
