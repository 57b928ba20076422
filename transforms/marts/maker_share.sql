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
WITH cpca_nev_wholesale AS (
    -- CPCA's own current figure of each key (api > final > flash), whatever a
    -- company or the press says: the share is CPCA's count over CPCA's count.
    SELECT *, make_date(period_year, period_month, 1) AS month_start
    FROM core.core_figures_ranked
    WHERE publisher = 'cpca' AND rank_in_publisher_kind = 1
      AND metric = 'wholesale' AND scope = 'nev' AND period_grain = 'month'
)
SELECT
    k.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh,
    k.period AS month, k.month_start, k.period_year AS year, k.segment,
    k.value AS maker_nev_wholesale, k.qualifier AS maker_qualifier, k.release AS maker_release, k.url AS maker_url,
    m.value AS market_nev_wholesale, m.qualifier AS market_qualifier, m.release AS market_release,
    k.value / m.value AS share,
    rank() OVER (PARTITION BY k.period, k.segment ORDER BY k.value DESC) AS rank_in_month
FROM cpca_nev_wholesale AS k
JOIN cpca_nev_wholesale AS m
    ON m.entity = 'market' AND m.period = k.period AND m.segment = k.segment
LEFT JOIN core.core_entities AS e ON e.id = k.entity
WHERE k.entity <> 'market'
ORDER BY k.period, rank_in_month
