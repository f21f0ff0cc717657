/*
 * quote_finder.c — the driver: candidates, the stages in order.
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

cand *
qf_new_cand(finder *f)
{
	cand	   *c;

	f->c = ws_arena_grow(f->d->arena, f->c, f->n, &f->cap, f->n + 1, sizeof(cand));
	c = &f->c[f->n++];
	memset(c, 0, sizeof(*c));
	c->speaker = WS_NO_RANGE;
	c->cue = WS_NO_RANGE;
	c->inherit = -1;
	c->id = f->made++;
	return c;
}

int
qf_cand_cmp(const void *a, const void *b)
{
	const cand *x = a,
			   *y = b;

	return (x->parts[0].b > y->parts[0].b) - (x->parts[0].b < y->parts[0].b);
}

ws_quotes *
ws_find_quotes(ws_doc *d, ws_actors *actors)
{
	ws_quotes  *out = ws_arena_alloc(d->arena, sizeof(ws_quotes));
	finder		f = {d};

	if (d->ntoks == 0)
		return out;
	f.marks = ws_find_marks(d);
	f.in_quote = ws_arena_alloc(d->arena, (size_t) d->ntoks);
	f.cue_used = ws_arena_alloc(d->arena, (size_t) d->ntoks);
	for (int32_t m = 0; m < f.marks->n; m++)
		for (int32_t i = f.marks->items[m].open; i < f.marks->items[m].close_end; i++)
			f.in_quote[i] = 1;
	f.sent_b = ws_arena_alloc(d->arena, sizeof(int32_t) * (size_t) d->nsents);
	f.sent_e = ws_arena_alloc(d->arena, sizeof(int32_t) * (size_t) d->nsents);
	for (int32_t i = d->ntoks - 1; i >= 0; i--)
		f.sent_b[d->toks[i].sent] = i;
	for (int32_t i = 0; i < d->ntoks; i++)
		f.sent_e[d->toks[i].sent] = i + 1;

	qf_find_direct(&f);
	f.ndirect = f.n;
	qf_find_reported(&f);
	qf_drop_nested(&f);
	qf_find_continuations(&f);
	qf_emit(&f, out, ws_resolver_new(d, actors, f.in_quote), actors);
	ws_flag_speakers(d->arena, actors, out);
	return out;
}
