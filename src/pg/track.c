/*
 * track.c — what the tracked-table procedures cannot ask in SQL.
 */
#include "whosaid_pg.h"

#include "access/xact.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/memutils.h"

/*
 * Whether the caller runs inside a transaction block (BEGIN ... or several
 * statements sent as one), where a procedure cannot COMMIT: whosaid.backfill()
 * asks first, to say so and what to do instead of failing at its first COMMIT.
 */
PG_FUNCTION_INFO_V1(_track_in_transaction_block);
Datum
_track_in_transaction_block(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IsTransactionBlock());
}

/*
 * whosaid._track_extract(body text): the quotes and the actors of a text in
 * one call, for the statement that fills the derived tables of a tracked table
 * (_track_insert_sql()): whosaid.quotes() tags the text's actors to name the
 * speakers, so calling it and whosaid.actors() ran the tokenizer and the tagger
 * twice per row. The columns are those of the two tables: a row with n > 0 is
 * the n-th quote (whosaid.quotes()'s columns, the actor columns null), a row
 * with n < 0 the -n-th actor (whosaid.actors()'s columns, kind its kind, the
 * quote columns null). The values are those the two functions return: finding
 * the quotes only flags actors as quoted, which actors() does not show.
 */
PG_FUNCTION_INFO_V1(_track_extract);
Datum
_track_extract(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext work;
	ws_actors  *ac;
	ws_quotes  *qs;
	Datum		values[15];
	bool		nulls[15];

	whosaid_materialize(fcinfo);
	qs = whosaid_find_quotes(PG_GETARG_TEXT_PP(0), &work, &ac);

	for (int32 i = 0; i < qs->n; i++)
	{
		memset(nulls, true, sizeof(nulls));
		whosaid_quote_row(&qs->quotes[i], i + 1, values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	for (int32 i = 0; i < ac->nactors; i++)
	{
		Datum		a[WHOSAID_ACTOR_COLS];
		bool		an[WHOSAID_ACTOR_COLS];
		static const int col[WHOSAID_ACTOR_COLS] = {9, 1, 10, 11, 12, 13, 14};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		memset(nulls, true, sizeof(nulls));
		values[0] = Int32GetDatum(-(i + 1));
		nulls[0] = false;
		whosaid_actor_row(&ac->actors[i], a, an);
		for (int k = 0; k < WHOSAID_ACTOR_COLS; k++)
		{
			values[col[k]] = a[k];
			nulls[col[k]] = an[k];
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	PG_RETURN_NULL();
}
