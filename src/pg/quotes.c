/*
 * quotes.c — whosaid.quotes(body text): the engine's quotes as rows;
 * whosaid.quote_parts(body text): the stretches of each ("…," she said. "…").
 */
#include "whosaid_pg.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(quotes);
PG_FUNCTION_INFO_V1(quote_parts);

/* The text's quotes, in an arena inside *work, a context the caller deletes. */
static ws_quotes *
find_quotes(FunctionCallInfo fcinfo, MemoryContext *work)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	MemoryContext old;
	ws_doc	   *d;
	ws_quotes  *qs;

	whosaid_materialize(fcinfo);
	*work = AllocSetContextCreate(CurrentMemoryContext, "whosaid quotes", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(*work);
	d = whosaid_doc(body);
	qs = ws_find_quotes(d, ws_find_actors(d, whosaid_model()));
	MemoryContextSwitchTo(old);
	return qs;
}

Datum
quotes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext work;
	ws_quotes  *qs = find_quotes(fcinfo, &work);

	for (int32 i = 0; i < qs->n; i++)
	{
		ws_quote   *q = &qs->quotes[i];
		Datum		values[9];
		bool		nulls[9] = {0};

		values[0] = Int32GetDatum(i + 1);
		values[1] = CStringGetTextDatum(ws_quote_kind_name(q->kind));
		values[2] = whosaid_cstring_text(q->content_text, &nulls[2]);
		values[3] = whosaid_range(q->content, &nulls[3]);
		values[4] = whosaid_cstring_text(q->speaker_name, &nulls[4]);
		values[5] = whosaid_cstring_text(q->speaker_mention, &nulls[5]);
		values[6] = whosaid_range(q->speaker, &nulls[6]);
		values[7] = whosaid_cstring_text(q->cue_text, &nulls[7]);
		values[8] = whosaid_range(q->cue, &nulls[8]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	PG_RETURN_NULL();
}

Datum
quote_parts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext work;
	ws_quotes  *qs = find_quotes(fcinfo, &work);

	for (int32 i = 0; i < qs->n; i++)
	{
		ws_quote   *q = &qs->quotes[i];

		for (int32 k = 0; k < q->nparts; k++)
		{
			Datum		values[3];
			bool		nulls[3] = {0};

			values[0] = Int32GetDatum(i + 1);
			values[1] = Int32GetDatum(k + 1);
			values[2] = whosaid_range(q->parts[k], &nulls[2]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	MemoryContextDelete(work);
	PG_RETURN_NULL();
}
