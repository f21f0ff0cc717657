/*
 * module.c — the extension's entry point and the glue every SQL function
 * shares: engine hooks (palloc, CHECK_FOR_INTERRUPTS), text in, spans out.
 */
#include "whosaid_pg.h"
#include "claimvec_pg.h"

#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"
#include "catalog/pg_type.h"
#include "utils/guc.h"

#include "ner.h"

WS_MODULE_MAGIC;

extern PGDLLEXPORT void _PG_init(void);

static void *
pg_alloc(size_t size)
{
	return palloc_extended(size, MCXT_ALLOC_HUGE);
}

static void
pg_free(void *p)
{
	pfree(p);
}

static void
pg_interrupt(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* The engine cannot go on (ICU failed, memory ran out): an ERROR, never an empty result. */
static void
pg_engine_error(ws_error_code code, const char *message)
{
	ereport(ERROR,
			(errcode(code == WS_ERROR_OUT_OF_MEMORY ? ERRCODE_OUT_OF_MEMORY :
					 ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("whosaid engine: %s", message)));
}

/*
 * What the engine builds on first use in a process: ICU's word break
 * iterator, the lexicon and gazetteer tables, the tagger model. One short
 * text through the whole engine builds them all. A missing or damaged model
 * is left for the first call to report, so that the server still starts.
 */
static void
warm_up(void)
{
	static const char text[] = "\"We will win,\" said Jane Smith, the mayor of London.";
	ws_arena   *a = ws_arena_new();
	ws_doc	   *d = ws_doc_new(a, text, (int32_t) strlen(text));

	(void) ws_gazetteer_lookup(d, 0, 1);
	if (whosaid_model_preload())
		(void) ws_find_quotes(d, ws_find_actors(d, whosaid_model()));
	ws_arena_free(a);
}

/*
 * Loaded through shared_preload_libraries, the postmaster builds the
 * engine's tables once and every backend forked from it starts warm;
 * otherwise each backend builds them on its first call (a few ms).
 */
void
_PG_init(void)
{
	ws_alloc_hook = pg_alloc;
	ws_free_hook = pg_free;
	ws_interrupt_hook = pg_interrupt;
	ws_error_hook = pg_engine_error;
	whosaid_claims_init();
	MarkGUCPrefixReserved("whosaid");
	if (process_shared_preload_libraries_in_progress)
		warm_up();
}

ws_doc *
whosaid_doc(text *body)
{
	int			enc = GetDatabaseEncoding();
	char	   *s = VARDATA_ANY(body);
	int			len = VARSIZE_ANY_EXHDR(body);

	if (len <= WHOSAID_MAX_TEXT && enc != PG_UTF8 && enc != PG_SQL_ASCII)
	{
		/* every server encoding converts to UTF-8; offsets stay in characters */
		s = (char *) pg_do_encoding_conversion((unsigned char *) s, len, enc, PG_UTF8);
		if (s != VARDATA_ANY(body))
			len = strlen(s);
	}
	if (len > WHOSAID_MAX_TEXT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text is too long for whosaid (%d bytes, at most %d)", len, WHOSAID_MAX_TEXT),
				 errdetail("Extraction needs about 80 bytes of memory per byte of text."),
				 errhint("Split the text, for example at paragraphs; see docs/limits.md.")));
	return ws_doc_new(ws_arena_new(), s, len);
}

void
whosaid_materialize(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	desc = (TupleDesc) fcinfo->flinfo->fn_extra;
	MemoryContext old;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (desc == NULL)
	{
		/*
		 * The row type, looked up once per call site: get_call_result_type
		 * leaves about 700 bytes of catalog copies in the per-query context
		 * on every call, which over a statement of 200,000 rows is 150 MB.
		 */
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		fcinfo->flinfo->fn_extra = desc;
		MemoryContextSwitchTo(old);
	}
	/* the executor frees the descriptor and ends the tuplestore after each call */
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setDesc = CreateTupleDescCopy(desc);
	rsinfo->setResult = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
											  false, work_mem);
	MemoryContextSwitchTo(old);
}

Datum
whosaid_range(ws_span s, bool *isnull)
{
	static TypeCacheEntry *typcache;
	RangeBound	lo,
				hi;

	*isnull = !WS_SPAN_PRESENT(s);
	if (*isnull)
		return (Datum) 0;
	if (typcache == NULL)
		typcache = lookup_type_cache(INT4RANGEOID, TYPECACHE_RANGE_INFO);
	lo.val = Int32GetDatum(s.cb + 1);
	lo.infinite = false;
	lo.inclusive = true;
	lo.lower = true;
	hi.val = Int32GetDatum(s.ce + 1);
	hi.infinite = false;
	hi.inclusive = false;
	hi.lower = false;
	return RangeTypePGetDatum(ws_make_range(typcache, &lo, &hi, false));
}

Datum
whosaid_cstring_text(const char *s, bool *isnull)
{
	*isnull = (s == NULL);
	if (s == NULL)
		return (Datum) 0;
	/* the engine speaks UTF-8; give the database its own encoding back */
	return PointerGetDatum(cstring_to_text(pg_any_to_server(s, strlen(s), PG_UTF8)));
}
