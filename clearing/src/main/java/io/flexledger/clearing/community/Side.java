package io.flexledger.clearing.community;

/** Which way an order trades energy inside the community. */
public enum Side {
    /** The prosumer takes energy (demand): it pays. */
    BUY,
    /** The prosumer gives energy (surplus): it is paid. */
    SELL
}
