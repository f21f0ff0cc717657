/*
 * quote_phrases.c — phrase chunking: the subject of a cue or a sentence, how a sentence goes on.
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

#define MAX_NP_PP 12			/* tokens of a prepositional phrase before a cue */

/*
 * A dateline opening the sentence at sb ("WASHINGTON —", "PARIS, Aug 31
 * (Reuters) -", "LA CROSSE, Wisc. —"): the token after its dash, else sb.
 */
static int32_t
after_dateline(const ws_doc *d, int32_t sb, int32_t to)
{
	if (sb >= to || !(d->toks[sb].flags & WS_T_ALLCAPS) || !(d->toks[sb].flags & WS_T_WORD))
		return sb;
	for (int32_t k = sb + 1; k < to && k - sb <= 12; k++)
	{
		if (d->toks[k].flags & WS_T_DASH)
			return k + 1;
		if (d->toks[k].quote || ((d->toks[k].flags & WS_T_WORD) && !(d->toks[k].flags & (WS_T_CAP | WS_T_NUM))))
			return sb;
	}
	return sb;
}

/*
 * The noun phrase opening the sentence at sb, before token `to`: "And then
 * Trump …", "As Ida Brisco, the deputy leader, put it", and past an opening phrase
 * ("Minutes later, she …", "In a statement, Rep. Jeffries …").
 */
ws_range
qf_sentence_subject(const finder *f, int32_t sb, int32_t to)
{
	const ws_doc *d = f->d;
	ws_range	np;

	sb = after_dateline(d, sb, to);
	while (sb < to && (ws_tok_in(d, sb, ws_qw_sentence_linkers)))
		sb++;
	np = ws_phrase_after(d, sb, to);
	/*
	 * "Instead, Will called …", "Holding signs, the protesters …": an opener;
	 * "King laughed" is a name
	 */
	if (np.e == np.b + 1 && (ws_tok_in(d, np.b, ws_qw_sentence_adverbs) || ws_tok_ends_with(d, np.b, "ly") ||
							 (ws_tok_ends_with(d, np.b, "ing") && np.e < to &&
							  !(d->toks[np.e].lex & WS_LEX_SPEECH) && !ws_tok_ends_with(d, np.e, "ed"))))
		np = WS_NO_RANGE;
	if (np.b < 0 || !is_punct(d, np.e, ','))
		for (int32_t k = sb; k + 1 < to && k - sb < MAX_OPENER; k++)
			if (is_punct(d, k, ','))
			{
				ws_range	after = ws_phrase_after(d, k + 1, to);

				/* "At a town hall in Keene, N.H., on Friday, Governor …" */
				if (after.b >= 0 && !ws_place_goes_on(d, after.b, after.e, sb))
					return after;
			}
	return np;
}

/* A preposition opening an adjunct ("in a statement", "on Tuesday"), not a clause ("after …") */
static bool
adjunct_preposition(const ws_doc *d, int32_t i)
{
	return ws_tok_in(d, i, ws_qw_tail_openers) && !ws_tok_in(d, i, ws_qw_subordinators);
}

/*
 * Is s, a phrase of no name, the object of a preposition in a phrase that
 * opens a conjunct ("X denied it and in a carefully worded reply said", "and
 * in a letter to staff said")? Then it is no subject ("and on Monday Mr Straw
 * said" has one).
 */
static bool
object_after_and(const ws_doc *d, ws_range s, int32_t lo)
{
	if (s.b - 1 < lo || (d->toks[s.e - 1].flags & WS_T_CAP) ||
		!(adjunct_preposition(d, s.b - 1) || ws_tok_in(d, s.b - 1, ws_qw_object_prepositions)))
		return false;
	for (int32_t k = s.b - 1; k > lo && s.b - k < MAX_NP_PP; k--)
	{
		if (ws_tok_in(d, k - 1, ws_qw_coordinators))
			return adjunct_preposition(d, k);
		if (!(d->toks[k - 1].flags & WS_T_WORD))
			return false;
	}
	return false;
}

/*
 * The subject of cue c: the noun phrase before it, except that a participle
 * ("…praised Putin, saying", "sent an email calling on") has the sentence's
 * subject; "with 22 percent saying" keeps its own.
 */
ws_range
qf_cue_subject(const finder *f, int32_t c, int32_t lo)
{
	const ws_doc *d = f->d;
	ws_range	s = ws_subject_before(d, c, lo);

	/* "…,” Trump said, adding …": the subject of the cue before the comma */
	if (c - 2 >= lo && ws_tok_ends_with(d, c, "ing") && is_punct(d, c - 1, ',') && qf_is_cue(f, c - 2))
	{
		ws_range	s2 = ws_subject_before(d, c - 2, lo);

		if (s2.b >= 0)
			return s2;
	}
	if (c > lo && ws_tok_ends_with(d, c, "ing") && !ws_tok_in(d, c - 1, ws_qw_progressive_aux) &&
		!(s.b > lo && ws_tok_is(d, s.b - 1, "with")))
		return qf_sentence_subject(f, lo, c);
	if (object_after_and(d, s, lo))
		return qf_sentence_subject(f, lo, c);
	return s;
}

/*
 * "…, adding that", "and said", "and then predicted:": the speaker of the
 * nearest earlier cue in the paragraph (direct candidates come first, in text
 * order; reported ones after them)
 */
ws_range
qf_previous_speaker(const finder *f, int32_t i)
{
	int32_t		para = f->d->toks[i].para;
	int32_t		best = -1,
				lo;

	/*
	 * reported candidates come in text order after the direct ones; while the
	 * direct ones are found (colon_intro), ndirect is 0 and this loop reads them
	 */
	for (int32_t k = f->n - 1; k >= f->ndirect; k--)
	{
		if (f->c[k].cue.b < 0)
			continue;
		if (f->d->toks[f->c[k].cue.b].para != para)
			break;
		if (f->c[k].cue.b < i && f->c[k].speaker.b >= 0)
		{
			best = k;
			break;
		}
	}
	/* direct candidates are in text order: start from the last one opening before i */
	lo = ws_lower_bound(f->c, f->ndirect, sizeof(cand), offsetof(cand, parts[0].b), i);
	for (int32_t k = lo + 1 < f->ndirect ? lo + 1 : f->ndirect - 1; k >= 0; k--)
	{
		const cand *c = &f->c[k];

		if (c->cue.b < 0 || c->cue.b >= i)
			continue;
		if (f->d->toks[c->cue.b].para != para)
			break;
		if (c->speaker.b >= 0 && (best < 0 || c->cue.b > f->c[best].cue.b))
			best = k;
		break;
	}
	return best >= 0 ? f->c[best].speaker : WS_NO_RANGE;
}

/*
 * Cue c follows "and", "but" or a comma, perhaps past an adverb or an
 * auxiliary ("and later said", "and have alleged").
 */
bool
qf_joins_previous(const ws_doc *d, int32_t c, int32_t lo)
{
	int32_t		p = c - 1;

	while (p > lo && (ws_tok_in(d, p, ws_qw_cue_adverbs) || ws_tok_in(d, p, ws_qw_perfect_aux)))
		p--;
	return is_punct(d, p, ',') || ws_tok_in(d, p, ws_qw_coordinators);
}

/* A lower-case word, not a participle, continues the sentence at token i. */
bool
qf_sentence_goes_on(const ws_doc *d, int32_t i)
{
	return i < d->ntoks && (d->toks[i].flags & WS_T_WORD) && !(d->toks[i].flags & WS_T_CAP) &&
		!(d->toks[i].flags & (WS_T_PARA_START | WS_T_SENT_START)) && !ws_tok_ends_with(d, i, "ing");
}

/* "and shared a link …", "but he also noted …": the subject of the sentence acts again */
bool
qf_narrator_goes_on(const ws_doc *d, int32_t i)
{
	if (!ws_tok_in(d, i, ws_qw_coordinators))
		return false;
	i++;
	if (ws_is_pronoun(d, i))
		i++;
	if (ws_tok_in(d, i, ws_qw_narrator_adverbs))
		i++;
	return i < d->ntoks && !(d->toks[i].flags & WS_T_CAP) && qf_past_tense(d, i);
}
