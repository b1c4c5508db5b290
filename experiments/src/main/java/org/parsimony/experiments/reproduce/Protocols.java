package org.parsimony.experiments.reproduce;

import org.parsimony.variational.data.TrainTestSplit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What every protocol's outputs state: the setup sentence of {@code table.md} and the provenance of {@code results.json}. */
final class Protocols {
    private Protocols() {
    }

    /** One paragraph: data, network, budget, grid and seeds. */
    static String setup(ReproduceSettings s, TrainTestSplit split) {
        return String.format(Locale.ROOT, "Setup: %s (%d training, %d test examples, standardised inputs); MLP with hidden "
                        + "widths %s trained with Adam for %d epochs; weights ranked %s and pruned one-shot from the trained "
                        + "net, retrained for %d epochs with the mask fixed; weights kept counted as non-zeros (= multiply-adds "
                        + "of a sparse kernel); seeds %s; mean +- std over seeds.", split.source(), split.train().size(),
                split.test().size(), java.util.Arrays.toString(s.hidden()), s.denseEpochs(),
                s.scope().name().toLowerCase(Locale.ROOT).replace('_', '-'), s.retrainEpochs(), s.seeds());
    }

    /** A short name of the data for plot titles: the data set's folder or name and the training-set size. */
    static String label(TrainTestSplit split) {
        String first = split.source().split(",")[0].strip();
        String name = first.contains("/") ? java.nio.file.Path.of(first).getFileName().toString() : first;
        return name + ", " + split.train().size() + " training images";
    }

    /** The start of {@code results.json}: protocol, verdict, data and settings. */
    static Map<String, Object> results(String protocol, ReproduceSettings s, TrainTestSplit split, String verdict) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("protocol", protocol);
        r.put("verdict", verdict);
        r.put("dataSource", split.source());
        r.put("trainExamples", split.train().size());
        r.put("testExamples", split.test().size());
        r.put("settings", s);
        return r;
    }
}
