-- Stacks from before this schema kept the table in public (created by the store at run time): its
-- rows move here, under a lock so that no write in flight is left behind, and the old table goes.
-- On a fresh database there is nothing to move.
do $$
begin
  if to_regclass('public.billing_settlement') is not null then
    lock table public.billing_settlement in access exclusive mode;
    insert into billing_settlement (settlement_id, day, aggregator_msp, asset_id, credited_kwh,
      shortfall_kwh, payment_eur, penalty_eur, net_eur, ledger_tx_id, recorded_at)
    select settlement_id, day, aggregator_msp, asset_id, credited_kwh,
      shortfall_kwh, payment_eur, penalty_eur, net_eur, ledger_tx_id, recorded_at
    from public.billing_settlement;
    drop table public.billing_settlement;
  end if;
end $$;
