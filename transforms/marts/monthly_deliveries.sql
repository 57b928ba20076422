-- One row per entity, month, metric, scope and segment with its current value
-- (chosen by precedence: company exact > CPCA api > CPCA final > CPCA flash >
-- company lower bound > press citing CPCA > other press; ties to the latest
-- publication) and
-- where it came from, YoY and MoM (reported where the document gives them,
-- else computed) and the year to date.
-- @column precedence: Rank of the chosen observation: 1 company exact, 2 CPCA api, 3 CPCA final, 4 CPCA flash, 5 company lower bound or estimate, 6 press citing CPCA, 7 other press.
-- @column observations: How many documents state a value for this key (see revisions and figures for the others).
-- @column document_title: Title of the document the value was read from.
-- @column yoy_pct: Year-on-year change in percent: as reported, else computed from the same key 12 months earlier (never from a lower bound).
-- @column yoy_basis: reported or computed; empty when no YoY is known.
-- @column mom_pct: Month-on-month change in percent: as reported, else computed from the previous month (never from a lower bound).
-- @column mom_basis: reported or computed; empty when no MoM is known.
-- @column value_year_ago: The same key's current value 12 months earlier, if known.
-- @column value_month_ago: The same key's current value a month earlier, if known.
-- @column ytd_value: January through this month: a reported year-to-date figure, else the sum of the year's complete quarters and this quarter's months when every part is known; empty otherwise.
-- @column ytd_basis: reported or summed.
-- @column ytd_qualifier: exact, approx, or at_least when any part is a floor.
SELECT
    m.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh,
    m.period AS month, m.month_start, m.period_year AS year,
    m.metric, m.scope, m.segment, m.value, m.qualifier, m.publisher, m.release, m.published_on,
    m.url, m.document_title, m.document_sha256, m.precedence, m.observations,
    m.yoy_pct, m.yoy_basis, m.mom_pct, m.mom_basis, m.value_year_ago, m.value_month_ago,
    y.ytd_value, CASE WHEN y.ytd_value IS NOT NULL THEN y.ytd_basis END AS ytd_basis, y.ytd_qualifier
FROM core.core_monthly AS m
LEFT JOIN core.core_entities AS e ON e.id = m.entity
LEFT JOIN core.core_ytd AS y
    ON y.entity = m.entity AND y.metric = m.metric AND y.scope = m.scope AND y.segment = m.segment
    AND y.period_year = m.period_year AND y.period_month = m.period_month
ORDER BY m.entity, m.metric, m.scope, m.segment, m.period
