-- Accepted meter readings: one per device, day and slot (the device's signature kept for proofs).
CREATE TABLE meter_reading (
    device_id      VARCHAR(64)    NOT NULL,
    asset_id       VARCHAR(64)    NOT NULL,
    aggregator_msp VARCHAR(64)    NOT NULL,
    day            DATE           NOT NULL,
    slot           INTEGER        NOT NULL,
    net_kwh        NUMERIC(22, 6) NOT NULL,
    sequence       BIGINT         NOT NULL,
    signature      VARCHAR(200)   NOT NULL,
    received_at    TIMESTAMPTZ    NOT NULL,
    CONSTRAINT meter_reading_once UNIQUE (device_id, day, slot)
);
-- Anchors read one (day, aggregator) in leaf order (asset, device, slot).
CREATE INDEX meter_reading_anchor_order ON meter_reading (day, aggregator_msp, asset_id, device_id, slot);
CREATE INDEX meter_reading_device_sequence ON meter_reading (device_id, sequence);

-- Every refused message with the reason; the fields are those that could be read, if any.
CREATE TABLE rejected_reading (
    id          BIGSERIAL     PRIMARY KEY,
    reason      VARCHAR(32)   NOT NULL,
    detail      VARCHAR(1000) NOT NULL,
    topic       VARCHAR(200),
    device_id   VARCHAR(200),
    day         DATE,
    slot        INTEGER,
    sequence    BIGINT,
    payload     VARCHAR(4000),
    received_at TIMESTAMPTZ   NOT NULL
);
CREATE INDEX rejected_reading_reason ON rejected_reading (reason);

-- A sealed day takes no more readings; its anchors are fixed.
CREATE TABLE sealed_day (
    day       DATE        PRIMARY KEY,
    sealed_at TIMESTAMPTZ NOT NULL
);

-- One Merkle root per (day, aggregator), and whether the ledger has recorded it.
CREATE TABLE reading_anchor (
    day            DATE        NOT NULL,
    aggregator_msp VARCHAR(64) NOT NULL,
    root_hex       CHAR(64)    NOT NULL,
    leaf_count     INTEGER     NOT NULL,
    sealed_at      TIMESTAMPTZ NOT NULL,
    anchored_at    TIMESTAMPTZ,
    PRIMARY KEY (day, aggregator_msp)
);
