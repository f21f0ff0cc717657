-- Bad actorvec and actorquery input is a soft error on PostgreSQL 16+: pg_input_is_valid()
-- and pg_input_error_info() see it without an ERROR (so does COPY ... ON_ERROR on 17+).
-- PostgreSQL 15 has neither function: expected/input_soft_errors_1.out.
SELECT pg_input_is_valid($$'Andrew Parker':person$$, 'whosaid.actorvec') AS good_vec,
       pg_input_is_valid($$'Andrew Parker':persn$$, 'whosaid.actorvec') AS bad_vec,
       pg_input_is_valid('speaker:Parker', 'whosaid.actorquery') AS good_query,
       pg_input_is_valid('Parker &', 'whosaid.actorquery') AS bad_query;
SELECT message, detail, sql_error_code FROM pg_input_error_info($$'A'x$$, 'whosaid.actorvec');
SELECT message, sql_error_code FROM pg_input_error_info('(Parker', 'whosaid.actorquery');
