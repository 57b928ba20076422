-- The delivery tables of the build (warehouse.models.materialize: tables build.marts.*) and their columns.
SELECT table_name, column_name
FROM information_schema.columns
WHERE table_catalog = 'build' AND table_schema = 'marts'
