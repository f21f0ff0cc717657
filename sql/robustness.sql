-- Inputs that must neither crash nor hang a backend.

-- NULL in, no rows out (STRICT); empty text, no rows
SELECT count(*) FROM whosaid.quotes(NULL);
SELECT count(*) FROM whosaid.quotes('');

-- text made only of quotation marks, of every kind
SELECT count(*) FROM whosaid.quotes(repeat('"', 1001));
SELECT count(*) FROM whosaid.quotes(repeat('“', 500) || repeat('”', 500));
SELECT count(*) FROM whosaid.quotes(repeat($$'$$, 999) || repeat('‘’', 300) || repeat('«»', 200));

-- unbalanced marks: an opening mark never closed, a closing mark never opened
SELECT n, kind, content, speaker FROM whosaid.quotes('“Unclosed quote, said nobody. He said that it rained all day.');
SELECT n, kind, content, speaker FROM whosaid.quotes('Closed but never opened,” said Ann Lee. She said that it rained all day.');

-- 1 MB of straight double quotes
SELECT count(*) FROM whosaid.quotes(repeat('"', 1024 * 1024));

-- an 8 MB article (the longest text whosaid takes) is cancelled promptly by statement_timeout
CREATE TEMP TABLE big AS
SELECT repeat('“We will never give up,” said Ann Lee. She said that the fight would go on. ', 100000) AS body;
SELECT octet_length(body) >= 8 * 1000 * 1000 AS eight_mb FROM big;
SET statement_timeout = '300ms';
SELECT count(*) FROM big, whosaid.quotes(body);
RESET statement_timeout;

-- memory stays flat over 100,000 calls in one statement
CREATE FUNCTION pg_temp.backend_bytes() RETURNS bigint LANGUAGE sql
AS $$SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts$$;
DO $$
DECLARE
  after_1k bigint;
  n bigint := 0;
  k bigint;
BEGIN
  FOR i IN 1..100000 LOOP
    SELECT count(*) INTO k FROM whosaid.quotes('“We will win,” said Mr Smith. He said that taxes would rise by ' || i || ' percent.');
    n := n + k;
    IF i = 1000 THEN after_1k := pg_temp.backend_bytes(); END IF;
  END LOOP;
  RAISE NOTICE 'quotes: %, memory growth after the first 1000 calls under 1 MB: %',
    n, pg_temp.backend_bytes() - after_1k < 1024 * 1024;
END
$$;

-- invalid UTF-8 cannot reach the function (the server rejects it); a NUL-free
-- string of every Unicode plane goes through
SELECT count(*) FROM whosaid.quotes('“𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ünïcödé,” said Zoë Ünal. 中文 “引号” العربية');

-- a database in another encoding: LATIN1 text is read correctly, spans are characters
SELECT current_database() AS regress_db \gset
CREATE DATABASE whosaid_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c whosaid_latin1
SET client_encoding = 'UTF8';  -- this file is UTF-8; the server converts to LATIN1
CREATE EXTENSION whosaid;
SELECT n, kind, content, speaker, content_span, speaker_span
FROM whosaid.quotes('"Très bien, ça marche," said José Müller.');
\c :regress_db
DROP DATABASE whosaid_latin1;
