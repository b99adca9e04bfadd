-- Stacks from before the schema `bridge` kept these tables in public (Flyway's default schema then):
-- their rows move here, each table locked so that no write in flight is left behind, and the old
-- tables go, with public's schema history once it holds nothing but these migrations. On a fresh
-- database there is nothing to move. (Settlement moves its own table, billing_settlement.)
DO $$
DECLARE
    t TEXT;
    cols TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['meter_reading', 'rejected_reading', 'sealed_day', 'reading_anchor', 'sealed_leaf'] LOOP
        IF to_regclass('public.' || t) IS NOT NULL THEN
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = t;
            EXECUTE format('LOCK TABLE public.%I IN ACCESS EXCLUSIVE MODE', t);
            EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM public.%I', t, cols, cols, t);
            EXECUTE format('DROP TABLE public.%I', t);
        END IF;
    END LOOP;

    -- New rejections are numbered after the highest one moved.
    PERFORM setval(pg_get_serial_sequence('rejected_reading', 'id'), COALESCE(MAX(id), 0) + 1, false)
        FROM rejected_reading;

    IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM public.flyway_schema_history
                       WHERE script NOT IN ('V1__readings.sql', 'V2__sealed_leaves.sql')) THEN
            DROP TABLE public.flyway_schema_history;
        END IF;
    END IF;
END $$;
