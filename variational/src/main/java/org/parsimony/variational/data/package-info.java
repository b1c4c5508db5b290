/**
 * Data the trainers read: {@link org.parsimony.variational.data.LabeledData} (features and labels in memory) and a
 * data set's training and test parts, {@link org.parsimony.variational.data.TrainTestSplit}, made by
 * {@link org.parsimony.variational.data.Datasets} from the Fashion-MNIST subset in the jar, an IDX folder
 * ({@link org.parsimony.variational.data.IdxFile}) or a CSV file ({@link org.parsimony.variational.data.LabeledCsv}),
 * standardised as the priors assume; seeded minibatches, stratified samples and a planted-teacher generator. A bad file
 * is a {@link org.parsimony.variational.data.DataFileException} whose message names it.
 */
package org.parsimony.variational.data;
