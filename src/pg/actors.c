/*
 * actors.c — whosaid.mentions(body) and whosaid.actors(body): the engine's
 * named actors as rows, one per mention or one per actor.
 */
#include "whosaid_pg.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* Tag and resolve in a context of its own; the caller deletes it. */
ws_actors *
whosaid_find_actors(text *body, MemoryContext *work, ws_doc **doc)
{
	MemoryContext old;
	ws_actors  *a;
	const ws_model *model = whosaid_model();	/* loaded outside the short-lived context */

	*work = AllocSetContextCreate(CurrentMemoryContext, "whosaid actors", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(*work);
	*doc = whosaid_doc(body);
	a = ws_find_actors(*doc, model);
	MemoryContextSwitchTo(old);
	return a;
}

PG_FUNCTION_INFO_V1(mentions);

Datum
mentions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *body = PG_GETARG_TEXT_PP(0);
	MemoryContext work;
	ws_doc	   *d;
	ws_actors  *a;

	whosaid_materialize(fcinfo);
	a = whosaid_find_actors(body, &work, &d);
	for (int32 i = 0; i < a->nmentions; i++)
	{
		ws_mention *m = &a->mentions[i];
		Datum		values[5];
		bool		nulls[5] = {0};
		char	   *surface;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		surface = pnstrdup(d->text + m->span.b, m->span.e - m->span.b);
		values[0] = Int32GetDatum(i + 1);
		values[1] = whosaid_cstring_text(surface, &nulls[1]);
		values[2] = whosaid_range(m->span, &nulls[2]);
		values[3] = CStringGetTextDatum(ws_kind_name(m->kind));
		values[4] = whosaid_cstring_text(m->actor >= 0 ? a->actors[m->actor].name : NULL, &nulls[4]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		pfree(surface);
	}
	MemoryContextDelete(work);
	PG_RETURN_NULL();
}

/* One row of whosaid.actors(): the actor x (its aliases array palloc'd). */
void
whosaid_actor_row(const ws_actor *x, Datum *values, bool *nulls)
{
	Datum	   *elems;
	bool		dummy;

	memset(nulls, 0, sizeof(bool) * WHOSAID_ACTOR_COLS);
	values[0] = whosaid_cstring_text(x->name, &nulls[0]);
	values[1] = CStringGetTextDatum(ws_kind_name(x->kind));
	values[2] = whosaid_cstring_text(x->role, &nulls[2]);
	values[3] = whosaid_cstring_text(x->affiliation, &nulls[3]);
	elems = palloc(sizeof(Datum) * (x->naliases + 1));
	for (int32 k = 0; k < x->naliases; k++)
		elems[k] = whosaid_cstring_text(x->aliases[k], &dummy);
	values[4] = PointerGetDatum(construct_array(elems, x->naliases, TEXTOID, -1, false, TYPALIGN_INT));
	values[5] = Int32GetDatum(x->nmentions);
	values[6] = whosaid_range(x->first, &nulls[6]);
	pfree(elems);
}

PG_FUNCTION_INFO_V1(actors);

Datum
actors(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *body = PG_GETARG_TEXT_PP(0);
	MemoryContext work;
	ws_doc	   *d;
	ws_actors  *a;

	whosaid_materialize(fcinfo);
	a = whosaid_find_actors(body, &work, &d);
	for (int32 i = 0; i < a->nactors; i++)
	{
		Datum		values[WHOSAID_ACTOR_COLS];
		bool		nulls[WHOSAID_ACTOR_COLS];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		whosaid_actor_row(&a->actors[i], values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	PG_RETURN_NULL();
}
