package org.parsimony.experiments.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetOptionTest {

    @Test
    void aSizedDataSetNameIsReadAndCheckedWithoutLoading() {
        assertEquals(3000, DatasetOption.trainSize("fashion_mnist:3000"));
        assertEquals(0, DatasetOption.trainSize("fashion_mnist"));
        assertEquals(60_000, DatasetOption.trainExamples("fashion_mnist"));
        assertEquals(500, DatasetOption.trainExamples("subset:500"));
        assertThrows(IllegalArgumentException.class, () -> DatasetOption.validate("fashion_mnist:0"));
        assertThrows(IllegalArgumentException.class, () -> DatasetOption.validate("fashion_mnist:many"));
        assertThrows(IllegalArgumentException.class, () -> DatasetOption.validate("cifar:100"));
        assertThrows(IllegalArgumentException.class, () -> DatasetOption.load("subset:20000", null));
    }
}
