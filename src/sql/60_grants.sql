-- 60_grants.sql — the privilege model (docs/security.md): every role may use
-- the functions, types and operators; the catalog whosaid.tracked is
-- written only by the extension's own SECURITY DEFINER functions, which no
-- role may call directly (their front functions check ownership first).

GRANT USAGE ON SCHEMA whosaid TO PUBLIC;

REVOKE EXECUTE ON FUNCTION
	whosaid._tracked_add_definer(regclass, name, name, text, regclass, regclass),
	whosaid._tracked_remove_definer(regclass),
	whosaid._tracked_progress_definer(regclass, text[], bigint, timestamptz),
	whosaid._tracked_rename_definer(regclass, name),
	whosaid._track_insert(),
	whosaid._track_update(),
	whosaid.tracked_drop()
FROM PUBLIC;
