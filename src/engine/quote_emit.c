/*
 * quote_emit.c — emitting: candidates to ws_quote, speakers resolved to actors.
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

#include <stdlib.h>

static ws_span
range_span(const ws_doc *d, ws_range r)
{
	if (r.b < 0 || r.e <= r.b)
		return WS_NO_SPAN;
	return ws_tok_span(d, r.b, r.e);
}

/* The actor with a mention overlapping byte span s, or -1 (mentions are in text order). */
static int32_t
actor_at(const ws_doc *d, const ws_actors *a, ws_span s)
{
	int32_t		lo,
				person = -1,
				org = -1;

	if (a == NULL || !WS_SPAN_PRESENT(s))
		return -1;
	/* the first mention ending after s begins */
	lo = ws_lower_bound(a->mentions, a->nmentions, sizeof(ws_mention), offsetof(ws_mention, span.e),
						s.b + 1);
	/*
	 * The last person among the overlapping mentions ("the FBI's James
	 * Comey", "Chicago Alderman Jason Ervin"), else the first organisation.
	 */
	for (; lo < a->nmentions && a->mentions[lo].span.b < s.e; lo++)
	{
		const ws_mention *m = &a->mentions[lo];

		/* not a party tag ("Zoe Lofgren (D-Calif.)"), not "Ms" tagged alone */
		if (m->actor < 0 || is_punct(d, m->tok_b - 1, '(') ||
			(m->tok_e - m->tok_b == 1 && (d->toks[m->tok_b].lex & WS_LEX_HONORIFIC)))
			continue;
		if (m->kind == WS_PERSON)
			person = m->actor;
		else if (m->kind == WS_ORGANIZATION && org < 0)
			org = m->actor;
	}
	return person >= 0 ? person : org;
}

static const char *const indefinites[] = {
	"a", "an", "one", "some", "another", "other", "several", NULL
};

static const char *const spokespeople[] = {
	"spokesman", "spokeswoman", "spokesperson", "representative", NULL
};

/* "a top GOP strategist", "one New Hampshire Democrat" name no one */
static bool
anonymous(const ws_doc *d, ws_range spk)
{
	return ws_tok_in(d, spk.b, indefinites) && !is_punct(d, spk.b + 1, '.') &&
		!ws_any_tok_in(d, spk.b, spk.e, spokespeople);
}

/* "a Facebook spokesman", "a spokesman for Ryan": the name spoken for */
static ws_range
spoken_for(const ws_doc *d, ws_range spk)
{
	if (ws_any_tok_in(d, spk.b, spk.e, spokespeople))
		for (int32_t i = spk.b + 1; i < spk.e; i++)
			if (d->toks[i].flags & WS_T_CAP)
				return ws_phrase_after(d, i, spk.e);
	return WS_NO_RANGE;
}

/* An actor's canonical name, for a sorted index */
typedef struct named
{
	const char *name;
	int32_t		actor;
} named;

static int
named_cmp(const void *a, const void *b)
{
	const named *x = a,
			   *y = b;
	int			c = strcmp(x->name, y->name);

	return c ? c : (x->actor > y->actor) - (x->actor < y->actor);
}

/* The actors with a canonical name, sorted by it; *n gets their number. */
static named *
index_names(ws_doc *d, const ws_actors *a, int32_t *n)
{
	named	   *ix;

	*n = 0;
	if (!a || a->nactors == 0)
		return NULL;
	ix = ws_arena_alloc(d->arena, sizeof(named) * (size_t) a->nactors);
	for (int32_t i = 0; i < a->nactors; i++)
		if (a->actors[i].name)
			ix[(*n)++] = (named) {a->actors[i].name, i};
	qsort(ix, (size_t) *n, sizeof(named), named_cmp);
	return ix;
}

/* The first actor whose canonical name is name, or -1. */
static int32_t
actor_named(const named *ix, int32_t n, const char *name)
{
	int32_t		lo = 0,
				hi = n;

	if (!name)
		return -1;
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (strcmp(ix[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(ix[lo].name, name) == 0 ? ix[lo].actor : -1;
}

void
qf_emit(finder *f, ws_quotes *out, ws_resolver *res, ws_actors *actors)
{
	ws_doc	   *d = f->d;
	int32_t		nnames;
	named	   *names = index_names(d, actors, &nnames);

	if (f->n > 1)
		qsort(f->c, (size_t) f->n, sizeof(cand), qf_cand_cmp);
	out->quotes = ws_arena_alloc(d->arena, sizeof(ws_quote) * (size_t) (f->n ? f->n : 1));
	for (int32_t i = 0; i < f->n; i++)
	{
		cand	   *c = &f->c[i];
		ws_quote   *q = &out->quotes[out->n++];
		size_t		len = 0;
		char	   *buf;

		q->kind = c->kind;
		q->nparts = c->nparts;
		q->parts = ws_arena_alloc(d->arena, sizeof(ws_span) * (size_t) c->nparts);
		for (int32_t k = 0; k < c->nparts; k++)
		{
			q->parts[k] = range_span(d, c->parts[k]);
			len += (size_t) (q->parts[k].e - q->parts[k].b) + 1;
		}
		q->content = q->parts[0];
		q->content.e = q->parts[c->nparts - 1].e;
		q->content.ce = q->parts[c->nparts - 1].ce;
		buf = ws_arena_alloc(d->arena, len + 1);
		len = 0;
		for (int32_t k = 0; k < c->nparts; k++)
		{
			if (k)
				buf[len++] = ' ';
			memcpy(buf + len, d->text + q->parts[k].b, (size_t) (q->parts[k].e - q->parts[k].b));
			len += (size_t) (q->parts[k].e - q->parts[k].b);
		}
		q->content_text = buf;
		q->cue = range_span(d, c->cue);
		q->cue_text = ws_span_text(d, q->cue, false);
		if (c->inherit >= 0)
		{
			/* continuation: same speaker, no local mention; find it by position */
			for (int32_t k = i - 1; k >= 0; k--)
				if (out->quotes[k].speaker_name || WS_SPAN_PRESENT(out->quotes[k].speaker))
				{
					q->speaker_name = out->quotes[k].speaker_name;
					break;
				}
			q->speaker = WS_NO_SPAN;
			continue;
		}
		{
			ws_range	head = ws_phrase_head(d, c->speaker);

			int32_t		who;

			q->speaker = range_span(d, head);
			q->speaker_mention = ws_span_text(d, q->speaker, false);
			if (anonymous(d, c->speaker))
				continue;
			q->speaker_name = ws_resolve_speaker(res, c->speaker);
			if (q->speaker_name == NULL)
				q->speaker_name = ws_resolve_speaker(res, spoken_for(d, c->speaker));
			/* the tagger's actor, when it names this speaker, has the last word */
			who = actor_at(d, actors, q->speaker);
			if (who < 0)
				who = actor_named(names, nnames, q->speaker_name);
			if (q->speaker_name && strstr(q->speaker_name, " and "))
				who = -1;		/* "Facebook and Twitter": two actors speak */
			if (who >= 0 && actors->actors[who].kind != WS_PLACE)
			{
				q->speaker_name = actors->actors[who].name;
				actors->actors[who].quoted = true;
			}
		}
	}
}
