package io.flexledger.devicebridge.reading;

/** What the checks made of one message: an accepted reading or a rejection. */
public sealed interface Verdict permits AcceptedReading, Rejection {}
