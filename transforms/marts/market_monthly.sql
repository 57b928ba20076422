-- The whole passenger-car market per month as CPCA counts it: retail
-- (domestic), wholesale (incl. exports), production and exports, each split by
-- powertrain, with the NEV share and CPCA's NEV penetration.
-- @column metric: retail (domestic sales to customers), wholesale (factory shipments incl. exports), production or exports.
-- @column total: All powertrains.
-- @column nev: New-energy vehicles (BEV + PHEV + EREV).
-- @column bev: Battery-electric.
-- @column phev: Plug-in hybrid (from 2025 excluding EREV).
-- @column erev: Extended-range electric.
-- @column ice: Internal-combustion.
-- @column total_yoy_pct: Year-on-year change of the total in percent (reported, else computed).
-- @column nev_yoy_pct: Year-on-year change of NEV in percent (reported, else computed).
-- @column nev_share_pct: NEV as a percentage of the total, computed (nev / total).
-- @column nev_penetration_pct: NEV penetration in percent: as CPCA reports it (retail rows) where given, else nev_share_pct.
-- @column penetration_basis: reported or computed.
-- @column qualifier: The least exact of the row's values: exact, approx (CPCA's 万辆 with one decimal) or at_least.
-- @column releases: The stages the row's values come from (api, final, flash).
WITH market AS (
    SELECT * FROM core.core_monthly WHERE entity = 'market' AND metric IN ('retail', 'wholesale', 'production', 'exports')
),
pivoted AS (
    SELECT
        period AS month, any_value(month_start) AS month_start, any_value(period_year) AS year, metric, segment,
        max(value) FILTER (WHERE scope = 'all') AS total,
        max(value) FILTER (WHERE scope = 'nev') AS nev,
        max(value) FILTER (WHERE scope = 'bev') AS bev,
        max(value) FILTER (WHERE scope = 'phev') AS phev,
        max(value) FILTER (WHERE scope = 'erev') AS erev,
        max(value) FILTER (WHERE scope = 'ice') AS ice,
        max(yoy_pct) FILTER (WHERE scope = 'all') AS total_yoy_pct,
        max(yoy_pct) FILTER (WHERE scope = 'nev') AS nev_yoy_pct,
        ['exact', 'approx', 'at_least'][max(qualifier_rank) + 1] AS qualifier,
        string_agg(DISTINCT release, ', ' ORDER BY release) AS releases
    FROM market
    GROUP BY period, metric, segment
),
penetration AS (
    SELECT period AS month, segment, value / 100.0 AS pct
    FROM core.core_current_figures
    WHERE entity = 'market' AND metric = 'penetration' AND period_grain = 'month'
)
SELECT
    p.month, p.month_start, p.year, p.metric, p.segment, p.total, p.nev, p.bev, p.phev, p.erev, p.ice,
    p.total_yoy_pct, p.nev_yoy_pct,
    round(p.nev / p.total * 100, 1) AS nev_share_pct,
    coalesce(r.pct, round(p.nev / p.total * 100, 1)) AS nev_penetration_pct,
    CASE WHEN r.pct IS NOT NULL THEN 'reported' WHEN p.nev / p.total IS NOT NULL THEN 'computed' END AS penetration_basis,
    p.qualifier, p.releases
FROM pivoted AS p
LEFT JOIN penetration AS r ON p.metric = 'retail' AND r.month = p.month AND r.segment = p.segment
ORDER BY p.month, p.metric
