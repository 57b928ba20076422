-- The queries a BI tool runs on the published file: the dashboard's queries
-- for every mart and the questions the marts were built to answer. Each
-- starts with `-- name: <name>` and a line saying what it answers.

-- name: xiaomi_2025_12
-- Xiaomi's deliveries in December 2025, with who said so and where.
SELECT entity, month, value, qualifier, publisher, release, url
FROM monthly_deliveries
WHERE entity = 'xiaomi' AND metric = 'deliveries' AND month = '2025-12';

-- name: nio_group_2025_by_brand
-- NIO Inc.'s 2025 deliveries and its brands' (NIO, ONVO, firefly).
SELECT a.entity, d.name_en, d.kind, a.value, a.qualifier, a.basis
FROM annual_deliveries AS a
JOIN dim_entity AS d ON d.id = a.entity
WHERE a.year = 2025 AND a.metric = 'deliveries' AND (d.id = 'nio-group' OR d.parent = 'nio-group')
ORDER BY d.kind = 'group' DESC, a.value DESC;

-- name: xpeng_2025_monthly_yoy
-- XPeng's 2025 deliveries month by month with YoY (reported or computed) and the year to date.
SELECT month, value, yoy_pct, yoy_basis, ytd_value
FROM monthly_deliveries
WHERE entity = 'xpeng' AND metric = 'deliveries' AND scope = 'all' AND year = 2025
ORDER BY month;

-- name: xiaomi_2025_target
-- Xiaomi's 2025 target, how far it got and the month it was reached.
SELECT target, delivered_ytd, delivered_qualifier, share_of_target, month_reached, status
FROM target_tracking
WHERE entity = 'xiaomi' AND year = 2025;

-- name: byd_share_of_nev_wholesale
-- BYD's share of CPCA's NEV wholesale, every month both are known.
SELECT month, maker_nev_wholesale, market_nev_wholesale, share
FROM maker_share
WHERE entity = 'byd'
ORDER BY month;

-- name: monthly_deliveries_by_maker
-- Deliveries per maker and group per month (the line chart of a dashboard).
SELECT m.month_start, m.entity, m.entity_name, m.value, m.qualifier
FROM monthly_deliveries AS m
JOIN dim_entity AS d ON d.id = m.entity
WHERE m.metric = 'deliveries' AND m.scope = 'all' AND d.kind IN ('maker', 'group')
ORDER BY m.month_start, m.entity;

-- name: quarterly_league_table
-- Deliveries per entity and quarter, reported or summed from months.
SELECT quarter, entity, entity_name, value, qualifier, basis
FROM quarterly_deliveries
WHERE metric = 'deliveries'
ORDER BY quarter, value DESC;

-- name: annual_league_table
-- Deliveries (or sales) per entity and year.
SELECT year, entity, entity_name, entity_name_zh, metric, scope, segment, value, qualifier, basis
FROM annual_deliveries
WHERE entity <> 'market'
ORDER BY year, value DESC;

-- name: nev_penetration
-- The market's NEV penetration per month (retail), reported or computed.
SELECT month_start, total, nev, nev_penetration_pct, penetration_basis
FROM market_monthly
WHERE metric = 'retail'
ORDER BY month_start;

-- name: market_overview
-- The whole market per month and measure, by powertrain.
SELECT *
FROM market_monthly
ORDER BY month, metric;

-- name: top_makers_by_share
-- The five biggest makers of each month by share of NEV wholesale.
SELECT month, rank_in_month, entity_name, share
FROM maker_share
WHERE rank_in_month <= 5
ORDER BY month, rank_in_month;

-- name: target_tracking_by_year
-- Every announced target against the year to date.
SELECT year, entity_name, target, delivered_ytd, share_of_target, run_rate_needed, projected_year_end, month_reached, status
FROM target_tracking
ORDER BY year, share_of_target DESC NULLS LAST;

-- name: company_vs_cpca
-- Months and quarters where the company's figure and CPCA's can be compared.
SELECT entity, grain, period, company_value, cpca_value, parts_sum, company_minus_cpca, reason_vs_cpca, reason_vs_parts
FROM reconciliation
ORDER BY entity, grain, period;

-- name: latest_revisions
-- The most recent changes of published values.
SELECT entity, metric, scope, period, publisher, previous_value, new_value, change, previous_release, new_release, new_published_on
FROM revisions
ORDER BY new_published_on DESC
LIMIT 50;

-- name: figure_provenance
-- Every observation behind one month of one maker (the drill-down).
SELECT publisher, metric, scope, value, qualifier, release, published_on, precedence, is_current, url
FROM figures
WHERE entity = 'xiaomi' AND period = '2025-12'
ORDER BY precedence;

-- name: entities
-- The entity dimension (filters and labels).
SELECT id, name_en, name_zh, kind, parent
FROM dim_entity
ORDER BY kind, id;

-- name: column_descriptions
-- What a BI tool reads to describe the tables (COMMENT ON).
SELECT t.table_name, t.comment AS table_comment, c.column_name, c.data_type, c.comment AS column_comment
FROM duckdb_tables() AS t
JOIN duckdb_columns() AS c USING (database_name, schema_name, table_name)
WHERE t.schema_name = 'main'
ORDER BY t.table_name, c.column_index;
