
-- 15_encoding.sql — the database encodings whosaid works in. Every server
-- encoding but SQL_ASCII converts to UTF-8, so spans count the characters
-- substr() counts; in SQL_ASCII bytes have no encoding (spans would count
-- UTF-8 characters while substr() counts bytes, and a byte like 0xff is not
-- text at all), so installing there is refused.

DO $$
BEGIN
	IF pg_catalog.getdatabaseencoding() = 'SQL_ASCII' THEN
		RAISE EXCEPTION 'whosaid cannot be installed in a SQL_ASCII database'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'In SQL_ASCII, text has no known encoding, so character spans and substr() would not agree.',
				  HINT = 'Create the database with ENCODING ''UTF8'' (CREATE DATABASE ... ENCODING ''UTF8'' TEMPLATE template0).';
	END IF;
END
$$;
