/**
 * What a process can still allocate and what training a network will take, so that a request that cannot fit is
 * refused with its numbers before anything is allocated.
 */
package org.parsimony.variational.memory;
