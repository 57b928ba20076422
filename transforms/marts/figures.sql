-- Every published figure ever parsed (all stages and revisions), with its provenance.
-- @column publisher: Who published the figure (cpca, nio, xiaomi, ..., press).
-- @column entity: Canonical entity id (see dim_entity).
-- @column metric: What was counted: deliveries, wholesale, retail, production, exports, sales, overseas_sales, deliveries_cumulative, target, penetration (in basis points).
-- @column scope: Powertrain scope: all, nev, bev, phev, erev, ice.
-- @column segment: passenger, or all when commercial vehicles are included.
-- @column period: YYYY-MM, YYYY-Qn, YYYY, or YYYY-MM-YTD (January through that month).
-- @column value: Vehicles (integer).
-- @column qualifier: exact, at_least (a published floor) or approx (rounded).
-- @column release: flash, final, api, results or article.
-- @column precedence: 1 company exact, 2 CPCA api, 3 CPCA final, 4 CPCA flash, 5 company lower bound, 6 press.
-- @column is_current: Whether this observation is the current value of its key.
SELECT
    publisher, entity, metric, scope, segment, period, period_grain, value, qualifier, release,
    yoy_pct, mom_pct, published_on, document_title, url, document_sha256, evidence, load_id,
    precedence, rank_in_key = 1 AS is_current
FROM core.core_figures_ranked
