-- The delivery tables built so far (views in the marts schema) and their columns.
SELECT table_name, column_name
FROM information_schema.columns
WHERE table_schema = 'marts'
