package org.parsimony.experiments.reproduce;

import org.knowm.xchart.internal.chartpart.Chart;

import java.util.Map;

/**
 * What a protocol produced: the verdict line, the Markdown table ({@code table.md}), everything measured
 * ({@code results.json}) and its plots (file name to chart).
 *
 * @param protocol the protocol's name
 * @param verdict  one line: the claim, whether it holds here and by how much (mean +- std over seeds)
 * @param table    Markdown, starting with the verdict
 * @param results  the measurements and settings, for {@code results.json}
 * @param plots    PNG file name to chart
 */
public record Reproduction(String protocol, String verdict, String table, Map<String, Object> results,
                           Map<String, Chart<?, ?>> plots) {

    /** Copies. */
    public Reproduction {
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
        plots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(plots));
    }
}
