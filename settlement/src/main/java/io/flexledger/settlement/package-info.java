/**
 * Settlement of flexibility orders: baseline reveal against the committed hash, delivered
 * flexibility (baseline minus metered), penalties, the audit verifier and EVM payouts.
 * Not built yet: it needs the ledger (see the README's status section).
 */
package io.flexledger.settlement;
