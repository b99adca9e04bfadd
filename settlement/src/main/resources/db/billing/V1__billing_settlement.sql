-- The DSO's billing copy of each settlement, as the ledger holds it (BillingStore).
create table billing_settlement (
  settlement_id text primary key,
  day date not null,
  aggregator_msp text not null,
  asset_id text not null,
  credited_kwh numeric not null,
  shortfall_kwh numeric not null,
  payment_eur numeric not null,
  penalty_eur numeric not null,
  net_eur numeric not null,
  ledger_tx_id text not null,
  recorded_at timestamptz not null default now());
