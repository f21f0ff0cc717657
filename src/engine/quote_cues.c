/*
 * quote_cues.c — cue lexicon: is a token a cue verb here, its phrase, what follows it.
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

/* "fired back", "chimed in", "went on" (not "went on to win"): a phrasal verb of speech headed at i */
static bool
phrasal_cue(const ws_doc *d, int32_t i)
{
	return (ws_tok_in(d, i, ws_qw_back_verbs) && ws_tok_is(d, i + 1, "back")) ||
		(ws_tok_in(d, i, ws_qw_in_verbs) && ws_tok_is(d, i + 1, "in")) ||
		(ws_tok_in(d, i, ws_qw_on_verbs) && ws_tok_is(d, i + 1, "on") && !ws_tok_is(d, i + 2, "to"));
}

/* ", “" / ": “" — what follows token i - 1 opens a quotation */
bool
qf_opens_quote(const ws_doc *d, int32_t i)
{
	if (is_punct(d, i, ',') || is_punct(d, i, ':'))
		i++;
	return i < d->ntoks && d->toks[i].quote;
}

/* A quotation ends just before token i or opens right after it: "“…,” it read" */
static bool
next_to_quote(const ws_doc *d, int32_t i)
{
	for (int32_t k = i - 1; k >= 0 && k >= i - 3; k--)
		if (d->toks[k].quote)
			return true;
	return qf_opens_quote(d, i + 1);
}

/*
 * Token i, an -ed form before "to", opens a reduced relative after a comma:
 * "The ferry terminal, initially expected to open last spring," and "spending, long
 * expected to rise," are passives saying nothing anyone said, and so is
 * "X, also called Y," (with an adverb, Y a bare noun: ", also called the plan
 * …" may report).
 */
static bool
reduced_relative(const ws_doc *d, int32_t i)
{
	int32_t		p = i - 1;
	bool		adverb = false;

	if (!ws_tok_ends_with(d, i, "ed"))
		return false;
	if (p > 0 && (ws_is_ly_adverb(d, p) || ws_tok_in(d, p, ws_qw_relative_adverbs)))
		p--, adverb = true;
	/*
	 * "A plea deal, also called plea bargaining, …" names
	 * it; "Jane Ruiz, the mayor, also called the plan …" is her report
	 */
	if (!ws_tok_is(d, i + 1, "to") &&
		!(adverb && ws_tok_in(d, i, ws_qw_naming_cues) && !ws_tok_in(d, i + 1, ws_qw_determiners_poss) &&
		  !ws_tok_in(d, i + 1, ws_qw_object_pronouns) && !(d->toks[i + 1].flags & WS_T_CAP) && !d->toks[i + 1].quote))
		return false;
	return is_punct(d, p, ',');
}

/*
 * "the politically charged term", "a widely reported claim": an -ed form after a
 * determiner and an -ly word, before a bare lower-case noun, modifies it ("His
 * family said he …", "the family reported the …" are reports).
 */
static bool
participle_before_noun(const ws_doc *d, int32_t i)
{
	int32_t		n = i + 1;

	return i > 1 && n < d->ntoks && ws_tok_ends_with(d, i, "ed") && ws_is_ly_adverb(d, i - 1) &&
		ws_tok_in(d, i - 2, ws_qw_determiners_poss) && (d->toks[n].flags & WS_T_WORD) &&
		!(d->toks[n].flags & (WS_T_CAP | WS_T_NUM)) && !ws_tok_in(d, n, ws_qw_determiners_poss) &&
		!ws_tok_in(d, n, ws_qw_object_pronouns) && !ws_tok_in(d, n, ws_qw_complementizer) &&
		!ws_is_pronoun(d, n);
}

/*
 * "was tracked and reported," / "were mocked and criticized in the school paper":
 * an -ed cue i after "and" or "or" and a passive participle, with no object
 * after it, is passive too ("the board was reshuffled and rejected the offer"
 * has an object, and a subject of its own).
 */
static bool
passive_before_and(const ws_doc *d, int32_t i)
{
	int32_t		p = i - 2;

	if (i < 3 || !qf_past_tense(d, i) || !(ws_tok_is(d, i - 1, "and") || ws_tok_is(d, i - 1, "or")) ||
		!qf_past_tense(d, p))
		return false;
	if (i + 1 < d->ntoks && !(d->toks[i + 1].flags & WS_T_PUNCT) && !ws_tok_in(d, i + 1, ws_qw_passive_tail_words))
		return false;
	if (i + 1 < d->ntoks && d->toks[i + 1].quote)
		return false;
	p--;
	if (p > 0 && ws_is_ly_adverb(d, p))
		p--;
	return ws_tok_in(d, p, ws_qw_passive_aux) || ws_tok_in(d, p, ws_qw_be_nonfinite);
}

/*
 * "a report that alleged …": "that" after a noun is a relative pronoun before
 * a past tense that is no noun and no passive ("that report" is a noun phrase,
 * "a tag that reads" a label, "That said," an opener, "that denounced by" a passive).
 */
static bool
relative_that(const ws_doc *d, int32_t i)
{
	return i >= 2 && ws_tok_is(d, i - 1, "that") && (d->toks[i - 2].flags & WS_T_WORD) &&
		!(d->toks[i - 2].lex & WS_LEX_FUNCTION) && !ws_tok_in(d, i, ws_qw_noun_risky) &&
		(qf_past_tense(d, i) || ws_tok_in(d, i, ws_qw_irregular_past_cues)) && !ws_tok_is(d, i + 1, "by");
}

/* Can token i open a clause after a noun: not a participle, a preposition or punctuation ("claims made by", "remarks on") */
static bool
clause_after_noun(const ws_doc *d, int32_t i)
{
	return i < d->ntoks && (d->toks[i].flags & WS_T_WORD) && !qf_past_tense(d, i) &&
		!ws_tok_in(d, i, ws_qw_object_prepositions) && !ws_tok_in(d, i, ws_qw_noun_prepositions) &&
		!ws_tok_in(d, i, ws_qw_np_prepositions);
}

/* Is token i a speech verb used as a verb here? */
bool
qf_is_cue(const finder *f, int32_t i)
{
	const ws_doc *d = f->d;
	const ws_tok *t = &d->toks[i];
	bool		went_on_to;

	if (f->in_quote[i] || ((t->flags & WS_T_CAP) && !(t->flags & WS_T_SENT_START)))
		return false;
	/* most tokens: neither a speech word nor a phrasal cue (the cheap test first) */
	if (!(t->lex & WS_LEX_SPEECH) && !phrasal_cue(d, i))
		return false;
	if (i > 0 && ws_tok_in(d, i - 1, ws_qw_determiners_poss) && !relative_that(d, i))
		return false;
	if (participle_before_noun(d, i))
		return false;
	if (phrasal_cue(d, i))
		return true;
	if (!(t->lex & WS_LEX_SPEECH) || ws_tok_in(d, i, ws_qw_non_cues))
		return false;
	went_on_to = ws_catenative_before(d, i) >= 0;
	if (i > 0 && ((ws_tok_is(d, i - 1, "to") && !went_on_to) ||
				  ws_tok_in(d, i - 1, ws_qw_be_nonfinite)))
		return false;
	/* base forms ("say", "warn") speak only after a plural subject or I/we/you/they */
	if (!went_on_to &&
		!ws_tok_ends_with(d, i, "ed") && !ws_tok_ends_with(d, i, "s") && !ws_tok_ends_with(d, i, "ing") &&
		!ws_tok_in(d, i, ws_qw_irregular_past_cues) && !(ws_tok_in(d, i, ws_qw_base_form_pasts) && next_to_quote(d, i)))
	{
		if (i == 0 || !(ws_tok_in(d, i - 1, ws_qw_plural_subjects) ||
						(d->toks[i - 1].flags & WS_T_NUM) || ws_tok_ends_with(d, i - 1, "s")))
			return false;
	}
	/*
	 * forms that are often nouns speak only right after their subject, or
	 * "by saying"; "somber" of "In somber comments," is none
	 */
	if (ws_tok_in(d, i, ws_qw_noun_risky) && i > 0 && !is_punct(d, i - 1, ',') && !d->toks[i - 1].quote &&
		!(ws_tok_is(d, i - 1, "by") && ws_tok_ends_with(d, i, "ing")))
	{
		ws_range	s;

		/*
		 * "asked about claims made by", "over remarks on the budget": the
		 * object of a preposition, with no clause of its own ("amid claims
		 * that …" reports one; not "went on to claim", "after saying")
		 */
		if ((ws_tok_in(d, i - 1, ws_qw_noun_prepositions) || ws_tok_in(d, i - 1, ws_qw_object_prepositions)) &&
			!ws_tok_is(d, i - 1, "to") && !ws_tok_ends_with(d, i, "ing") && !clause_after_noun(d, i + 1))
			return false;
		s = ws_subject_before(d, i, f->sent_b[t->sent]);
		if (s.b < 0 || (s.b > 0 && s.e == s.b + 1 && !(d->toks[s.b].flags & WS_T_CAP) &&
						ws_tok_in(d, s.b - 1, ws_qw_noun_prepositions)))
			return false;
		/*
		 * "and high hopes to return": a modifier, where "and officials claim"
		 * has a plural and "and made comments" a verb
		 */
		if (s.b > 0 && s.e == s.b + 1 && !(d->toks[s.b].flags & WS_T_CAP) && !ws_is_pronoun(d, s.b) &&
			!ws_tok_ends_with(d, s.b, "s") && !qf_past_tense(d, s.b) && ws_tok_in(d, s.b - 1, ws_qw_noun_conjunctions))
			return false;
		/* "McCallum's two big-ticket promises": the "subject" modifies the noun */
		if (s.b > 0 && (d->toks[s.b - 1].flags & WS_T_POSSESSIVE) && !(d->toks[s.b].flags & WS_T_CAP))
			return false;
	}
	if (reduced_relative(d, i))
		return false;
	/* "appears to …", "it appeared that …", not "appeared at the debate" */
	if (ws_tok_in(d, i, ws_qw_appear_forms) && !ws_tok_in(d, i + 1, ws_qw_complement_openers))
		return false;
	/* passive "was told", "was quickly dismissed"; progressive "is insisting" speaks */
	if (i > 0 && !ws_tok_ends_with(d, i, "ing"))
	{
		int32_t		p = i - 1;

		if (p > 0 && ws_is_ly_adverb(d, p))
			p--;
		if (ws_tok_in(d, p, ws_qw_passive_aux))
			return false;
		/* "how spending was tracked and reported," shares the passive */
		if (passive_before_and(d, i))
			return false;
	}
	return true;
}

/* Is [b,e) a plausible object phrase (reporters, the BBC, the Senate)? */
int32_t
qf_object_end(const ws_doc *d, int32_t b, int32_t hi)
{
	int32_t		e = b;

	while (e < hi && e - b < 6)
	{
		const ws_tok *t = &d->toks[e];

		if (ws_tok_in(d, e, ws_qw_complement_openers) ||
			(t->flags & WS_T_PUNCT && !(t->flags & WS_T_POSSESSIVE)))
			break;
		/* "Owen Pryce of Channel Nine" */
		if (e > b && ws_tok_is(d, e, "of") && (d->toks[e - 1].flags & WS_T_CAP) &&
			e + 1 < hi && (d->toks[e + 1].flags & WS_T_CAP))
		{
			e++;
			continue;
		}
		if (e > b && ws_tok_in(d, e, ws_qw_determiners_poss) && !ws_tok_in(d, e - 1, ws_qw_determiners_poss) &&
			!(t->flags & WS_T_POSSESSIVE))
			break;				/* "told the Senate | the program …" */
		if ((t->lex & WS_LEX_FUNCTION) && !ws_tok_in(d, e, ws_qw_determiners_poss) &&
			!ws_tok_in(d, e, ws_qw_object_pronouns))
			break;
		e++;
	}
	return e;
}

/* Cue phrase: aux before (has called, is insisting, went on to say), particle after (called on/for). */
ws_range
qf_cue_phrase(const ws_doc *d, int32_t c, int32_t lo)
{
	ws_range	r = {c, c + 1};
	int32_t		went_on_to = ws_catenative_before(d, c);

	if (went_on_to >= lo)
		r.b = went_on_to;
	while (r.b - 1 >= lo && (ws_tok_in(d, r.b - 1, ws_qw_perfect_aux) ||
							 (ws_tok_ends_with(d, c, "ing") && ws_tok_in(d, r.b - 1, ws_qw_progressive_aux))))
		r.b--;
	if (c + 1 < d->ntoks && ws_tok_in(d, c + 1, ws_qw_call_particles) &&
		ws_tok_in(d, c, ws_qw_call_forms))
		r.e++;
	if (phrasal_cue(d, c))
		r.e++;
	return r;
}

/*
 * "shouted that …" and chanting “We are Dunmore” report; "smiled as they walked
 * on stage" does not
 */
bool
qf_reports_clause(const ws_doc *d, int32_t i)
{
	bool		phrasal = phrasal_cue(d, i);
	int32_t		next = i + 1 + phrasal;

	if (!phrasal && !ws_tok_in(d, i, ws_qw_manner_cues))
		return true;
	return ws_tok_in(d, next, ws_qw_complementizer) || (next < d->ntoks && d->toks[next].quote);
}

/*
 * "to" at token i opens an infinitive ("expected to win"), not a hearer ("said
 * to reporters", "told to the BBC", "to them"): a lower-case word after it that
 * is no determiner, pronoun or plural noun.
 */
static bool
infinitive_at(const ws_doc *d, int32_t i)
{
	int32_t		v = i + 1;

	return ws_tok_is(d, i, "to") && v < d->ntoks && (d->toks[v].flags & WS_T_WORD) &&
		!(d->toks[v].flags & (WS_T_CAP | WS_T_NUM)) &&
		!ws_tok_in(d, v, ws_qw_determiners_poss) && !ws_tok_in(d, v, ws_qw_object_pronouns) &&
		!(ws_tok_ends_with(d, v, "s") && !ws_tok_ends_with(d, v, "ss"));
}

/* Only a short tail ("in a statement", "on Tuesday", "Monday") follows the cue. */
bool
qf_tail_only(const ws_doc *d, int32_t from, int32_t se)
{
	int32_t		words = 0;

	if (infinitive_at(d, from))
		return false;			/* "Lee expected to win the seat": what was expected */

	for (int32_t i = from; i < se; i++)
	{
		/* "…, Hollande said Tuesday, noting …" */
		if (i > from && !ws_tok_is(d, from, "to") && is_punct(d, i, ',') &&
			ws_tok_ends_with(d, i + 1, "ing"))
			break;
		if (ws_tok_in(d, i, ws_qw_complementizer))
			return false;
		if (d->toks[i].quote || is_punct(d, i, ':'))
			return false;		/* "She went on to say:" introduces what follows */
		if ((d->toks[i].flags & WS_T_WORD) && ++words > 5)
			return false;
	}
	if (words == 0)
		return true;
	return words <= 5 && ws_tok_in(d, from, ws_qw_tail_openers);
}

/* A past-tense verb: in -ed, or a common irregular one */
bool
qf_past_tense(const ws_doc *d, int32_t i)
{
	return ws_tok_ends_with(d, i, "ed") || ws_tok_in(d, i, ws_qw_irregular_pasts);
}
