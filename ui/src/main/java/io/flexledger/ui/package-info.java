/**
 * Web pages of FlexLedger: one per role (community member, aggregator, DSO, auditor, market), served
 * behind the realm's login, each reading the services with the logged-in user's token.
 */
package io.flexledger.ui;
