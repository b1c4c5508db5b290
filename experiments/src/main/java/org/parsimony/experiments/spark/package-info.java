/**
 * Running a study's runs as Apache Spark tasks ({@code compare --spark}): one run per task in the local workers'
 * order, each executor loading a data set once and keeping the dense starts its tasks share; the results return to
 * the driver, which records them as a local study does. Spark stays out of the shaded jar and is loaded only here.
 */
package org.parsimony.experiments.spark;
