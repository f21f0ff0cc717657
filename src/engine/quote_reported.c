/*
 * quote_reported.c — reported speech: a cue with a subject and its clause (indirect, mixed).
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

/*
 * A report [b, e) is mixed if one of its quotations runs MIXED_MIN_WORDS
 * words or more; scare-quoted terms, however many, leave it indirect.
 */
ws_quote_kind
qf_report_kind(const finder *f, int32_t b, int32_t e)
{
	const ws_doc *d = f->d;

	for (int32_t m = first_mark_at(f->marks, b); m < f->marks->n && f->marks->items[m].open < e; m++)
	{
		const ws_marked *mk = &f->marks->items[m];
		int32_t		words = 0;

		for (int32_t i = mk->ib; i < mk->ie && i < e; i++)
			if ((d->toks[i].flags & WS_T_WORD) && ++words >= MIXED_MIN_WORDS)
				return WS_MIXED;
	}
	return WS_INDIRECT;
}

/* Does [b, e) overlap a direct quote or its cue? (binary search: they are in order) */
static bool
overlaps_direct(finder *f, int32_t b, int32_t e)
{
	int32_t		lo = 0,
				hi = f->ndirect;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;
		cand	   *c = &f->c[mid];

		if (c->parts[c->nparts - 1].e + RIGHT_WINDOW <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int32_t i = lo; i < f->ndirect && f->c[i].parts[0].b < e + RIGHT_WINDOW; i++)
	{
		cand	   *c = &f->c[i];

		if (c->parts[0].b < e && c->parts[c->nparts - 1].e > b)
			return true;
		if (c->cue.b >= b && c->cue.b < e)
			return true;
	}
	return false;
}

static int32_t
trim_end(const ws_doc *d, int32_t b, int32_t e)
{
	while (e > b && (d->toks[e - 1].flags & WS_T_PUNCT) && !d->toks[e - 1].quote)
		e--;
	return e;
}

/* "Asked about …", "When asked …": a sentence opening with a question put to the speaker */
static bool
asked_at(const ws_doc *d, int32_t sb)
{
	return ws_tok_is(d, sb, "asked") || ws_tok_is(d, sb + 1, "asked");
}

/*
 * "revealed that …, and said …" / "…, adding that …" / "…,” claiming …": a
 * second report ends the clause [b, e); returns its new end. Only the first
 * few cues are looked at: a run of cues is no clause, and must not cost a
 * subject search per cue per cue.
 */
static int32_t
cut_at_second_report(finder *f, int32_t b, int32_t e)
{
	const ws_doc *d = f->d;

	for (int32_t k = b + 1, cues = 0; k < e && cues < MAX_CUT_CUES; k++)
	{
		ws_range	s;
		int32_t		cut = -1;	/* the clause ends before token cut */

		if (!qf_is_cue(f, k))
			continue;
		cues++;
		if ((after_comma(d, k) || ws_tok_is(d, k - 1, "and") || ws_tok_is(d, k - 1, "but")) &&
			ws_subject_before(d, k, k - 1).b < 0)
			cut = k;
		else
		{
			/* "…,” he claimed …": another speaker's report */
			s = ws_subject_before(d, k, b);
			if (s.b > b + 1 && !is_punct(d, k + 1, ',') &&
				(after_comma(d, s.b) || is_punct(d, s.b - 1, ':') || is_punct(d, s.b - 1, ';')))
				cut = s.b;
			/* "rejected the charge, and her allies insist …": a clause with its own subject */
			else if (s.b > b + 2 && !is_punct(d, k + 1, ',') && ws_tok_in(d, s.b - 1, ws_qw_coordinators) &&
					 after_comma(d, s.b - 1))
				cut = s.b - 1;
		}
		if (cut >= 0)
			return d->toks[cut - 1].quote ? cut : cut - 1;	/* keep a closing mark */
	}
	return e;
}

/*
 * The narrator goes on inside the clause [b, e): "…,” but he gave the Vermonter
 * a compliment", "said talks “should be finished by the summer break,” referring to …".
 * Returns the clause's new end.
 */
static int32_t
cut_where_narrator_goes_on(const finder *f, int32_t b, int32_t e, int32_t first_mark)
{
	const ws_doc *d = f->d;

	for (int32_t k = b + 1; k + 2 < e; k++)
		if (after_comma(d, k) && ws_tok_is(d, k, "but") && ws_is_pronoun(d, k + 1) &&
			qf_past_tense(d, k + 2))
		{
			e = k;
			break;
		}
	for (int32_t m = first_mark; m < f->marks->n && f->marks->items[m].close_end + 1 < e; m++)
	{
		int32_t		k = f->marks->items[m].close_end,
					next = is_punct(d, k, ',') || (d->toks[k].flags & WS_T_DASH) ? k + 1 :
			is_punct(d, f->marks->items[m].close - 1, ',') ? k : -1;

		int32_t		w = next >= 0 ? next : k;	/* the word after the quoted words */

		if (!(d->toks[w].flags & WS_T_CAP) && !ws_tok_is(d, w, "including") &&
			((next >= 0 && (ws_tok_ends_with(d, w, "ing") || ws_tok_is(d, w, "while"))) ||
			 (qf_narrator_goes_on(d, w) &&
			  (m + 1 == f->marks->n || f->marks->items[m + 1].open >= e))))
			return k;
	}
	return e;
}

/*
 * The clause's last token: out to the closing mark of a quotation it opens
 * ("Keller said that “bus drivers” “keep this city moving. And …”"), back
 * over trailing punctuation, "and", "but".
 */
static int32_t
clause_end_trimmed(const finder *f, int32_t b, int32_t e, int32_t first_mark)
{
	const ws_doc *d = f->d;

	for (int32_t m = first_mark; m < f->marks->n && f->marks->items[m].open < e; m++)
		if (f->marks->items[m].close_end > e && f->marks->items[m].first_para_end < 0)
			e = f->marks->items[m].close_end;
	e = trim_end(d, b, e);
	while (e > b && (ws_tok_is(d, e - 1, "and") || ws_tok_is(d, e - 1, "but") || is_punct(d, e - 1, ',')))
		e = trim_end(d, b, e - 1);
	return e;
}

/* Is [b, e) one quoted stretch, marks and all, the first at or after b (mark m)? */
static bool
all_quoted(const finder *f, int32_t m, int32_t b, int32_t e)
{
	return m < f->marks->n && f->marks->items[m].open == b && f->marks->items[m].close_end == e &&
		f->marks->items[m].first_para_end < 0;
}

/*
 * A reported clause [b, e) with its speaker and cue. A hole inside it (the
 * ", she said," of "Over the winters, she said, letters have …") is left out of
 * the content, which then has two parts.
 */
static void
add_reported(finder *f, const char *rule, int32_t b, int32_t e, ws_range hole, ws_range spk, ws_range cue)
{
	ws_doc	   *d = f->d;
	cand	   *c;
	int32_t		words = 0,
				first_e,		/* the parts: [b, first_e) and [rest_b, e) */
				rest_b,
				first_mark,
				id = f->made,	/* the number the candidate gets, for the trace */
				e0;

	/* a run-on "sentence" must not make every cue's clause the whole text */
	if (e - b > MAX_CLAUSE)
	{
		if (cue.b >= e)
			b = e - MAX_CLAUSE;
		else
			e = b + MAX_CLAUSE;
	}
	first_mark = first_mark_at(f->marks, b);
	e0 = e;
	e = cut_at_second_report(f, b, e);
	if (e != e0)
		QF_TRACE(f, "reported.cut_at_second_report", "cut", id, e, e0, NULL);
	e0 = e;
	e = cut_where_narrator_goes_on(f, b, e, first_mark);
	if (e != e0)
		QF_TRACE(f, "reported.cut_where_narrator_goes_on", "cut", id, e, e0, NULL);
	e0 = e;
	e = clause_end_trimmed(f, b, e, first_mark);
	if (e > e0)
		QF_TRACE(f, "reported.to_closing_mark", "extended", id, e0, e, NULL);
	while (b < e && is_punct(d, b, ','))
		b++;
	for (int32_t i = b; i < e; i++)
		words += (d->toks[i].flags & WS_T_WORD) != 0;
	if (words < 3 || overlaps_direct(f, b, e))
	{
		QF_TRACE(f, rule, "rejected", id, b, e, words < 3 ? "fewer than 3 words" : "overlaps a direct quote");
		f->made++;				/* the number stays with what the trace showed */
		return;
	}
	if (hole.b > b && hole.e < e)
	{
		first_e = trim_end(d, b, hole.b);
		rest_b = hole.e;
		while (rest_b < e && (d->toks[rest_b].flags & WS_T_PUNCT) && !d->toks[rest_b].quote)
			rest_b++;
	}
	else
		first_e = rest_b = b;	/* no hole: one part [b, e) */
	if (first_e <= b && rest_b >= e)
	{
		QF_TRACE(f, rule, "rejected", id, b, e, "nothing left around the cue");
		f->made++;
		return;
	}
	c = qf_new_cand(f);
	QF_TRACE(f, rule, "made", c->id, b, e, hole.b >= 0 ? "the cue's words are left out" : NULL);
	c->kind = qf_report_kind(f, b, e);
	if (first_e <= b && cue.b >= e && all_quoted(f, first_mark, b, e))
	{
		/* all quoted before its cue: "“The plan is dead,” according to X" is direct */
		c->kind = WS_DIRECT;
		c->parts[c->nparts++] = (ws_range) {f->marks->items[first_mark].ib, f->marks->items[first_mark].ie};
	}
	else
	{
		if (first_e > b)
			c->parts[c->nparts++] = (ws_range) {b, first_e};
		if (rest_b < e)
			c->parts[c->nparts++] = (ws_range) {rest_b, e};
	}
	c->speaker = spk;
	c->cue = cue;
	/* quoted stretches inside the clause are part of it, not quotes of their own */
	for (int32_t m = first_mark; m < f->marks->n && f->marks->items[m].open < e; m++)
		f->marks->items[m].used = true;
}

/* Where the reported clause starts after cue phrase `cue`. */
static int32_t
clause_start(const ws_doc *d, ws_range cue, int32_t se)
{
	int32_t		c = cue.e - 1;
	int32_t		b = cue.e;

	if (ws_tok_in(d, c, ws_qw_object_verbs))
	{
		int32_t		oe = qf_object_end(d, b, se);

		if (oe < se && ws_tok_is(d, oe, "to") && !ws_tok_is(d, c, "told"))
			return b;			/* warned X to …: the directive includes X */
		b = oe;
	}
	else if (ws_tok_in(d, c, ws_qw_directive_verbs) || ws_tok_is(d, c, "on") || ws_tok_is(d, c, "for"))
		return b;				/* urged X to …, called on X to … */
	if (b < se && (is_punct(d, b, ',') || is_punct(d, b, ':')))
		b++;
	/* "announced last week that …", "admitted to the paper that …" */
	if (b < se && ws_tok_in(d, b, ws_qw_adjunct_openers))
	{
		for (int32_t k = b + 1; k < se && k - b < 5 && !(d->toks[k].flags & WS_T_PUNCT); k++)
			if (ws_tok_is(d, k, "that"))
			{
				b = k;
				break;
			}
	}
	if (b < se && ws_tok_is(d, b, "that"))
		b++;
	return b;
}

/*
 * "Sanders, who has argued that the system is rigged, won the state", "The
 * union, which says …, will strike": a non-restrictive relative clause's
 * report ends at the comma before the main verb, unless that comma closes an
 * apposition inside the report.
 */
static int32_t
relative_report_end(const finder *f, ws_range cue, int32_t from, int32_t se)
{
	const ws_doc *d = f->d;
	int32_t		commas = 0;

	if (cue.b < 2 || !(ws_tok_is(d, cue.b - 1, "who") || ws_tok_is(d, cue.b - 1, "which")) ||
		!is_punct(d, cue.b - 2, ','))
		return se;
	for (int32_t k = from; k < se && k - from < MAX_CLAUSE; k++)
	{
		int32_t		v = k + 1;

		if (!is_punct(d, k, ','))
			continue;
		while (v < se && d->toks[v].quote)
			v++;
		if (v < se && commas % 2 == 0 && !(d->toks[v].flags & WS_T_CAP) &&
			(ws_is_finite_verb(d, v) || qf_past_tense(d, v)))
			return k;
		commas++;
	}
	return se;
}

/*
 * The comma closing an aside whose source phrase ends at e: at e, or after up
 * to three more words ("according to the Globe report,", where the phrase is
 * "the Globe"); -1 if none.
 */
static int32_t
aside_end(const ws_doc *d, int32_t e, int32_t se)
{
	for (int32_t k = e; k < se && k - e <= 3; k++)
	{
		if (is_punct(d, k, ','))
			return k;
		if (!(d->toks[k].flags & WS_T_WORD) || (d->toks[k].lex & WS_LEX_FUNCTION))
			return -1;		/* "according to an analysis by X, which …" goes on */
	}
	return -1;
}

/* according to X, … / …, according to X */
static bool
rule_according_to(finder *f, int32_t i, int32_t sb, int32_t se)
{
	const ws_doc *d = f->d;
	ws_range	spk,
				cue;
	int32_t		comma;

	if (!ws_tok_is(d, i, "according") || !ws_tok_is(d, i + 1, "to") || f->in_quote[i])
		return false;
	spk = ws_source_phrase_after(d, i + 2, se);
	if (spk.b < 0)
		return true;
	cue = (ws_range)
	{
		i, i + 2
	};
	if (opens_sentence(d, i, sb))
	{
		int32_t		b = spk.e;

		while (b < se && !is_punct(d, b, ','))
			b++;
		add_reported(f, "reported.according_to", b + 1, se, WS_NO_RANGE, spk, cue);
	}
	else if (i > sb && is_punct(d, i - 1, ',') && (comma = aside_end(d, spk.e, se)) >= 0 &&
			 comma + 1 < se && !qf_is_cue(f, comma + 1))
	{
		/* "Carla Vance, according to the newspaper, rejected the offer." */
		add_reported(f, "reported.according_to_inside", sb, se, (ws_range) {i - 1, comma + 1}, spk, cue);
	}
	else if (i > sb && after_comma(d, i))	/* "…,” according to X" keeps its closing mark */
		add_reported(f, "reported.according_to", sb, d->toks[i - 1].quote ? i : i - 1, WS_NO_RANGE, spk, cue);
	return true;
}

/* "As Owen Pryce puts it, the council is …", "…, as he put it, “…”" */
static bool
rule_as_x_put_it(finder *f, int32_t i, int32_t sb, int32_t se)
{
	const ws_doc *d = f->d;
	ws_range	spk,
				cue;
	int32_t		a,
				after;

	if (i == 0 || f->cue_used[i] || f->in_quote[i] || !qf_put_it(d, sb, i, &cue, &spk))
		return false;
	a = spk.b - 1;				/* "as" */
	after = i + 1;
	/* "As Ms. Varga put it in a letter in June, the council is …" */
	for (int32_t k = i + 1; k < se && k - i <= 12 && !d->toks[k].quote; k++)
		if (is_punct(d, k, ','))
		{
			after = k + 1;
			break;
		}
	if (opens_sentence(d, a, sb))
		add_reported(f, "reported.as_x_put_it", after, se, WS_NO_RANGE, spk, cue);
	else if (is_punct(d, a - 1, ',') && qf_tail_only(d, after, se))
		add_reported(f, "reported.as_x_put_it", sb, a - 1, WS_NO_RANGE, spk, cue);
	else if (is_punct(d, a - 1, ','))
		add_reported(f, "reported.as_x_put_it", sb, se, (ws_range) {a - 1, after}, spk, cue);
	return true;
}

/* "…, said X." ("…, said Mark Kantrowitz, a … expert" even past a subject) */
static bool
rule_inverted_after_clause(finder *f, int32_t i, int32_t sb, int32_t se, ws_range spk, ws_range cue)
{
	const ws_doc *d = f->d;
	ws_range	after;

	if (i <= sb || !is_punct(d, i - 1, ','))
		return false;
	after = ws_phrase_after(d, i + 1, se);
	if (after.b < 0 || ws_tok_in(d, after.b, ws_qw_tail_openers) ||
		!(spk.b < 0 ||
		  ((d->toks[after.e - 1].flags & WS_T_CAP) && ws_tok_in(d, i, ws_qw_inverting_cues))) ||
		!(qf_tail_only(d, after.e, se) || is_punct(d, after.e, ',')))
		return false;
	add_reported(f, "reported.inverted_after_clause", sb, i - 1, WS_NO_RANGE, after, cue);
	return true;
}

/*
 * The subject came after a clause and a comma ("…, X said"): the clause is
 * before it (unless it is only an opening adverbial), after it ("When asked
 * …, X said, “…”") or around it ("…, X said, …").
 */
static bool
rule_subject_after_clause(finder *f, int32_t sb, int32_t se, ws_range spk, ws_range cue, bool tail)
{
	const ws_doc *d = f->d;

	/* "…, X said." — the clause came first; "After the vote, X said." has none */
	if (tail && qf_tail_only(d, sb, spk.b - 1))
	{
		QF_TRACE(f, "reported.opener_only", "rejected", f->made, sb, spk.b - 1, "an opening adverbial, no clause");
		f->made++;				/* the number stays with what the trace showed */
		return true;
	}
	if (tail)
	{
		add_reported(f, "reported.subject_after_clause", sb, spk.b - 1, WS_NO_RANGE, spk, cue);
		return true;
	}
	/* "When asked …, X said, “…”": what X said comes after the cue */
	if (is_punct(d, cue.e, ',') && ws_tok_in(d, sb, ws_qw_subordinators) &&
		(qf_opens_quote(d, cue.e) || asked_at(d, sb)))
	{
		add_reported(f, "reported.asked_then_cue", cue.e + 1, se, WS_NO_RANGE, spk, cue);
		return true;
	}
	/* "…, X said, …" — the cue sits inside the clause */
	if (is_punct(d, cue.e, ','))
	{
		add_reported(f, "reported.cue_inside_clause", sb, se, (ws_range) {spk.b - 1, cue.e + 1}, spk, cue);
		return true;
	}
	return false;
}

/*
 * The speaker of cue i: its subject (*own_subject), else for a participle or
 * a conjunct ("…, adding", "and said") the speaker of an earlier cue.
 */
static ws_range
cue_speaker(finder *f, int32_t i, int32_t sb, bool *own_subject)
{
	const ws_doc *d = f->d;
	ws_range	spk = qf_cue_subject(f, i, sb);

	*own_subject = spk.b >= 0;
	if (spk.b < 0 && i > sb && (ws_tok_ends_with(d, i, "ing") || ws_tok_in(d, i - 1, ws_qw_previous_speaker_links)))
		spk = qf_previous_speaker(f, i);
	return spk;
}

/* An amount at token i: "0.8 per cent", "210 points", "$2.10". */
static bool
amount_at(const ws_doc *d, int32_t i)
{
	if (i + 1 < d->ntoks && (d->toks[i].flags & WS_T_PUNCT) && WS_TOK_LEN(d, i) <= 3 &&
		(d->toks[i + 1].flags & WS_T_NUM) && !ws_tok_is(d, i, ",") && !ws_tok_is(d, i, "."))
		return true;			/* a currency sign: "$2.10", "€5" */
	return i + 1 < d->ntoks && (d->toks[i].flags & WS_T_NUM) && ws_tok_in(d, i + 1, ws_qw_amount_units);
}

/* The head of subject spk is someone: a name, a role, "he" or "she", not "the plan" or "Nobody". */
static bool
someone(const ws_doc *d, ws_range spk)
{
	int32_t		h = spk.e - 1;

	if (ws_tok_in(d, h, ws_qw_person_pronouns) || (d->toks[h].lex & WS_LEX_ROLE))
		return true;
	return (d->toks[h].flags & WS_T_CAP) && !(d->toks[h].lex & WS_LEX_FUNCTION) &&
		!ws_tok_in(d, h, ws_qw_not_someone);
}

/* A name at token j: a quotation mark or a capitalised word, perhaps after "the" */
static bool
name_at(const ws_doc *d, int32_t j)
{
	if (ws_tok_is(d, j, "the"))
		j++;
	return j < d->ntoks && (d->toks[j].flags & (WS_T_QUOTE | WS_T_CAP));
}

/*
 * "a group called X", "an app called “Y”": a naming cue after a thing it
 * names, in a phrase no definite determiner opens ("the company called the
 * claims false" reports), before a name ("a rights group called the ruling a
 * disgrace" reports).
 */
static bool
named_thing(const ws_doc *d, int32_t i)
{
	int32_t		n = i - 1;

	if (n < 0 || !ws_tok_ends_with(d, i, "ed") || !ws_tok_in(d, i, ws_qw_naming_cues) ||
		!ws_tok_in(d, n, ws_qw_named_things) || !name_at(d, i + 1) ||
		((d->toks[n].flags & WS_T_CAP) && !(d->toks[n].flags & WS_T_ALLCAPS)))
		return false;
	for (int32_t k = n - 1; k >= 0 && n - k <= 4; k--)
	{
		if (d->toks[k].flags & WS_T_POSSESSIVE)
			return false;		/* "Sanders' campaign called …" */
		if (!(d->toks[k].flags & WS_T_WORD))
			break;
		if (ws_tok_in(d, k, ws_qw_determiners_poss))
			return ws_tok_in(d, k, ws_qw_indefinites);
	}
	return true;
}

/*
 * The report's subject or object was moved out of it: "which he said would
 * cost more" and "a race Delgado thinks could be her last" start at a
 * verb (the relative's subject is gone); "what he said about Uber" and "what
 * the board wants her to sign" have "what" for the object ("what he called X"
 * names X), "larger than the board says" has the comparison. A relative clause
 * restricts a noun; what was said is not in it. Subject spk; the report would
 * start at token from.
 */
static bool
relative_gap(const ws_doc *d, ws_range spk, ws_range cue, int32_t from)
{
	/* "He said that would permit …": "that" is the subject */
	if (ws_tok_in(d, from, ws_qw_finite_verbs))
		return from == cue.e || !ws_tok_is(d, from - 1, "that");
	/* "what she called a “reckless gamble”" names it */
	if (ws_tok_in(d, cue.e - 1, ws_qw_naming_cues))
		return false;
	/* "Here is what she said: the plan is dead." introduces what was said */
	if (from > 0 && is_punct(d, from - 1, ':'))
		return false;
	/* the phrase chunker may take the word in: "longer than county figures say" */
	for (int32_t k = spk.b > 0 ? spk.b - 1 : 0; k < spk.e; k++)
		if (ws_tok_in(d, k, ws_qw_object_wh) && (k < spk.b || !ws_tok_in(d, k, ws_qw_relative_pronouns)))
			return true;
	return false;
}

/* A noun phrase, not an infinitive, opens at token i: "a deal", "them", "more talks", "10 rules". */
static bool
noun_phrase_at(const ws_doc *d, int32_t i)
{
	return i < d->ntoks && (ws_tok_in(d, i, ws_qw_determiners_poss) || ws_tok_in(d, i, ws_qw_object_pronouns) ||
							ws_tok_in(d, i, ws_qw_quantity_words) || (d->toks[i].flags & WS_T_NUM));
}

/* "who writes (extensively) about opera": cue i tells what someone covers */
static bool
beat_at(const ws_doc *d, int32_t i)
{
	int32_t		p = i - 1,
				n = i + 1;

	if (p > 0 && ws_is_ly_adverb(d, p))
		p--;
	if (n < d->ntoks && ws_is_ly_adverb(d, n))
		n++;
	return p >= 0 && ws_tok_is(d, p, "who") && ws_tok_is(d, n, "about");
}

/*
 * Cues in a sense that reports nothing, rejected with the trace's reason:
 * a refusal ("X declined to comment", "declined comment"); a figure that
 * moved ("the index added 0.8 per cent", "oil declined 35 cents"); knowing a
 * way rather than a claim ("Rivera knows how to win", "she knows exactly
 * what she needs"); how something seems when it is no one's view ("the plan
 * seemed to lack", not "she seemed to suggest"); a relative whose subject or
 * object is gone (relative_gap); a form that is often a noun, followed by no
 * clause ("earnings reports from banks", "no cost estimates as yet"); a
 * refusal to answer ("declined to say why"); going on ("continues to grow",
 * "adding to the confusion"; in "continued to say …" the cue is "say"); a
 * charge in law ("charged him with assault"); "that" as the object ("If
 * anyone believed that, …"); having rather than saying ("the car boasts a
 * low price"); agreeing to something ("agreed to a deal", not "agreed to
 * talk"); what someone covers ("who writes about opera"); a phone call
 * ("called 911,"); a thing and its name ("a group called X"). Subject spk;
 * the report would start at token from.
 */
static bool
reports_nothing(finder *f, int32_t i, ws_range spk, ws_range cue, int32_t from)
{
	const ws_doc *d = f->d;
	const char *rule = NULL,
			   *why = NULL;

	if (ws_tok_in(d, i, ws_qw_refusal_cues) && (ws_tok_is(d, cue.e, "comment") ||
												(ws_tok_is(d, cue.e, "to") && ws_tok_in(d, cue.e + 1, ws_qw_no_comment_verbs))))
		rule = "reported.no_comment", why = "a refusal to comment";
	else if (ws_tok_in(d, i, ws_qw_amount_verbs) && from == cue.e && amount_at(d, from))
		rule = "reported.amount_moved", why = "a figure that moved, not a report";
	else if (ws_tok_in(d, i, ws_qw_know_forms) && from == cue.e && ws_tok_in(d, from, ws_qw_wh_openers))
		rule = "reported.knows_how", why = "knowing a way, not a claim";
	else if (ws_tok_in(d, i, ws_qw_seem_forms) && !someone(d, spk))
		rule = "reported.seems_to_no_one", why = "how something seems, no one's view";
	else if (relative_gap(d, spk, cue, from))
		rule = "reported.relative_gap", why = "the cue's clause is a relative, its subject or object gone";
	else if (from == cue.e && ws_tok_in(d, i, ws_qw_noun_risky) && ws_tok_in(d, from, ws_qw_no_clause_openers))
		rule = "reported.no_clause", why = "nothing reported: a noun or another sense of the cue";
	else if (ws_tok_in(d, i, ws_qw_refusal_cues) && ws_tok_is(d, cue.e, "to") &&
			 ws_tok_in(d, cue.e + 1, ws_qw_no_answer_verbs) && ws_tok_in(d, cue.e + 2, ws_qw_wh_openers))
		rule = "reported.no_answer", why = "a refusal to say, no claim";
	else if (from == cue.e && ws_tok_is(d, from, "to") &&
			 (ws_tok_in(d, i, ws_qw_add_forms) || ws_tok_in(d, i, ws_qw_go_on_forms)))
		rule = "reported.goes_on_doing", why = "adding to or going on with something, no words";
	else if (ws_tok_in(d, i, ws_qw_charge_forms) && from == cue.e &&
			 ws_tok_is(d, qf_object_end(d, from, sentence_end(f, i)), "with"))
		rule = "reported.charged_with", why = "an accusation in law, not speech";
	else if (ws_tok_in(d, i, ws_qw_have_cues) && from == cue.e && !ws_tok_in(d, from, ws_qw_complementizer) &&
			 noun_phrase_at(d, from))
		rule = "reported.has_something", why = "having something, not saying it";
	else if (ws_tok_in(d, i, ws_qw_agree_forms) && ws_tok_is(d, cue.e, "to") && noun_phrase_at(d, cue.e + 1))
		rule = "reported.agreed_to_something", why = "agreeing to something, no words";
	else if (ws_tok_in(d, i, ws_qw_beat_cues) && beat_at(d, i))
		rule = "reported.writes_about", why = "what someone covers, no claim";
	else if (ws_tok_in(d, i, ws_qw_call_forms) && from == cue.e && from + 1 < d->ntoks &&
			 (d->toks[from].flags & WS_T_NUM) && (d->toks[from + 1].flags & WS_T_PUNCT) && !d->toks[from + 1].quote)
		rule = "reported.phone_call", why = "a call to a number, not speech";
	else if (named_thing(d, i))
		rule = "reported.named_thing", why = "a thing and its name, not a report";
	else if (from > cue.e && ws_tok_is(d, from - 1, "that") &&
			 (is_terminal(d, from) || (is_punct(d, from, ',') && spk.b > 0 && ws_tok_in(d, spk.b - 1, ws_qw_subordinators))))
		rule = "reported.that_object", why = "\"that\" is the object, nothing reported";
	if (rule == NULL)
		return false;
	QF_TRACE(f, rule, "rejected", f->made, cue.b, cue.e + 2, why);
	f->made++;					/* the number stays with what the trace showed */
	return true;
}

/* Cue verb i with a subject and a clause: X said that …, X told Y …, …, X said. */
static void
rule_cue_clause(finder *f, int32_t i, int32_t sb, int32_t se)
{
	const ws_doc *d = f->d;
	bool		own_subject;
	ws_range	spk = cue_speaker(f, i, sb, &own_subject),
				cue;
	int32_t		from;
	bool		tail;

	cue = qf_cue_phrase(d, i, spk.b >= 0 ? spk.e : sb);
	if (rule_inverted_after_clause(f, i, sb, se, spk, cue))
		return;
	/* "Ambrose stood by his remarks and said …": the sentence's subject */
	if (spk.b < 0 && i > sb && qf_joins_previous(d, i, sb))
		spk = qf_sentence_subject(f, sb, i);
	if (spk.b < 0)
		return;
	from = clause_start(d, cue, se);
	/* "told POLITICO before the hearing." is a tail too */
	tail = qf_tail_only(d, cue.e, se) ||
		(ws_tok_in(d, cue.e - 1, ws_qw_object_verbs) && qf_tail_only(d, from, se));
	if (own_subject && spk.b - 1 > sb && is_punct(d, spk.b - 1, ',') &&
		rule_subject_after_clause(f, sb, se, spk, cue, tail))
		return;
	if (reports_nothing(f, i, spk, cue, from))
		return;
	/* "X said in a statement." reports nothing itself; "urged X to stay away" does */
	if (!tail || ws_tok_is(d, cue.e, "to") || ws_tok_is(d, cue.e, "on"))
		add_reported(f, "reported.cue_clause", from, relative_report_end(f, cue, from, se), WS_NO_RANGE, spk, cue);
}

/* Reported speech, token by token: the first rule that matches a token takes it. */
void
qf_find_reported(finder *f)
{
	ws_doc	   *d = f->d;

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		int32_t		sb,
					se;

		if ((i & 4095) == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		sb = sentence_begin(f, i);
		se = sentence_end(f, i);
		if (rule_according_to(f, i, sb, se) || rule_as_x_put_it(f, i, sb, se))
			continue;
		if (qf_is_cue(f, i) && !f->cue_used[i] && qf_reports_clause(d, i))
			rule_cue_clause(f, i, sb, se);
	}
}
