/** The small computations behind the pages: slots of a day, grid loading, bills (delivery and Merkle proofs come from the domain). */
package io.flexledger.ui.calc;
