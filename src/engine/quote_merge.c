/*
 * quote_merge.c — merging and continuation: nested reports dropped, quoted paragraphs that go on.
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

#include <stdlib.h>

/* A sentence in [from, to) other than the cue's: "…" She followed that by saying, "…" */
bool
qf_narrative_between(const finder *f, int32_t from, int32_t to, ws_range cue)
{
	for (int32_t k = from; k < to; k++)
		if ((f->d->toks[k].flags & WS_T_SENT_START) && !f->d->toks[k].quote &&
			!(cue.b >= k && cue.b < sentence_end(f, k)))
			return true;
	return false;
}

static bool
covers(const cand *c, int32_t i)
{
	return i >= c->parts[0].b && i < c->parts[c->nparts - 1].e;
}

/*
 * A report nested at the end of another ("Lindgren says she wants to extend
 * X": "to extend X") repeats its host's words; it stays only when its cue
 * is itself a plain speech verb. Reported candidates are in cue order.
 */
void
qf_drop_nested(finder *f)
{
	const ws_doc *d = f->d;
	uint8_t    *drop = ws_arena_alloc(d->arena, (size_t) (f->n + 1));
	int32_t		kept = f->ndirect,
				first = f->ndirect;	/* the first candidate whose cue may host c[k]'s */

	for (int32_t k = f->ndirect; k < f->n; k++)
	{
		const cand *b = &f->c[k];
		int32_t		head = b->cue.e - 1;

		while (f->c[first].cue.b < b->cue.b - 2 * MAX_CLAUSE)
			first++;
		if (ws_tok_in(d, head, ws_qw_plain_cue_heads))
			continue;
		for (int32_t a = first; a < f->n && f->c[a].cue.b <= b->cue.b + 2 * MAX_CLAUSE; a++)
		{
			const cand *h = &f->c[a];

			if (a != k && covers(h, b->cue.b) && !covers(b, h->cue.b) &&
				h->parts[h->nparts - 1].e <= b->parts[b->nparts - 1].e + 1)
			{
				drop[k] = 1;
				QF_TRACE(f, "merge.nested_report", "rejected", b->id, b->parts[0].b,
						 b->parts[b->nparts - 1].e, NULL);
				break;
			}
		}
	}
	for (int32_t k = f->ndirect; k < f->n; k++)
		if (!drop[k])
			f->c[kept++] = f->c[k];
	f->n = kept;
}

/* A quoted paragraph with no cue after a quote continues its speaker. */
void
qf_find_continuations(finder *f)
{
	ws_doc	   *d = f->d;
	int32_t		nsorted = f->n,
				p = -1;

	if (f->n > 1)
		qsort(f->c, (size_t) f->n, sizeof(cand), qf_cand_cmp);
	for (int32_t m = 0; m < f->marks->n; m++)
	{
		ws_marked  *mk = &f->marks->items[m];
		int32_t		prev,
					gap,
					words = 0,
					shouted = 0;
		cand	   *c;

		if (mk->used)
			continue;
		if (!(d->toks[mk->open].flags & (WS_T_PARA_START | WS_T_SENT_START)))
			continue;
		for (int32_t i = mk->ib; i < mk->ie; i++)
		{
			words += (d->toks[i].flags & WS_T_WORD) != 0;
			shouted += (d->toks[i].flags & WS_T_ALLCAPS) != 0;
		}
		if (words < 4 || shouted == words)
			continue;			/* “EVENTUALLY VOTERS MAKE GOOD DECISIONS”: a pull quote */
		while (p + 1 < nsorted && f->c[p + 1].parts[0].b < mk->open)
			p++;
		prev = p;
		if (prev < 0 || d->toks[mk->open].para - d->toks[f->c[prev].parts[f->c[prev].nparts - 1].b].para > 2)
			continue;
		/*
		 * In its paragraph, not a report inside a direct quote's attribution
		 * ("…," Trump said, after outlets declared him the victor. "…")
		 */
		if (f->c[prev].kind != WS_DIRECT && prev > 0 && f->c[prev - 1].kind == WS_DIRECT &&
			f->c[prev - 1].cue.b >= 0 &&
			d->toks[f->c[prev - 1].cue.b].sent == d->toks[f->c[prev].parts[0].b].sent &&
			d->toks[f->c[prev].parts[0].b].para == d->toks[mk->open].para)
			prev--;
		c = &f->c[prev];
		gap = d->toks[mk->open].para - d->toks[c->parts[c->nparts - 1].e - 1].para;
		/* in a later paragraph, only a quote opening it goes on */
		if (gap != 0 && !(d->toks[mk->open].flags & WS_T_PARA_START))
			continue;
		mk->used = true;
		/*
		 * The previous quote goes on: a direct one in its paragraph or the
		 * next; a reported one ("Beck said X. “Y.”") in its paragraph, and is
		 * then partly verbatim. Past a narrative sentence it is a quote of
		 * its own.
		 */
		if (c->nparts < MAX_PARTS && c->parts[c->nparts - 1].e <= mk->ib &&
			(c->kind == WS_DIRECT ? gap <= 1 : gap == 0) &&
			!qf_narrative_between(f, c->parts[c->nparts - 1].e, mk->open, c->cue))
		{
			if (c->kind == WS_INDIRECT)
				c->kind = WS_MIXED;
			qf_add_stretch(d, c, mk->ib, mk->ie);
			QF_TRACE(f, "merge.quote_goes_on", "extended", c->id, mk->ib, mk->ie, NULL);
			continue;
		}
		c = qf_new_cand(f);
		c->kind = WS_DIRECT;
		qf_add_stretch(d, c, mk->ib, mk->ie);
		c->inherit = prev;
		if (c->nparts == 0)
			f->n--;
		else
			QF_TRACE(f, "merge.continues_speaker", "made", c->id, mk->ib, mk->ie, NULL);
	}
}
