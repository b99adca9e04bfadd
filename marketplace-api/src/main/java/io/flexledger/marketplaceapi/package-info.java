/**
 * REST service for flexibility requests, offers, orders and market state, one instance per
 * organisation, signing with that organisation's Fabric identity.
 * Not built yet: it needs the ledger (see the README's status section).
 */
package io.flexledger.marketplaceapi;
