/*
 * quotes.c — whosaid.quotes(body text): the engine's quotes as rows;
 * whosaid.quote_parts(body text): the stretches of each ("…," she said. "…").
 */
#include "whosaid_pg.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* One row of whosaid.quotes(): the n-th quote q. */
void
whosaid_quote_row(const ws_quote *q, int32 n, Datum *values, bool *nulls)
{
	memset(nulls, 0, sizeof(bool) * WHOSAID_QUOTE_COLS);
	values[0] = Int32GetDatum(n);
	values[1] = CStringGetTextDatum(ws_quote_kind_name(q->kind));
	values[2] = whosaid_cstring_text(q->content_text, &nulls[2]);
	values[3] = whosaid_range(q->content, &nulls[3]);
	values[4] = whosaid_cstring_text(q->speaker_name, &nulls[4]);
	values[5] = whosaid_cstring_text(q->speaker_mention, &nulls[5]);
	values[6] = whosaid_range(q->speaker, &nulls[6]);
	values[7] = whosaid_cstring_text(q->cue_text, &nulls[7]);
	values[8] = whosaid_range(q->cue, &nulls[8]);
}

PG_FUNCTION_INFO_V1(quotes);
PG_FUNCTION_INFO_V1(quote_parts);

/*
 * The text's quotes, after its actors (in *actors when not NULL, with their
 * quoted flags set), in the context *work of whosaid_find_actors().
 */
ws_quotes *
whosaid_find_quotes(text *body, MemoryContext *work, ws_actors **actors)
{
	ws_doc	   *d;
	ws_actors  *a = whosaid_find_actors(body, work, &d);
	MemoryContext old = MemoryContextSwitchTo(*work);
	ws_quotes  *qs = ws_find_quotes(d, a);

	MemoryContextSwitchTo(old);
	if (actors)
		*actors = a;
	return qs;
}

Datum
quotes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext work;
	ws_quotes  *qs;

	whosaid_materialize(fcinfo);
	qs = whosaid_find_quotes(PG_GETARG_TEXT_PP(0), &work, NULL);

	for (int32 i = 0; i < qs->n; i++)
	{
		Datum		values[WHOSAID_QUOTE_COLS];
		bool		nulls[WHOSAID_QUOTE_COLS];

		whosaid_quote_row(&qs->quotes[i], i + 1, values, nulls);
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
	ws_quotes  *qs;

	whosaid_materialize(fcinfo);
	qs = whosaid_find_quotes(PG_GETARG_TEXT_PP(0), &work, NULL);

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
