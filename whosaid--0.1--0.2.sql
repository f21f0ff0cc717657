-- whosaid 0.1 -> 0.2 update script: ALTER EXTENSION whosaid UPDATE TO '0.2'.
-- It brings a 0.1 installation to exactly what whosaid--0.2.sql (src/sql/*.sql)
-- creates; test/cli/upgrade.sh compares the two catalogs object by object and
-- checks that tables tracked under 0.1 keep working. One section per change,
-- in the order the changes landed. docs/upgrading.md says what it does to
-- existing tracked tables.
\echo Use "ALTER EXTENSION whosaid UPDATE TO '0.2'" to load this file. \quit
