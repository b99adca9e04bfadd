/**
 * Operators' tools that drive a running stack from outside: {@code bench} (the ledger benchmark,
 * through the APIs and straight through the Fabric Gateway) and {@code chaos} (load while processes
 * are killed, then a count of what was acknowledged).
 */
package io.flexledger.tools;
