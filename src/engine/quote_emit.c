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

/*
 * Is the mention at token tb a preposition's object in the span starting at
 * byte sb: right after it, or after a role's ("Sources close to Smith", "a
 * spokesman for the Parks and Recreation Department")? Not in a name:
 * "Secretary of State Ann Lee".
 */
static bool
after_role_preposition(const ws_doc *d, int32_t tb, int32_t sb)
{
	int32_t		k = tb - 1;

	/* right after it, past "the" or "Mr": "Patrick Dunn of Christie", "for Mr Hale" */
	while (k > 0 && (ws_tok_in(d, k, ws_qw_determiners) || (d->toks[k].lex & WS_LEX_HONORIFIC)))
		k--;
	if (k >= 0 && d->toks[k].b >= sb && ws_tok_in(d, k, ws_qw_object_prepositions))
		return true;
	for (k = tb - 1; k > 0 && d->toks[k].b >= sb; k--)
		if (ws_tok_in(d, k, ws_qw_object_prepositions) && (d->toks[k - 1].flags & WS_T_WORD) &&
			(!(d->toks[k - 1].flags & WS_T_CAP) || (d->toks[k - 1].flags & WS_T_SENT_START)))
			return true;
	return false;
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

		/*
		 * not a party tag ("Zoe Lofgren (D-Calif.)"), not "Ms", "An", "Police", "Half"
		 * or "Secretary" (of …) tagged alone, not a role's object ("sources close to
		 * Smith", "voters in a New York Times poll")
		 */
		if (m->actor < 0 || is_punct(d, m->tok_b - 1, '(') || after_role_preposition(d, m->tok_b, s.b) ||
			(m->tok_e - m->tok_b == 1 &&
			 ((d->toks[m->tok_b].lex & (WS_LEX_HONORIFIC | WS_LEX_FUNCTION)) ||
			  ws_tok_in(d, m->tok_b, ws_qw_group_nouns) || ws_tok_in(d, m->tok_b, ws_qw_partitives) ||
			  (ws_is_title_word(d, m->tok_b) && ws_tok_is(d, m->tok_e, "of")))))
			continue;
		if (m->kind == WS_PERSON)
			person = m->actor;
		else if (m->kind == WS_ORGANIZATION && org < 0)
			org = m->actor;
	}
	return person >= 0 ? person : org;
}

/* "a top GOP strategist", "one New Hampshire Democrat" name no one */
static bool
anonymous(const ws_doc *d, ws_range spk)
{
	return ws_tok_in(d, spk.b, ws_qw_indefinites) && !is_punct(d, spk.b + 1, '.') &&
		!ws_any_tok_in(d, spk.b, spk.e, ws_qw_spokespeople);
}

/* The name words from i on, with "of", "and" between them: "Parks and Recreation Department" */
static int32_t
name_run_end(const ws_doc *d, int32_t i, int32_t e)
{
	while (i < e && (ws_is_name_word(d, i) ||
					 ((ws_is_name_glue(d, i) || ws_tok_is(d, i, "and")) && i + 1 < e && ws_is_name_word(d, i + 1))))
		i++;
	return i;
}

/* "a Facebook spokesman", "a spokesman for Ryan": the name spoken for */
static ws_range
spoken_for(const ws_doc *d, ws_range spk)
{
	if (ws_any_tok_in(d, spk.b, spk.e, ws_qw_spokespeople))
		for (int32_t i = spk.b + 1; i < spk.e; i++)
			if (d->toks[i].flags & WS_T_CAP)
			{
				ws_range	r = ws_phrase_after(d, i, spk.e);

				if (r.b >= 0 && ws_tok_is(d, r.e, "and"))
					r.e = name_run_end(d, r.e, spk.e);
				return r;
			}
	return WS_NO_RANGE;
}

/*
 * Is the tagger's actor an organisation whose span is a title and the person
 * the resolver named ("MP Diane Cotterill", "Labour MP …" tagged one
 * organisation)? The head's last words must be that name, opening with a
 * first name, or of two words or more after an honorific or a listed title.
 */
static bool
titled_person_in_org(const ws_doc *d, const ws_actors *a, int32_t who, ws_range head, const char *name)
{
	int32_t		words = 1,
				b;

	if (a->actors[who].kind != WS_ORGANIZATION || !name)
		return false;
	for (const char *c = name; *c; c++)
		words += *c == ' ';
	b = head.e - words;
	if (b <= head.b || !ws_is_title_word(d, b - 1))
		return false;
	/* an unlisted first name after an honorific or a listed title only ("Cook Political Report") */
	if (!(d->toks[b].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) &&
		(words < 2 || !((d->toks[b - 1].lex & WS_LEX_HONORIFIC) || ws_tok_in(d, b - 1, ws_qw_title_words))))
		return false;
	return strcmp(ws_span_text(d, ws_tok_span(d, b, head.e), false), name) == 0;
}

/* Does name end in the words of part, and hold more ("Network Rail", "Rail")? */
static bool
name_ends_in(const char *name, const char *part)
{
	size_t		n = strlen(name),
				p = strlen(part);

	return n > p + 1 && name[n - p - 1] == ' ' && strcmp(name + n - p, part) == 0;
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

/*
 * The speaker of quote q from candidate c: its phrase's head as the mention,
 * then a name (the resolver's, or the one a spokesman speaks for), then the
 * tagger's actor at the mention or of that name, unless two actors speak.
 */
static void
resolve_quote_speaker(finder *f, ws_quote *q, const cand *c, ws_resolver *res, ws_actors *actors,
					  const named *names, int32_t nnames)
{
	ws_doc	   *d = f->d;
	ws_range	head = ws_phrase_head(d, c->speaker);
	int32_t		who;
	bool		spoken = false; /* the name is the one a spokesman speaks for */

	q->speaker = range_span(d, head);
	q->speaker_mention = ws_span_text(d, q->speaker, false);
	QF_TRACE(f, "speaker.phrase_head", "speaker", c->id, head.b, head.e, NULL);
	if (anonymous(d, c->speaker))
	{
		QF_TRACE(f, "speaker.anonymous", "speaker", c->id, c->speaker.b, c->speaker.e, "names no one");
		return;
	}
	q->speaker_name = ws_resolve_speaker(res, c->speaker);
	if (q->speaker_name == NULL)
	{
		ws_range	boss = spoken_for(d, c->speaker);

		q->speaker_name = ws_resolve_speaker(res, boss);
		if (q->speaker_name)
			QF_TRACE(f, "speaker.spoken_for", "speaker", c->id, boss.b, boss.e, q->speaker_name);
		spoken = q->speaker_name != NULL;
	}
	/* the tagger's actor, when it names this speaker, has the last word */
	who = actor_at(d, actors, q->speaker);
	/* but not when it is only the last words of the name spoken for ("Rail" of "A Network Rail spokeswoman") */
	if (who >= 0 && spoken && actors->actors[who].kind == WS_ORGANIZATION &&
		name_ends_in(q->speaker_name, actors->actors[who].name))
	{
		QF_TRACE(f, "speaker.spoken_for_whole", "speaker", c->id, head.b, head.e, q->speaker_name);
		return;
	}
	if (who >= 0)
		QF_TRACE(f, "speaker.tagger_actor_at_mention", "speaker", c->id, head.b, head.e,
				 actors->actors[who].name);
	if (who < 0)
	{
		who = actor_named(names, nnames, q->speaker_name);
		if (who >= 0)
			QF_TRACE(f, "speaker.actor_named", "speaker", c->id, head.b, head.e, actors->actors[who].name);
	}
	if (q->speaker_name && strstr(q->speaker_name, " and "))
	{
		QF_TRACE(f, "speaker.two_actors", "speaker", c->id, head.b, head.e, q->speaker_name);
		who = -1;				/* "Facebook and Twitter": two actors speak */
	}
	if (who >= 0 && titled_person_in_org(d, actors, who, head, q->speaker_name))
	{
		QF_TRACE(f, "speaker.titled_person_in_org", "speaker", c->id, head.b, head.e, q->speaker_name);
		who = -1;				/* "MP Diane Cotterill" tagged an organisation */
	}
	if (who >= 0 && actors->actors[who].kind != WS_PLACE)
	{
		/*
		 * a short form the entity layer completed ("Jayme" → "Jayme Closs",
		 * "IRCC" → its expansion) stays complete when the tagger's actor is
		 * only the form as written
		 */
		if (!q->speaker_name || !q->speaker_mention ||
			strcmp(actors->actors[who].name, q->speaker_mention) != 0 ||
			strlen(q->speaker_name) <= strlen(q->speaker_mention))
			q->speaker_name = actors->actors[who].name;
		else
			QF_TRACE(f, "speaker.entity_fuller_name", "speaker", c->id, head.b, head.e, q->speaker_name);
		actors->actors[who].quoted = true;
	}
	else if (who >= 0)
		QF_TRACE(f, "speaker.place_is_no_speaker", "speaker", c->id, head.b, head.e, NULL);
}

/* The candidates, in text order, as quotes with their content text, cue and speaker. */
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

		QF_TRACE(f, "emit.quote", "emitted", c->id, c->parts[0].b, c->parts[c->nparts - 1].e, NULL);
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
		if (c->inherit < 0)
		{
			resolve_quote_speaker(f, q, c, res, actors, names, nnames);
			continue;
		}
		/* continuation: same speaker, no local mention; find it by position */
		for (int32_t k = i - 1; k >= 0; k--)
			if (out->quotes[k].speaker_name || WS_SPAN_PRESENT(out->quotes[k].speaker))
			{
				q->speaker_name = out->quotes[k].speaker_name;
				QF_TRACE(f, "speaker.previous_quote", "speaker", c->id, c->parts[0].b, c->parts[0].b,
						 q->speaker_name);
				break;
			}
		q->speaker = WS_NO_SPAN;
	}
}
