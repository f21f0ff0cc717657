/*
 * highlight.c — whosaid.highlight(body, query, options): the text with the
 * mentions of the actors a query names, and the quotes those actors are
 * the speakers of, wrapped in StartSel/StopSel (ts_headline's options and
 * defaults: <b> and </b>). Actors named only under ! are not marked.
 */
#include "actorvec.h"

#include "commands/defrem.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct span
{
	int32		b,
				e;
} span;

static int
cmp_span(const void *x, const void *y)
{
	const span *a = x,
			   *b = y;

	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return (a->e > b->e) - (a->e < b->e);
}

/* Name nodes not under an odd number of !: the actors the user asks for. */
static void
mark_positive(const ws_aq *q, int32 i, bool neg, bool *pos)
{
	const ws_aq_node *nd = &q->nodes[i];
	int32		j = i + 1;

	switch (nd->type)
	{
		case WS_AQ_NAME:
			pos[i] = !neg;
			break;
		case WS_AQ_NOT:
			mark_positive(q, i + 1, !neg, pos);
			break;
		default:
			for (int32 k = 0; k < nd->nargs; k++, j += q->nodes[j].size)
				mark_positive(q, j, neg, pos);
	}
}

static int
cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *) x, *(const char *const *) y);
}

/* The entry of v holding actor act (entries are sorted by name bytes, then kind), or -1. */
static int32
entry_of(const ws_av *v, const ws_actor *act)
{
	int32		lo = 0,
				hi = v->n;
	uint8		kind = actorvec_kind(act);

	if (act->name == NULL)
		return -1;
	while (lo < hi)
	{
		int32		mid = lo + (hi - lo) / 2;
		int			c = strcmp(ws_av_name(v, mid), act->name);

		if (c == 0)
			c = (int) v->entries[mid].kind - (int) kind;
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void
read_options(text *opts, char **startsel, char **stopsel)
{
	List	   *l;
	ListCell   *lc;

	if (opts == NULL || VARSIZE_ANY_EXHDR(opts) == 0)
		return;
	l = deserialize_deflist(PointerGetDatum(opts));
	foreach(lc, l)
	{
		DefElem    *d = (DefElem *) lfirst(lc);

		if (pg_strcasecmp(d->defname, "StartSel") == 0)
			*startsel = defGetString(d);
		else if (pg_strcasecmp(d->defname, "StopSel") == 0)
			*stopsel = defGetString(d);
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized highlight option \"%s\"", d->defname),
					 errhint("The options are StartSel and StopSel, e.g. 'StartSel=<em>, StopSel=</em>'.")));
	}
}

PG_FUNCTION_INFO_V1(highlight);

Datum
highlight(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	ActorQuery *qp = PG_GETARG_ACTORQUERY_P(1);
	text	   *opts = PG_NARGS() > 2 ? PG_GETARG_TEXT_PP(2) : NULL;
	char	   *startsel = "<b>",
			   *stopsel = "</b>";
	const ws_model *model;
	MemoryContext work,
				old;
	ws_aq		q;
	ws_doc	   *d;
	ws_actors  *ac;
	ws_quotes  *qs;
	bool	   *pos,
			   *matched,
			   *entry_matched;
	ws_av	   *v;
	const char **names;
	int32		nnames = 0;
	span	   *sp;
	int32		nsp = 0,
				cap;
	StringInfoData out;
	char	   *res;
	text	   *result;

	read_options(opts, &startsel, &stopsel);
	actorquery_view(qp, &q);
	model = whosaid_model();	/* loaded outside the short-lived context */

	work = AllocSetContextCreate(CurrentMemoryContext, "whosaid highlight",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	startsel = pg_server_to_any(startsel, strlen(startsel), PG_UTF8);
	stopsel = pg_server_to_any(stopsel, strlen(stopsel), PG_UTF8);
	d = whosaid_doc(body);
	ac = ws_find_actors(d, model);
	qs = ws_find_quotes(d, ac);

	pos = palloc0(sizeof(bool) * Max(q.n, 1));
	if (q.n > 0)
		mark_positive(&q, 0, false, pos);

	/* the actors as to_actorvec() stores them, matched as @@ matches them */
	v = actorvec_of_actors(d->arena, ac);
	entry_matched = palloc0(sizeof(bool) * Max(v->n, 1));
	ws_av_mark_matches(v, &q, pos, entry_matched);
	matched = palloc0(sizeof(bool) * Max(ac->nactors, 1));
	names = palloc(sizeof(char *) * Max(ac->nactors, 1));
	for (int32 i = 0; i < ac->nactors; i++)
	{
		int32		e = entry_of(v, &ac->actors[i]);

		matched[i] = e >= 0 && entry_matched[e];
		if (matched[i])
			names[nnames++] = ac->actors[i].name;
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	qsort(names, nnames, sizeof(char *), cmp_cstr);

	cap = ac->nmentions;
	for (int32 k = 0; k < qs->n; k++)
		cap += Max(qs->quotes[k].nparts, 1);
	sp = palloc(sizeof(span) * Max(cap, 1));
	for (int32 i = 0; i < ac->nmentions; i++)
	{
		const ws_mention *m = &ac->mentions[i];

		if (m->actor >= 0 && m->actor < ac->nactors && matched[m->actor] &&
			WS_SPAN_PRESENT(m->span))
		{
			sp[nsp].b = m->span.b;
			sp[nsp].e = m->span.e;
			nsp++;
		}
	}
	for (int32 k = 0; k < qs->n; k++)
	{
		const ws_quote *qt = &qs->quotes[k];
		bool		mine = false;

		if (qt->speaker_name == NULL)
			continue;
		/* the quote is marked when a matched actor has its speaker's name */
		mine = bsearch(&qt->speaker_name, names, nnames, sizeof(char *), cmp_cstr) != NULL;
		if (!mine)
			continue;
		if (qt->nparts > 0)
			for (int32 j = 0; j < qt->nparts; j++)
			{
				if (!WS_SPAN_PRESENT(qt->parts[j]))
					continue;
				sp[nsp].b = qt->parts[j].b;
				sp[nsp].e = qt->parts[j].e;
				nsp++;
			}
		else if (WS_SPAN_PRESENT(qt->content))
		{
			sp[nsp].b = qt->content.b;
			sp[nsp].e = qt->content.e;
			nsp++;
		}
	}

	/* merge overlapping and touching spans, then mark them */
	qsort(sp, nsp, sizeof(span), cmp_span);
	initStringInfo(&out);
	{
		int32		at = 0;

		for (int32 i = 0; i < nsp;)
		{
			int32		b = sp[i].b,
						e = sp[i].e;

			for (i++; i < nsp && sp[i].b <= e; i++)
				e = Max(e, sp[i].e);
			b = Max(b, at);
			e = Min(e, d->len);
			if (b >= e)
				continue;
			appendBinaryStringInfo(&out, d->text + at, b - at);
			appendStringInfoString(&out, startsel);
			appendBinaryStringInfo(&out, d->text + b, e - b);
			appendStringInfoString(&out, stopsel);
			at = e;
		}
		appendBinaryStringInfo(&out, d->text + at, d->len - at);
	}
	MemoryContextSwitchTo(old);
	res = pg_any_to_server(out.data, out.len, PG_UTF8);
	result = cstring_to_text(res);
	MemoryContextDelete(work);
	PG_RETURN_TEXT_P(result);
}
