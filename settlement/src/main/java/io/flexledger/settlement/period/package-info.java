/**
 * What both legs of a settled day share: the day's settlement root, anchored on the EVM chain by the
 * settle leg and re-derived by the audit leg, and the payout of a net in token cents.
 */
package io.flexledger.settlement.period;
