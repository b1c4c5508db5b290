/**
 * Comparison studies after ShrinkBench: a study is data sets x architectures x methods x ratios x seeds under one
 * budget. One dense start per (data set, architecture, seed) is shared by every criterion; the variational method
 * trains its own structure. Runs are keyed, recorded atomically in {@code runs.csv} as they finish, skipped when
 * rerun, executed by local workers, shards or Spark, and summarised in {@code summary.md}, the robustness table and
 * the plots.
 */
package org.parsimony.experiments.study;
