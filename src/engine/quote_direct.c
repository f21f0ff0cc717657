/*
 * quote_direct.c — direct quotes: a quoted stretch and the cue before or after it, split quotes.
 * Part of the quote finder; quote_finder.h says how the stages fit.
 */
#include "quote_finder.h"

/* Add tokens [b, e) as parts, cut at the opening mark repeated per paragraph. */
void
qf_add_stretch(const ws_doc *d, cand *c, int32_t b, int32_t e)
{
	for (int32_t i = b; i < e && c->nparts < MAX_PARTS - 1; i++)
		if (d->toks[i].quote && (d->toks[i].flags & WS_T_PARA_START))
		{
			if (i > b)
				c->parts[c->nparts++] = (ws_range) {b, i};
			b = i + 1;
			while (b < e && d->toks[b].quote && d->toks[b].b == d->toks[b - 1].e)
				b++;			/* the second mark of '' */
		}
	if (e > b)
		c->parts[c->nparts++] = (ws_range) {b, e};
}

/* "As Vulture put it, “…”": the words before the mark, [lo, k], end in "as X put(s) it" */
bool
qf_put_it(const ws_doc *d, int32_t lo, int32_t k, ws_range *cue, ws_range *spk)
{
	if (!ws_tok_is(d, k, "it") || !ws_tok_in(d, k - 1, ws_qw_put_forms))
		return false;
	for (int32_t a = k - 2; a >= lo && k - a <= MAX_NP_RIGHT; a--)
		if (ws_tok_is(d, a, "as"))
		{
			*spk = ws_phrase_after(d, a + 1, k - 1);
			*cue = (ws_range) {k - 1, k + 1};
			return spk->b == a + 1 && spk->e == k - 1;
		}
	return false;
}

/*
 * "…," X said — the speaker phrase s at j first, then its cue: right after it
 * (past "of Yale", "also", "has"), after lower-case premodifiers ("Okafor
 * campaign manager Dennis Hartley said") or after an apposition in commas.
 */
static bool
subject_then_cue(finder *f, int32_t j, int32_t hi, bool ends_sentence, ws_range *cue, ws_range *spk)
{
	const ws_doc *d = f->d;
	ws_range	s = ws_phrase_after(d, j, hi);
	int32_t		k;

	if (s.b < 0)
		return false;
	k = s.e;
	/* "a spokesman for the county nurses said", "a professor at Yale said" */
	if (ws_tok_in(d, k, ws_qw_np_prepositions))
	{
		ws_range	obj = ws_phrase_after(d, k + 1, hi);

		if (obj.b >= 0)
			k = obj.e;
		s = ws_phrase_with_object(d, s, obj);
	}
	while (k < hi && k - s.e < 3 && (ws_tok_in(d, k, ws_qw_subject_cue_fillers)))
		k++;
	if (k < hi && qf_is_cue(f, k) &&
		(!ends_sentence || qf_tail_only(d, k + 1, sentence_end(f, k))))
	{
		*cue = qf_cue_phrase(d, k, s.e);
		*spk = s;
		return true;
	}
	/*
	 * "…," Okafor campaign manager Dennis Hartley said: a noun phrase with
	 * lower-case premodifiers, ending right before the cue.
	 */
	for (k = s.e; k < hi && k - j <= MAX_NP_RIGHT; k++)
		if (qf_is_cue(f, k))
		{
			ws_range	np = ws_subject_before(d, k, j);

			if (np.b == j && (!ends_sentence || qf_tail_only(d, k + 1, sentence_end(f, k))))
			{
				*cue = qf_cue_phrase(d, k, np.e);
				*spk = np;
				return true;
			}
			break;
		}
	/* "…," Harry Bond, 30, of Raleigh, who was polled, said */
	if (is_punct(d, s.e, ','))
		for (k = s.e + 1; k < hi; k++)
			if (is_punct(d, k - 1, ',') && qf_is_cue(f, k))
			{
				*cue = qf_cue_phrase(d, k, k);
				*spk = ws_apposition_name(d, s, k - 1);
				return true;
			}
	return false;
}

/* "…," said X / "…," X said — cue after a quoted stretch ending at `j`. */
static bool
cue_right(finder *f, int32_t j, int32_t hi, ws_range *cue, ws_range *spk)
{
	ws_doc	   *d = f->d;

	/* "…." She added that … — a new sentence, not an attribution */
	bool		new_sentence = j < d->ntoks && (d->toks[j].flags & WS_T_SENT_START);
	bool		ends_sentence = new_sentence && j >= 2 && is_punct(d, j - 2, '.');

	/* "…?" He answered, "…" — the cue opens the next quote */
	if (new_sentence && j >= 2 && (is_punct(d, j - 2, '?') || is_punct(d, j - 2, '!')))
		for (int32_t k = j; k < hi; k++)
			if (qf_is_cue(f, k) && qf_opens_quote(d, k + 1))
				return false;

	if (j < hi && (is_punct(d, j, ',') || (d->toks[j].flags & WS_T_DASH)))
		j++;
	if (j >= hi || (d->toks[j].flags & WS_T_PARA_START))
		return false;
	/* "…,” as Brisco put it" */
	if (ws_tok_is(d, j, "as"))
		for (int32_t k = j + 2; k < hi && k - j <= MAX_NP_RIGHT; k++)
			if (qf_put_it(d, j, k, cue, spk))
				return true;
	/* inverted "…,” said X"; a participle ("…,” reminding the hosts") is not */
	if (qf_is_cue(f, j) && !ws_tok_ends_with(d, j, "ing"))
	{
		ws_range	s = ws_phrase_after(d, j + 1, hi);

		if (s.b < 0)
			return false;
		*cue = qf_cue_phrase(d, j, j);
		*spk = ws_apposition_name(d, s, hi);
		return true;
	}
	return subject_then_cue(f, j, hi, ends_sentence, cue, spk);
}

/* X said: "…" / X told reporters, "…" — cue before the opening mark at `open`. */
static bool
cue_left(finder *f, int32_t open, ws_range *cue, ws_range *spk)
{
	ws_doc	   *d = f->d;
	int32_t		k = open - 1,
				lo;

	/* "He said:¶“…”": a colon may end the paragraph before the quote */
	if (k < 0 || ((d->toks[open].flags & WS_T_PARA_START) && !is_punct(d, k, ':')))
		return false;
	lo = sentence_begin(f, k);
	if (is_punct(d, k, ':') || is_punct(d, k, ','))
		k--;
	if (k > lo && qf_put_it(d, lo, k, cue, spk))
		return true;
	for (int32_t c = k; c >= lo && k - c < LEFT_WINDOW; c--)
	{
		if (f->in_quote[c] || d->toks[c].quote)
			return false;
		/* "a message that said, “…”", "a sign which read “…”": the relative pronoun's antecedent speaks */
		if (c == k && c - 1 > lo && ws_tok_in(d, c, ws_qw_relative_cues) &&
			ws_tok_in(d, c - 1, ws_qw_relative_links) && !f->cue_used[c])
		{
			*spk = ws_subject_before(d, c - 1, lo);
			*cue = (ws_range) {c, c + 1};
			return spk->b >= 0;
		}
		if (qf_is_cue(f, c))
		{
			/* "wrote to his followers, “…”" */
			int32_t		ob = c + 1 + (ws_tok_is(d, c + 1, "to") && k < open - 1);

			if (f->cue_used[c] && ws_tok_in(d, c, ws_qw_object_verbs))
				return false;	/* "“…,” Fiorina told “Fox and Friends,”" */
			/*
			 * Only an object phrase may stand between cue and mark, and
			 * only a told-like verb takes one: in "says the businessman
			 * “can't win”" the phrase is the reported clause's subject.
			 */
			if (qf_object_end(d, ob, k + 1) != k + 1 ||
				(c + 1 < open && !is_punct(d, open - 1, ':') && !is_punct(d, open - 1, ',') &&
				 !ws_tok_in(d, c, ws_qw_object_verbs)))
				return false;
			*spk = qf_cue_subject(f, c, lo);
			/* "Speaking on …, said:" is rare; inverted "said X:" is not ("told X:" names the hearer) */
			if (spk->b < 0 && !ws_tok_in(d, c, ws_qw_object_verbs))
				*spk = ws_phrase_after(d, c + 1, k + 1);
			/* "… and (later) said, “…”", "…, said, “…”": the sentence's subject */
			if (spk->b < 0 && c > lo && qf_joins_previous(d, c, lo))
				*spk = qf_sentence_subject(f, lo, c);
			if (spk->b < 0)
				return false;
			*cue = qf_cue_phrase(d, c, lo);
			return true;
		}
	}
	return false;
}

/* Between two stretches of one quote: no cue but the quote's own. */
static bool
no_other_cue_between(const finder *f, int32_t from, int32_t to, ws_range cue)
{
	for (int32_t k = from; k < to; k++)
	{
		if (k >= cue.b && k < cue.e)
			continue;
		/* the speaker's own aside: "…," he said, referring to X. "…" / when asked */
		if (k > cue.e && ((ws_tok_ends_with(f->d, k, "ing") && after_comma(f->d, k)) ||
						  (ws_tok_in(f->d, k, ws_qw_question_cues) && ws_tok_is(f->d, k - 1, "when"))))
			continue;
		if (qf_is_cue(f, k))
			return false;
	}
	return true;
}

/* "Good Morning America", "Meet the Press": short, title-cased, no sentence. */
static bool
looks_like_title(const ws_doc *d, const ws_marked *mk)
{
	int32_t		words = 0,
				caps = 0;

	for (int32_t i = mk->ib; i < mk->ie; i++)
	{
		if (is_terminal(d, i) || is_punct(d, i, ','))
			return false;
		if (d->toks[i].flags & WS_T_WORD)
		{
			words++;
			if ((d->toks[i].flags & WS_T_CAP) || (d->toks[i].lex & WS_LEX_FUNCTION))
				caps += (d->toks[i].flags & WS_T_CAP) ? 1 : 0;
			else
				return false;
		}
	}
	return words <= 7 && caps >= 1;
}

/*
 * "she said of the plan:", "told reporters on Monday:": a cue before the
 * colon with only a short phrase after it, or -1.
 */
static int32_t
cue_before_tail(const finder *f, int32_t sb, int32_t colon)
{
	const ws_doc *d = f->d;

	for (int32_t c = colon - 2; c >= sb && colon - c <= MAX_TAIL; c--)
		if (qf_is_cue(f, c))
			return (ws_tok_is(d, c + 1, "of") || ws_tok_is(d, c + 1, "about") || qf_tail_only(d, c + 1, colon)) &&
				!f->cue_used[c] ? c : -1;
	return -1;
}

/*
 * X boomed: "…" / From the report: "…" — a colon right before a quoted
 * sentence introduces it; the speaker is the clause's subject, if any.
 */
static bool
colon_intro(finder *f, const ws_marked *mk, ws_range *cue, ws_range *spk)
{
	ws_doc	   *d = f->d;
	int32_t		colon = mk->open - 1,
				sb,
				c,
				words = 0;

	if (colon < 1 || !is_punct(d, colon, ':') || (d->toks[mk->open].flags & WS_T_PARA_START))
		return false;
	for (int32_t i = mk->ib; i < mk->ie; i++)
		words += (d->toks[i].flags & WS_T_WORD) != 0;
	if (words < 3)
		return false;
	sb = sentence_begin(f, colon);
	if (ws_column_label(d, sb, colon))
		return false;			/* "ANALYST'S VIEWPOINT:" names no speaker */
	/* Clinton: "…" — a name alone before the colon speaks; the colon is the cue */
	*spk = ws_phrase_after(d, sb, colon);
	if (spk->b == sb && spk->e == colon && !ws_tok_in(d, sb, ws_qw_determiners_poss))
	{
		*cue = (ws_range) {colon, colon + 1};
		return true;
	}
	/* "X said:", "said X:", "and then predicted:" — or "she went back to her usual refrain:" */
	if (qf_is_cue(f, colon - 1))
	{
		*cue = (ws_range) {colon - 1, colon};
		*spk = ws_subject_before(d, colon - 1, sb);
		if (spk->b < 0 && qf_joins_previous(d, colon - 1, sb))
			*spk = qf_previous_speaker(f, colon - 1);
		if (spk->b < 0 && colon - 1 > sb)
			*spk = ws_phrase_after(d, sb, colon - 1);
	}
	else if ((c = cue_before_tail(f, sb, colon)) >= 0)
	{
		*cue = (ws_range) {c, c + 1};
		*spk = ws_subject_before(d, c, sb);
	}
	else
	{
		*cue = (ws_range) {colon, colon + 1};
		*spk = qf_sentence_subject(f, sb, colon);
		/* "It was a saying in the family:" — no one speaks */
		if (spk->e == spk->b + 1 && ws_tok_in(d, spk->b, ws_qw_expletives))
			*spk = WS_NO_RANGE;
	}
	return true;
}

/*
 * Dennis Hartley said in a statement. "…" / Ostrowski agreed. "…": a sentence of
 * nothing but a subject, its cue and a tail introduces the quoted sentence
 * after it in the same paragraph.
 */
static bool
report_before(finder *f, const ws_marked *mk, ws_range *cue, ws_range *spk)
{
	const ws_doc *d = f->d;
	int32_t		k = mk->open - 1,
				sb,
				c;

	if (k < 1 || !is_punct(d, k, '.') || !(d->toks[mk->open].flags & WS_T_SENT_START) ||
		(d->toks[mk->open].flags & WS_T_PARA_START))
		return false;
	sb = sentence_begin(f, k);
	for (c = sb; c < k && !qf_is_cue(f, c); c++)
		if (f->in_quote[c] || d->toks[c].quote)
			return false;
	if (c == k || f->cue_used[c] || !qf_tail_only(d, c + 1, k))
		return false;
	*spk = ws_subject_before(d, c, sb);
	if (spk->b > sb)
	{
		/* "Ruth Okafor, Lewis’ campaign chair, said …" */
		ws_range	name = ws_phrase_after(d, sb, c);

		if (name.b == sb && is_punct(d, name.e, ','))
			*spk = name;
	}
	if (spk->b != sb)
		return false;
	*cue = qf_cue_phrase(d, c, spk->e);
	return true;
}

/*
 * she "lost the trust of both camps," Ferreira said: words of the same sentence
 * before the opening mark, which the quoted fragment continues, belong to
 * the content (a mixed quote), with any quoted term before it that no cue
 * took. Returns the first such token, or -1; -2
 * when those words hold a cue of their own, whose report the quote is part of.
 */
static int32_t
lead_in(const finder *f, const ws_marked *mk)
{
	const ws_doc *d = f->d;
	int32_t		sb = sentence_begin(f, mk->open),
				words = 0,
				first = mk->ib;

	if (mk->open <= sb || mk->open - sb > MAX_LEAD_IN || is_punct(d, mk->open - 1, ':') ||
		is_punct(d, mk->open - 1, '(') ||
		(d->toks[mk->open - 1].flags & WS_T_DASH) || (d->toks[mk->open].flags & WS_T_PARA_START))
		return -1;
	while (first < mk->ie && !(d->toks[first].flags & WS_T_WORD))
		first++;
	if (first < mk->ie && (d->toks[first].flags & WS_T_CAP) && is_punct(d, mk->open - 1, ','))
		return -1;
	for (int32_t i = sb; i < mk->open; i++)
	{
		/* an earlier quoted term no cue took ("a “whiff” of concern") is part of it */
		int32_t		m = first_mark_at(f->marks, i);

		if (m < f->marks->n && f->marks->items[m].open == i && !f->marks->items[m].used &&
			f->marks->items[m].close_end <= mk->open && f->marks->items[m].first_para_end < 0)
		{
			for (int32_t k = f->marks->items[m].ib; k < f->marks->items[m].ie; k++)
				words += (d->toks[k].flags & WS_T_WORD) != 0;
			i = f->marks->items[m].close_end - 1;
			continue;
		}
		if (f->in_quote[i] || d->toks[i].quote || f->cue_used[i] || is_terminal(d, i))
			return -1;
		if (qf_is_cue(f, i))
			return -2;
		words += (d->toks[i].flags & WS_T_WORD) != 0;
	}
	return words >= 2 ? sb : -1;
}

/* Where a cue after a closing mark at `from` must lie before: the next mark or sentence end. */
static int32_t
cue_window_end(const ws_doc *d, int32_t from)
{
	int32_t		hi = from + RIGHT_WINDOW < d->ntoks ? from + RIGHT_WINDOW : d->ntoks;

	for (int32_t k = from; k < hi; k++)
		if (d->toks[k].quote || (is_terminal(d, k) && !is_punct(d, k + 1, ')') && !is_punct(d, k + 1, ',')))
			return k;			/* "(D-Ore.)", "of Allentown, Pa., said" do not end it */
	return hi;
}

/*
 * After the cue at i a clause of its own begins: "…,” Castell said if Ambrose
 * picked her it would be …", "… “Dana!,” the mayor said her office was …".
 * The quote before is then not what the cue reports.
 */
static bool
clause_after_cue(const finder *f, ws_range cue)
{
	const ws_doc *d = f->d;
	int32_t		i = cue.e,
				se;

	if (!qf_sentence_goes_on(d, i) || ws_tok_in(d, cue.e - 1, ws_qw_object_verbs))
		return false;
	if (ws_tok_in(d, i, ws_qw_clause_complementizers))
		return true;
	if (!ws_is_pronoun(d, i) && !ws_tok_in(d, i, ws_qw_determiners_poss))
		return false;
	se = sentence_end(f, i);
	/* "said a Canadian official who was not cleared …" is the speaker's relative clause */
	for (int32_t k = i + 1; k < se && k - i <= 8 && !(d->toks[k].flags & WS_T_PUNCT) &&
		 !ws_tok_in(d, k, ws_qw_relative_pronouns); k++)
		if (ws_is_finite_verb(d, k))
			return true;
	return false;
}

/*
 * Does the sentence [b, e) up to a colon hold a cue whose clause runs to it
 * ("He adds that …:", "Coyle said this was …:")? Not "Asked which …, he
 * demurred:" nor "X said …, but he gave the Vermonter a compliment:". One pass
 * from the colon back: a ", but" ends the search, and a cue counts once a
 * "that" or a finite verb follows it.
 */
static bool
reporting_cue_in(const finder *f, int32_t b, int32_t e)
{
	const ws_doc *d = f->d;
	bool		clause = false;

	for (int32_t k = e - 1; k >= b; k--)
	{
		if (after_comma(d, k) && ws_tok_is(d, k, "but"))
			return false;
		if (clause && qf_is_cue(f, k) && !f->cue_used[k] && qf_reports_clause(d, k) &&
			!ws_tok_in(d, k, ws_qw_question_cues))
			return true;
		clause |= ws_tok_in(d, k, ws_qw_complementizer) || ws_is_finite_verb(d, k);
	}
	return false;
}

/*
 * "…,” Keller said. Instead, “he just sulks like a sore loser.”": a sentence
 * after the cue's that is quoted but for up to 3 words before the mark goes
 * on with the quote. Returns where that sentence begins, else nx->open.
 */
static int32_t
short_lead(const finder *f, const ws_marked *nx, ws_range cue)
{
	const ws_doc *d = f->d;
	int32_t		sb = sentence_begin(f, nx->open),
				words = 0;

	if (sb <= cue.b || sb == nx->open || sentence_end(f, nx->close_end - 1) > nx->close_end + 1)
		return nx->open;
	for (int32_t k = sb; k < nx->open && words <= 3; k++)
	{
		if (f->in_quote[k] || d->toks[k].quote || qf_is_cue(f, k) || is_punct(d, k, ':'))
			return nx->open;	/* "Bush: “…”" speaks for himself */
		words += (d->toks[k].flags & WS_T_WORD) != 0;
	}
	return words <= 3 ? sb : nx->open;
}

/*
 * Who the quoted stretch mk is attributed to, by the first rule that finds a
 * cue for it: after it (cue_right), before it (cue_left), a colon before it
 * (colon_intro) or a sentence of report before it (report_before). *lead gets
 * where a mixed quote's content starts (lead_in), or -1 for a direct quote.
 * False when no rule attributes it, or a rule finds it is part of another
 * report. *rule names the rule that decided, for the trace.
 */
static bool
attribute_stretch(finder *f, const ws_marked *mk, ws_range *cue, ws_range *spk, int32_t *lead,
				  const char **rule)
{
	const ws_doc *d = f->d;
	int32_t		hi = cue_window_end(d, mk->close_end);

	*lead = -1;
	if (cue_right(f, mk->close_end, hi, cue, spk) && !clause_after_cue(f, *cue))
	{
		*lead = lead_in(f, mk);
		/* "X admitted that he had “…,” he claimed": X's report */
		*rule = *lead == -2 ? "direct.lead_in_has_cue" :
			*lead >= 0 ? "direct.cue_right+lead_in" : "direct.cue_right";
		return *lead != -2;
	}
	if (cue_left(f, mk->open, cue, spk))
	{
		/*
		 * said “it keeps me awake” most nights …: the clause is the report
		 * (mixed); not in "wrote, “…,” and shared a map"
		 */
		bool		goes_on = qf_sentence_goes_on(d, mk->close_end) &&
			!ws_tok_in(d, cue->e - 1, ws_qw_naming_cues) &&
			!(qf_opens_quote(d, mk->open - 1) && qf_narrator_goes_on(d, mk->close_end));

		*rule = goes_on ? "direct.cue_left_clause_goes_on" : "direct.cue_left";
		return !goes_on;
	}
	if (colon_intro(f, mk, cue, spk))
	{
		/* "He adds that Muslims have two choices: “…”": part of his report */
		bool		in_report = cue->b == mk->open - 1 &&
			reporting_cue_in(f, sentence_begin(f, cue->b), cue->b);

		*rule = in_report ? "direct.colon_intro_in_report" : "direct.colon_intro";
		return !in_report;
	}
	*rule = "direct.report_before";
	if (report_before(f, mk, cue, spk))
		return true;
	*rule = "direct.no_cue";
	return false;
}

/*
 * Does the stretch nx go on quote c, whose cue and speaker are cue and spk?
 * "…," said X, "…" / "…," X said. "…" — a later stretch of the same paragraph
 * with no cue of its own does.
 */
static bool
continues_split_quote(finder *f, const cand *c, const ws_marked *nx, ws_range cue, ws_range spk)
{
	const ws_doc *d = f->d;
	ws_range	c2,
				s2;
	int32_t		nb;

	if (nx->used || d->toks[nx->open].para != d->toks[c->parts[c->nparts - 1].e - 1].para ||
		nx->open < (cue.e > spk.e ? cue.e : spk.e))
		return false;
	nb = short_lead(f, nx, cue);
	/*
	 * After the cue a second part opens a sentence or follows punctuation,
	 * perhaps and a conjunction ("…," he said, but "…"); "…,” says X, but he
	 * heard of the “gun show loophole”" is narrative.
	 */
	if (cue.b > c->parts[c->nparts - 1].b && nb == nx->open &&
		!(d->toks[nx->open].flags & WS_T_SENT_START))
	{
		int32_t		k = nx->open - 1;

		while (k > nx->open - 3 && ws_tok_in(d, k, ws_qw_part_glue))
			k--;
		if (!(d->toks[k].flags & WS_T_PUNCT))
			return false;
		/* "…," X wrote, adding that if …, "…": the aside's own report */
		if (ws_any_tok_in(d, cue.e, nx->open, ws_qw_complementizer))
			return false;
	}
	/* "…," he said. "…" that border security is working: mixed, its own */
	return !((qf_sentence_goes_on(d, nx->close_end) && !(d->toks[nx->ie - 1].flags & WS_T_PUNCT)) ||
			 cue_right(f, nx->close_end, cue_window_end(d, nx->close_end), &c2, &s2) ||
			 (cue_left(f, nx->open, &c2, &s2) && c2.b != cue.b) ||
			 !no_other_cue_between(f, c->parts[c->nparts - 1].e, nx->open, cue) ||
			 qf_narrative_between(f, c->parts[c->nparts - 1].e, nb, cue));
}

/* Direct quotes (and mixed ones led into by their sentence), mark by mark in text order. */
void
qf_find_direct(finder *f)
{
	ws_doc	   *d = f->d;

	for (int32_t m = 0; m < f->marks->n; m++)
	{
		ws_marked  *mk = &f->marks->items[m];
		ws_range	cue,
					spk;
		cand	   *c;
		int32_t		lead;
		const char *rule;

		if (mk->used || mk->ie <= mk->ib)
			continue;
		if (looks_like_title(d, mk))
		{
			QF_TRACE(f, "direct.looks_like_title", "rejected", -1, mk->open, mk->close_end, NULL);
			continue;
		}
		if (!attribute_stretch(f, mk, &cue, &spk, &lead, &rule))
		{
			QF_TRACE(f, rule, "rejected", -1, mk->open, mk->close_end, NULL);
			continue;
		}
		c = qf_new_cand(f);
		c->kind = lead >= 0 ? qf_report_kind(f, lead, mk->close_end) : WS_DIRECT;
		if (lead >= 0)
			c->parts[c->nparts++] = (ws_range) {lead, mk->close_end};
		else
			qf_add_stretch(d, c, mk->ib, mk->ie);
		mk->used = true;
		if (c->nparts == 0)
		{
			QF_TRACE(f, "direct.only_marks", "rejected", c->id, mk->open, mk->close_end, NULL);
			f->n--;				/* only marks: '' ¶ '" */
			continue;
		}
		QF_TRACE(f, rule, "made", c->id, c->parts[0].b, c->parts[c->nparts - 1].e, NULL);
		c->cue = cue;
		c->speaker = spk;
		for (int32_t k = cue.b; k < cue.e; k++)
			f->cue_used[k] = 1;
		while (m + 1 < f->marks->n && c->nparts < MAX_PARTS &&
			   continues_split_quote(f, c, &f->marks->items[m + 1], cue, spk))
		{
			qf_add_stretch(d, c, f->marks->items[m + 1].ib, f->marks->items[m + 1].ie);
			QF_TRACE(f, "direct.split_quote", "extended", c->id,
					 f->marks->items[m + 1].ib, f->marks->items[m + 1].ie, NULL);
			f->marks->items[m + 1].used = true;
			m++;
		}
	}
}
