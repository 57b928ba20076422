-- Each maker's NEV wholesale as a share of CPCA's NEV wholesale for the whole
-- market, per month where both are known (both are CPCA wholesale counts, so
-- the share compares like with like).
-- @column maker_nev_wholesale: The maker's NEV wholesale (CPCA's maker ranking), vehicles.
-- @column maker_qualifier: exact, approx or at_least (e.g. a flash listing '20,000+').
-- @column maker_release: Stage of the maker's figure (flash, final, api).
-- @column maker_url: The document of the maker's figure.
-- @column market_nev_wholesale: CPCA's NEV wholesale for the whole market, vehicles.
-- @column market_qualifier: exact or approx (万辆 with one decimal).
-- @column market_release: Stage of the market figure (api, final, flash).
-- @column share: maker_nev_wholesale / market_nev_wholesale, between 0 and 1.
-- @column rank_in_month: The maker's rank by NEV wholesale among the makers known that month.
SELECT
    k.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh,
    k.period AS month, k.month_start, k.period_year AS year, k.segment,
    k.value AS maker_nev_wholesale, k.qualifier AS maker_qualifier, k.release AS maker_release, k.url AS maker_url,
    m.value AS market_nev_wholesale, m.qualifier AS market_qualifier, m.release AS market_release,
    k.value / m.value AS share,
    rank() OVER (PARTITION BY k.period, k.segment ORDER BY k.value DESC) AS rank_in_month
FROM core.core_monthly AS k
JOIN core.core_monthly AS m
    ON m.entity = 'market' AND m.metric = 'wholesale' AND m.scope = 'nev' AND m.period = k.period AND m.segment = k.segment
LEFT JOIN core.core_entities AS e ON e.id = k.entity
WHERE k.entity <> 'market' AND k.metric = 'wholesale' AND k.scope = 'nev'
ORDER BY k.period, rank_in_month
