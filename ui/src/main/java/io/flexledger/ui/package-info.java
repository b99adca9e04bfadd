/**
 * Web pages for community members, aggregators, the DSO and auditors.
 * Not built yet: it needs the market on the ledger (see the README's status section).
 */
package io.flexledger.ui;
