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

/*
 * Which actors of ac the query's positive names match, as @@ matches them
 * (against the actors as to_actorvec() stores them): per actor, and their
 * names sorted in *names.
 */
static bool *
matched_actors(const ws_doc *d, const ws_actors *ac, const ws_aq *q,
			   const char ***names, int32 *nnames)
{
	bool	   *pos = palloc0(sizeof(bool) * Max(q->n, 1)),
			   *matched,
			   *entry_matched;
	ws_av	   *v;

	if (q->n > 0)
		mark_positive(q, 0, false, pos);
	v = actorvec_of_actors(d->arena, ac);
	entry_matched = palloc0(sizeof(bool) * Max(v->n, 1));
	ws_av_mark_matches(v, q, pos, entry_matched);
	matched = palloc0(sizeof(bool) * Max(ac->nactors, 1));
	*names = palloc(sizeof(char *) * Max(ac->nactors, 1));
	*nnames = 0;
	for (int32 i = 0; i < ac->nactors; i++)
	{
		int32		e = entry_of(v, &ac->actors[i]);

		matched[i] = e >= 0 && entry_matched[e];
		if (matched[i])
			(*names)[(*nnames)++] = ac->actors[i].name;
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	qsort(*names, *nnames, sizeof(char *), cmp_cstr);
	return matched;
}

static void
add_span(span *sp, int32 *nsp, ws_span s)
{
	if (!WS_SPAN_PRESENT(s))
		return;
	sp[*nsp].b = s.b;
	sp[*nsp].e = s.e;
	(*nsp)++;
}

/*
 * What to mark: the mentions of the matched actors, and the quotes whose
 * speaker's name a matched actor has (their parts, or their content).
 */
static span *
spans_to_mark(const ws_actors *ac, const ws_quotes *qs, const bool *matched,
			  const char **names, int32 nnames, int32 *nsp)
{
	int32		cap = ac->nmentions;
	span	   *sp;

	for (int32 k = 0; k < qs->n; k++)
		cap += Max(qs->quotes[k].nparts, 1);
	sp = palloc(sizeof(span) * Max(cap, 1));
	*nsp = 0;
	for (int32 i = 0; i < ac->nmentions; i++)
	{
		const ws_mention *m = &ac->mentions[i];

		if (m->actor >= 0 && m->actor < ac->nactors && matched[m->actor])
			add_span(sp, nsp, m->span);
	}
	for (int32 k = 0; k < qs->n; k++)
	{
		const ws_quote *qt = &qs->quotes[k];

		if (qt->speaker_name == NULL ||
			bsearch(&qt->speaker_name, names, nnames, sizeof(char *), cmp_cstr) == NULL)
			continue;
		if (qt->nparts > 0)
			for (int32 j = 0; j < qt->nparts; j++)
				add_span(sp, nsp, qt->parts[j]);
		else
			add_span(sp, nsp, qt->content);
	}
	return sp;
}

/* The text with the spans, merged where they overlap or touch, between startsel and stopsel. */
static void
mark_spans(StringInfo out, const ws_doc *d, span *sp, int32 nsp,
		   const char *startsel, const char *stopsel)
{
	int32		at = 0;

	qsort(sp, nsp, sizeof(span), cmp_span);
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
		appendBinaryStringInfo(out, d->text + at, b - at);
		appendStringInfoString(out, startsel);
		appendBinaryStringInfo(out, d->text + b, e - b);
		appendStringInfoString(out, stopsel);
		at = e;
	}
	appendBinaryStringInfo(out, d->text + at, d->len - at);
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
	bool	   *matched;
	const char **names;
	int32		nnames,
				nsp;
	span	   *sp;
	StringInfoData out;
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
	matched = matched_actors(d, ac, &q, &names, &nnames);
	sp = spans_to_mark(ac, qs, matched, names, nnames, &nsp);
	initStringInfo(&out);
	mark_spans(&out, d, sp, nsp, startsel, stopsel);
	MemoryContextSwitchTo(old);
	result = cstring_to_text(pg_any_to_server(out.data, out.len, PG_UTF8));
	MemoryContextDelete(work);
	PG_RETURN_TEXT_P(result);
}
