/** The small computations behind the pages: slots of a day, grid loading, delivery, bills, Merkle paths. */
package io.flexledger.ui.calc;
