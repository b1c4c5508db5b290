/**
 * Unit pruning of the dense layers of a SameDiff graph ({@code mmul} weight, bias add, element-wise activations, next
 * {@code mmul}): find the unit groups, select the units to keep with a criterion, cut the variables; a unit path
 * through any other op is refused with the op's name.
 */
package org.parsimony.dl4j.samediff;
