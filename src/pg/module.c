/*
 * module.c — the extension's entry point and the glue every SQL function
 * shares: engine hooks (palloc, CHECK_FOR_INTERRUPTS), text in, spans out.
 */
#include "whosaid_pg.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"
#include "catalog/pg_type.h"

#include "ner.h"

WS_MODULE_MAGIC;

void		_PG_init(void);

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
	if (process_shared_preload_libraries_in_progress)
		warm_up();
}

ws_doc *
whosaid_doc(text *body)
{
	int			enc = GetDatabaseEncoding();
	char	   *s = VARDATA_ANY(body);
	int			len = VARSIZE_ANY_EXHDR(body);

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII)
	{
		/* every server encoding converts to UTF-8; offsets stay in characters */
		s = (char *) pg_do_encoding_conversion((unsigned char *) s, len, enc, PG_UTF8);
		if (s != VARDATA_ANY(body))
			len = strlen(s);
	}
	return ws_doc_new(ws_arena_new(), s, len);
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
