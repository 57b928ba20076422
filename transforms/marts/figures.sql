-- Every published figure ever parsed (all stages and revisions), with its
-- provenance and whether it is the current value of its key.
-- @column period: YYYY-MM, YYYY-Qn, YYYY-H1, YYYY, or YYYY-MM-YTD (January through that month).
-- @column period_grain: month, quarter, half, year or ytd.
-- @column year: The calendar year of the period.
-- @column metric: What was counted: deliveries, wholesale, retail, production, exports, sales, overseas_sales, deliveries_cumulative, target, penetration (in basis points).
-- @column value: Vehicles (integer); basis points for penetration; a floor when qualifier is at_least.
-- @column yoy_pct: Year-on-year change in percent, as the document states it.
-- @column mom_pct: Month-on-month change in percent, as the document states it.
-- @column document_title: Title of the document.
-- @column evidence: The words of the document the figure was read from.
-- @column load_id: The run that loaded it.
-- @column cites: Whom the document gives as the figure's source (cpca for a press reprint of CPCA's data), empty when the publisher's own.
-- @column precedence: 1 company exact, 2 CPCA api, 3 CPCA final, 4 CPCA flash, 5 company lower bound or estimate, 6 press citing CPCA, 7 other press.
-- @column is_current: Whether this observation is the current value of its key (entity, metric, scope, segment, period).
SELECT
    publisher, cites, entity, metric, scope, segment, period, period_grain, period_year AS year, value, qualifier, release,
    yoy_pct, mom_pct, published_on, document_title, url, document_sha256, evidence, load_id,
    precedence, rank_in_key = 1 AS is_current
FROM core.core_figures_ranked
ORDER BY entity, metric, scope, segment, period, precedence
