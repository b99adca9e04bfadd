package io.flexledger.uftp;

/** A root element of UFTP: a {@link PayloadMessage} or the {@link SignedMessage} wrapper. */
public sealed interface UftpMessage permits PayloadMessage, SignedMessage {}
