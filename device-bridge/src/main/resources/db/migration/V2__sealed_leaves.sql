-- The leaves of each sealed tree, as they were at the seal: proofs are served from these, so a
-- reading changed in meter_reading afterwards fails its own proof and only its own.
CREATE TABLE sealed_leaf (
    day            DATE        NOT NULL,
    aggregator_msp VARCHAR(64) NOT NULL,
    leaf_index     INTEGER     NOT NULL,
    device_id      VARCHAR(64) NOT NULL,
    slot           INTEGER     NOT NULL,
    leaf_hash      CHAR(64)    NOT NULL,
    PRIMARY KEY (day, aggregator_msp, leaf_index),
    CONSTRAINT sealed_leaf_once UNIQUE (day, aggregator_msp, device_id, slot)
);
