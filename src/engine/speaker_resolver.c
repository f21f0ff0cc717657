/*
 * speaker_resolver.c — who is speaking: the speaker phrase next to a cue
 * (subject, apposition, inverted "said X") and its canonical name, which the
 * entity layer (entities.c) gives: pronouns ("he" → the most salient man),
 * descriptions ("the mayor"), titles, surnames and other short forms ("Mr
 * Parker", "Parker" → "Andrew Parker").
 */
#include "quotes.h"
#include "ner.h"


#define MAX_NP 9
#define MAX_ASIDE 30			/* tokens between the dashes of an aside */
#define MAX_ADJECTIVES 4		/* adjectives between commas before a role ("the tall, lanky, bespectacled professor") */

struct ws_resolver
{
	ws_doc	   *doc;
	ws_entities *entities;
};

bool
ws_is_pronoun(const ws_doc *d, int32_t i)
{
	return ws_tok_in(d, i, ws_qw_subj_pronouns);
}

bool
ws_is_finite_verb(const ws_doc *d, int32_t i)
{
	return ws_tok_in(d, i, ws_qw_finite_verbs);
}

static bool
is_name_word(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (!(t->flags & WS_T_WORD) || !(t->flags & (WS_T_CAP | WS_T_NUM)))
		return false;
	if (t->flags & WS_T_NUM)
		return (t->flags & WS_T_CAP) != 0;	/* MI5 starts with M; 2016 does not */
	/* "Will Doyle" and "May Ellis" inside a sentence, not "Will he …?" */
	return !(t->lex & WS_LEX_FUNCTION) || (t->lex & WS_LEX_HONORIFIC) ||
		((t->lex & (WS_LEX_MALE | WS_LEX_FEMALE)) && !(t->flags & WS_T_SENT_START));
}

/* Tokens that may sit inside a capitalised name: of, for, the, &, 's */
static bool
is_name_glue(const ws_doc *d, int32_t i)
{
	return ws_tok_in(d, i, ws_qw_name_glue);
}

/* "46-year-old": a number that is an adjective */
static bool
is_age(const ws_doc *d, int32_t i)
{
	return ws_tok_ends_with(d, i, "-old");
}

/* Can token i sit inside a (lower-case) noun phrase? */
static bool
is_np_word(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (!(t->flags & WS_T_WORD) || (t->flags & WS_T_NUM && !(t->flags & WS_T_CAP) && !is_age(d, i)))
		return (t->flags & WS_T_POSSESSIVE) != 0;
	if (t->flags & WS_T_CAP)
		return true;
	if (t->lex & WS_LEX_FUNCTION)
		return ws_tok_in(d, i, ws_qw_determiners);
	/* verbs in -ed / -ing end a noun phrase going left */
	return true;
}

/*
 * Does [b, e) hold the lower-case words of a role: a role noun or a
 * preposition other than a name's own ("ambassador to", "leaders in")?
 */
bool
ws_role_words_in(const ws_doc *d, int32_t b, int32_t e)
{
	for (int32_t i = b; i < e; i++)
		if (!(d->toks[i].flags & WS_T_CAP) && !is_name_glue(d, i) &&
			((d->toks[i].lex & WS_LEX_ROLE) || ws_tok_in(d, i, ws_qw_object_prepositions)))
			return true;
	return false;
}

/* Does [r.b, r.e) name a person: two words or more with a first name or a title? */
static bool
person_like(const ws_doc *d, ws_range r)
{
	if (r.b < 0 || r.e - r.b < 2)
		return false;
	if (d->toks[r.b].lex & WS_LEX_HONORIFIC)
		return !ws_tok_in(d, r.b + 1, ws_qw_object_prepositions);	/* not "Bishop of Wexford" */
	for (int32_t i = r.b; i < r.e; i++)
		if ((d->toks[i].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) && (d->toks[i].flags & WS_T_CAP))
			return true;
	return false;
}

/*
 * Is [r.b, r.e) an office held by one person, in name words only: ending in
 * an honorific ("Mayor", "Bishop", not the abbreviation "CPL") or an
 * office title ("Prime Minister", "Culture Secretary"; not a role noun that
 * also ends organisations' names, "Scottish Executive", "Hollywood Reporter")?
 */
static bool
office_title(const ws_doc *d, ws_range r)
{
	const ws_tok *t = &d->toks[r.e - 1];

	for (int32_t i = r.b; i < r.e; i++)
		if (!is_name_word(d, i))
			return false;		/* "Commerce and Industry Minister": left as it was */
	return !(t->flags & (WS_T_ALLCAPS | WS_T_ABBREV)) &&
		((t->lex & WS_LEX_HONORIFIC) || ws_tok_in(d, r.e - 1, ws_qw_office_titles));
}

/*
 * Does the run [b, e) name a person in [b, g), before the preposition at g
 * ("Detective Sergeant Tom Okafor of Wessex Police")? A first name
 * and a surname end [b, g); not a list ("Ann Brisco of Ohio and Dan
 * Keller of Utah"), not a title ("Chief Executive of …").
 */
static bool
name_before(const ws_doc *d, int32_t b, int32_t g, int32_t e)
{
	bool		first = false;

	for (int32_t i = b; i < e; i++)
		if (ws_tok_is(d, i, "and") || ws_tok_is(d, i, "&"))
			return false;
	for (int32_t i = g - 1; i >= b && i >= g - 3; i--)
	{
		if (d->toks[i].lex & (WS_LEX_ROLE | WS_LEX_HONORIFIC))
			return false;		/* "Archbishop of Cardiff" */
		if (i < g - 1 && (d->toks[i].lex & (WS_LEX_MALE | WS_LEX_FEMALE)))
		{
			first = true;
			break;
		}
	}
	return first;
}

ws_range
ws_phrase_head(const ws_doc *d, ws_range np)
{
	int32_t		fb = -1,
				fe = -1,
				lb = -1;
	bool		prev_in_run = false,
				prep;

	if (np.b < 0)
		return np;
	for (int32_t i = np.b; i < np.e; i++)
	{
		/* "Bank of England", "Procter and Gamble", "Transport for the North" */
		bool		in_run = is_name_word(d, i) ||
			(prev_in_run && i + 1 < np.e && is_name_word(d, i + 1) &&
			 (is_name_glue(d, i) || ws_tok_is(d, i, "and") ||
			  (ws_tok_is(d, i, "the") && is_name_glue(d, i - 1)))) ||
			(prev_in_run && i + 2 < np.e && is_name_glue(d, i) && ws_tok_is(d, i + 1, "the") &&
			 is_name_word(d, i + 2));

		if (in_run && !prev_in_run)
			lb = i;				/* a run starts */
		prev_in_run = in_run;
		if (!in_run)
			continue;
		if (fb < 0)
			fb = i;
		if (fb == lb)
			fe = i + 1;
	}
	if (fb < 0)
		return np;
	/* "Trump supporters", "White House officials": the name only modifies */
	if (!is_name_word(d, np.e - 1) && !(d->toks[np.e - 1].flags & WS_T_POSSESSIVE))
		return np;
	/* "Canada's ambassador to China", "Officials in Ottawa": a role, the last name its object */
	prep = lb > fb && ws_tok_in(d, lb - 1, ws_qw_object_prepositions) && !is_name_glue(d, lb - 1);
	if (prep && (fe < lb - 1 || !person_like(d, (ws_range) {fb, fe})))
		return np;
	/* Facebook's chief operating officer Sheryl Sandberg → Sheryl Sandberg; not "John Smith at Yale" */
	if (lb > fb && is_name_word(d, np.e - 1) && !is_name_glue(d, lb - 1) &&
		!ws_tok_is(d, lb - 1, "at") && !(prep && person_like(d, (ws_range) {fb, fe})))
		return (ws_range)
	{
		lb, np.e
	};
	/* the director general of MI5: a role, no name to head it */
	if (fb > np.b && !(d->toks[np.b].flags & WS_T_CAP) && fb != lb)
		return np;
	/* "the director general of MI5", "a report in the Herald": the name is an object */
	if (fb > np.b && (is_name_glue(d, fb - 1) || ws_tok_in(d, fb - 1, ws_qw_object_prepositions) ||
					  (fb - 1 > np.b && ws_tok_in(d, fb - 1, ws_qw_determiners) &&
					   ws_tok_in(d, fb - 2, ws_qw_object_prepositions))))
		return np;
	/* "Anna Clarke of Northbridge Capital": the person, not where she works */
	for (int32_t g = fb + 2; g < fe; g++)
		if (ws_tok_in(d, g, ws_qw_object_prepositions))
		{
			if (name_before(d, fb, g, fe))
				fe = g;
			break;
		}
	return (ws_range)
	{
		fb, fe
	};
}

/* "those", "these": a phrase's determiner before a participle ("those questioned") */
static bool
those(const ws_doc *d, int32_t i)
{
	return ws_tok_is(d, i, "those") || ws_tok_is(d, i, "these");
}

/* The noun phrase ending at token `last` (inclusive), going left to lo. */
static ws_range
np_ending_at(const ws_doc *d, int32_t last, int32_t lo)
{
	int32_t		b = last;

	if (last < lo)
		return WS_NO_RANGE;
	if (ws_is_pronoun(d, last))
		return (ws_range)
	{
		last, last + 1
	};
	if (!is_np_word(d, last) || (d->toks[last].lex & WS_LEX_FUNCTION && !ws_tok_in(d, last, ws_qw_determiners) &&
								 !is_name_word(d, last)))
		return WS_NO_RANGE;
	while (b - 1 >= lo && last - b + 1 < MAX_NP)
	{
		int32_t		p = b - 1;

		/* "Transport for the North", "Bank of the West": a name goes on before its "the" */
		if (ws_tok_is(d, b, "the") && is_name_glue(d, p) && p - 1 >= lo && is_name_word(d, p - 1) &&
			b + 1 <= last && is_name_word(d, b + 1))
		{
			b = p - 1;
			continue;
		}
		if (ws_tok_in(d, b, ws_qw_determiners) && !(d->toks[b].flags & WS_T_CAP))
			break;				/* a determiner starts the phrase */
		/* "This week opposition politicians said": the time is no part of it */
		if (ws_tok_in(d, p, ws_qw_time_nouns) && !(d->toks[p].flags & WS_T_CAP) && p - 1 >= lo &&
			ws_tok_in(d, p - 1, ws_qw_time_modifiers) && !(d->toks[b].flags & WS_T_POSSESSIVE))
			break;
		if ((is_name_glue(d, p) || ws_tok_is(d, p, "and")) && p - 1 >= lo &&
			is_name_word(d, p - 1) && is_name_word(d, b))
		{
			b = p - 1;
			continue;
		}
		if (!is_np_word(d, p) || ws_is_pronoun(d, p))
			break;
		/* "And Trump said" stops at "And"; "Mr Parker said" keeps "Mr" */
		if ((d->toks[p].flags & WS_T_SENT_START) && (d->toks[p].lex & WS_LEX_FUNCTION) &&
			!(d->toks[p].lex & WS_LEX_HONORIFIC) && !ws_tok_in(d, p, ws_qw_determiners))
			break;
		b = p;
	}
	if (b - 1 >= lo && those(d, b - 1))
		b--;					/* "those questioned" */
	if (b - 2 >= lo && ws_tok_is(d, b - 1, "of") && ws_tok_in(d, b - 2, ws_qw_partitives))
		b -= 2;
	return (ws_range)
	{
		b, last + 1
	};
}

static bool
is_comma(const ws_doc *d, int32_t i)
{
	return i >= 0 && i < d->ntoks && WS_TOK_LEN(d, i) == 1 && WS_TOK_PTR(d, i)[0] == ',';
}

static bool
is_boundary_punct(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (!(t->flags & WS_T_PUNCT) || (t->flags & WS_T_POSSESSIVE))
		return false;
	return !(t->flags & WS_T_DASH) || (t->flags & WS_T_SPACE_BEFORE);
}

/* A dash apart from its words ("Murphy — after a pause — told", "X -- Y --"), or an em dash */
static bool
spaced_dash(const ws_doc *d, int32_t i)
{
	return i >= 0 && (d->toks[i].flags & WS_T_DASH) &&
		((d->toks[i].flags & WS_T_SPACE_BEFORE) || (i > 0 && (d->toks[i - 1].flags & WS_T_DASH)) ||
		 d->toks[i].e - d->toks[i].b > 1);
}

/*
 * The subject before a dash-fenced aside ending at the dash `i`: the noun
 * phrase before the opening dash ("Jason Sims — a teacher — says"), or a
 * name opening the aside when that phrase names no one ("A former candidate
 * -- John McCain, who lost -- said").
 */
static ws_range subject_before(const ws_doc *d, int32_t end, int32_t lo, bool asides);

static ws_range
dashed_subject(const ws_doc *d, int32_t i, int32_t lo)
{
	int32_t		close = i,
				open;
	ws_range	before;

	while (close - 1 >= lo && (d->toks[close - 1].flags & WS_T_DASH))
		close--;
	for (open = close - 1; open >= lo && close - open <= MAX_ASIDE; open--)
		if (d->toks[open].quote || ws_tok_is(d, open, ";") || spaced_dash(d, open))
			break;
	if (open < lo || close - open > MAX_ASIDE || !spaced_dash(d, open) || open + 1 == close)
		return WS_NO_RANGE;
	while (open - 1 >= lo && (d->toks[open - 1].flags & WS_T_DASH))
		open--;
	before = subject_before(d, open, lo, false);	/* one aside, not a chain */
	if (before.b >= 0 && is_name_word(d, before.e - 1))
		return before;
	for (int32_t k = open + 1; k < close; k++)
		if (!(d->toks[k].flags & WS_T_DASH))
		{
			if (is_name_word(d, k) && !(d->toks[k].lex & WS_LEX_FUNCTION))
			{
				int32_t		e = k;

				while (e < close && !is_comma(d, e))
					e++;
				return ws_phrase_after(d, k, e);
			}
			break;
		}
	return before;
}

static int32_t quoted_as_before(const ws_doc *d, int32_t i);

int32_t
ws_catenative_before(const ws_doc *d, int32_t i)
{
	if (quoted_as_before(d, i) >= 0)
		return quoted_as_before(d, i);
	if (i < 2 || !ws_tok_is(d, i - 1, "to"))
		return -1;
	if (ws_tok_in(d, i - 2, ws_qw_continue_verbs))
		return i - 2;
	if (i >= 3 && ws_tok_is(d, i - 2, "on") && ws_tok_in(d, i - 3, ws_qw_go_verbs))
		return i - 3;
	return -1;
}

/* "was quoted as saying": the passive "quoted as" before cue i, or -1 */
static int32_t
quoted_as_before(const ws_doc *d, int32_t i)
{
	if (i < 3 || !ws_tok_is(d, i - 1, "as") || !ws_tok_is(d, i - 2, "quoted") ||
		!ws_tok_ends_with(d, i, "ing"))
		return -1;
	return ws_tok_in(d, i - 3, ws_qw_passive_aux) ? i - 3 : i - 2;
}

/* "Republican of Arizona", "Democrat from Ohio": a party member's apposition [b, e) */
static bool
party_member(const ws_doc *d, int32_t b, int32_t e)
{
	return e - b >= 3 && ws_tok_in(d, b, ws_qw_party_members) && (d->toks[b].flags & WS_T_CAP) &&
		(ws_tok_is(d, b + 1, "of") || ws_tok_is(d, b + 1, "from"));
}

/*
 * Does segment [b, e), whose phrase head is h, describe a role rather than
 * name someone? "Minister of Innovation", "The Bishop of Wexford" (a title
 * and its domain), "Norway's envoy to Chile" (a lower-case role and no
 * name to head it), a party tag ("D-Ore.").
 */
static bool
role_description(const ws_doc *d, int32_t b, int32_t e, ws_range h)
{
	int32_t		t = b + (ws_tok_in(d, b, ws_qw_determiners) && b + 1 < e);

	if (ws_party_tag(WS_TOK_PTR(d, b), WS_TOK_LEN(d, b)) &&
		(e - b == 1 || (e - b == 2 && ws_tok_is(d, b + 1, "."))))
		return true;			/* "Sen. Carla Mendez, D-N.M., said", "D-Ore.," */

	if (t + 1 < e && ((d->toks[t].lex & (WS_LEX_ROLE | WS_LEX_HONORIFIC)) || party_member(d, b, e)) &&
		ws_tok_in(d, t + 1, ws_qw_object_prepositions))
		return !person_like(d, (ws_range) {t + 2, e});	/* not "Secretary of State John Kerry" */
	return h.b == b && h.e == e && ws_role_words_in(d, b, e);
}

/* Does segment [b, e) open with a name ("Priya Kashani", "The Dean of …")? */
static bool
name_led(const ws_doc *d, int32_t b, int32_t e)
{
	return b < e && (is_name_word(d, b) ||
					 (ws_tok_is(d, b, "the") && (d->toks[b].flags & WS_T_CAP) &&
					  b + 1 < e && is_name_word(d, b + 1))) &&
		!ws_tok_in(d, b, ws_qw_clause_openers) &&
		(is_name_word(d, e - 1) || !ws_any_tok_in(d, b, e, ws_qw_finite_verbs));
}

/*
 * A segment [seg_b, seg_e) not led by a name: a name ending it may be the
 * subject (*found); a determiner-led one is the fallback. False when an
 * opening phrase ends the search.
 */
static bool
other_segment(const ws_doc *d, int32_t seg_b, int32_t seg_e, int32_t end, int32_t lo, ws_range name,
			  bool listed, ws_range role, ws_range *fallback, ws_range *found)
{
	/* "The Guardian reports that Paul Chichester, …": the name ending the segment */
	if (seg_b < seg_e && is_name_word(d, seg_e - 1))
	{
		ws_range	tail = np_ending_at(d, seg_e - 1, seg_b);

		if (tail.b > seg_b && ws_tok_is(d, tail.b - 1, "that"))
		{
			*found = name.b >= 0 && !listed ? name : ws_phrase_head(d, tail);
			return true;
		}
		/* "The dispute began after Lena Marsh, Norway's envoy to Chile, told" */
		if (tail.b > seg_b && name.b < 0 && role.b >= 0 && (seg_b - 1 < lo || !is_comma(d, seg_b - 1)) &&
			person_like(d, ws_phrase_head(d, tail)))
		{
			*found = ws_phrase_head(d, tail);
			return true;
		}
	}
	/* an opening phrase ends the search, unless commas fence it in */
	if (seg_b < seg_e && ws_tok_in(d, seg_b, ws_qw_clause_openers) &&
		!(seg_b - 1 >= lo && is_comma(d, seg_b - 1) && seg_e < end && is_comma(d, seg_e)))
		return false;
	if (fallback->b < 0 && seg_b < seg_e && ws_tok_in(d, seg_b, ws_qw_determiners) &&
		!ws_any_tok_in(d, seg_b, seg_e, ws_qw_finite_verbs))
		*fallback = ws_phrase_after(d, seg_b, seg_e);
	return true;
}

/* The first token of the comma-bounded segment ending before token e */
static int32_t
segment_start(const ws_doc *d, int32_t e, int32_t lo)
{
	int32_t		b = e;

	while (b - 1 >= lo && !is_comma(d, b - 1) && !ws_tok_is(d, b - 1, ";") && !ws_tok_is(d, b - 1, ":") &&
		   !d->toks[b - 1].quote && e - b < MAX_ASIDE)
		b--;
	return b;
}

/* A state or a country written short: "Mich.", "N.H.", "VA" */
static bool
short_place(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (!(t->flags & WS_T_CAP) || (t->lex & (WS_LEX_HONORIFIC | WS_LEX_MALE | WS_LEX_FEMALE)))
		return false;
	return ((t->flags & WS_T_ABBREV) && WS_TOK_LEN(d, i) <= 6) ||
		((t->flags & WS_T_ALLCAPS) && WS_TOK_LEN(d, i) == 2);
}

/*
 * The preposition before the place named right before the comma at b - 1
 * ("in" of "in Columbus, Ohio"), or -1.
 */
static int32_t
place_preposition(const ws_doc *d, int32_t b, int32_t lo)
{
	int32_t		r = b - 2;		/* the name before the comma: [r, b - 1) */

	if (b - 2 < lo || !is_comma(d, b - 1) || !is_name_word(d, b - 2))
		return -1;
	while (r - 1 >= lo && is_name_word(d, r - 1))
		r--;
	if (r - 1 < lo || !(ws_tok_in(d, r - 1, ws_qw_entity_place_prepositions) ||
						ws_tok_is(d, r - 1, "from") || ws_tok_is(d, r - 1, "of")))
		return -1;
	return r - 1;
}

bool
ws_place_goes_on(const ws_doc *d, int32_t b, int32_t e, int32_t lo)
{
	int32_t		last = e - 1;

	if (e <= b || e - b > 4 || place_preposition(d, b, lo) < 0)
		return false;
	/* "Mich." the tokenizer leaves apart from its period */
	if (e - b == 2 && (d->toks[b].flags & WS_T_CAP) && WS_TOK_LEN(d, b) <= 5 && ws_tok_is(d, b + 1, ".") &&
		!(d->toks[b].lex & (WS_LEX_HONORIFIC | WS_LEX_MALE | WS_LEX_FEMALE)))
		return true;
	for (int32_t i = b; i < e; i++)
		if (!is_name_word(d, i) && !ws_tok_is(d, i, "and"))
			return false;
	if (e - b == 1 && short_place(d, b))
		return true;
	/* the last place of a list: "Turkey and France" */
	for (int32_t i = b; i < last; i++)
		if (ws_tok_is(d, i, "and"))
			b = i + 1;
	return (ws_gazetteer_lookup(d, b, e) & (WS_GAZ_COUNTRY | WS_GAZ_CAPITAL | WS_GAZ_CITY)) != 0;
}

/*
 * The place going on at b ("Vermont" of "a farmer in Barre,
 * Vermont, told") is where the phrase before its preposition is from,
 * when that phrase opens the clause: that phrase, else none ("Clinton, during
 * a meeting in Columbus, Ohio, said" walks on to "Clinton").
 */
static ws_range
place_holder(const ws_doc *d, int32_t b, int32_t lo)
{
	int32_t		p = place_preposition(d, b, lo),
				sb = segment_start(d, p, lo);
	ws_range	np;

	if (p - 1 < sb || (sb - 1 >= lo && is_comma(d, sb - 1)))
		return WS_NO_RANGE;
	np = np_ending_at(d, p - 1, sb);
	if (np.b < 0 || (np.b > sb && !ws_tok_in(d, np.b - 1, ws_qw_subordinators) &&
					 !ws_tok_in(d, np.b - 1, ws_qw_coordinators)))
		return WS_NO_RANGE;
	return np;
}

/* Does the segment ending before the comma at c open with "whose" ("whose hometown, Miami,")? */
static bool
after_whose(const ws_doc *d, int32_t c, int32_t lo)
{
	return is_comma(d, c) && ws_tok_is(d, segment_start(d, c, lo), "whose");
}

/*
 * "X, the director of Y, said": walk the comma-separated segments ending at
 * the comma i right to left; skip appositions (lower-case or determiner-led,
 * or a role: "Priya Kashani, Minister of Transport, Housing and Regional
 * Growth, said", where the names after the role's comma are its list)
 * and relative clauses; take the nearest capitalised name, else a
 * determiner-led one after a role ("The Bishop of Wexford, the Rt Rev Dr Alan
 * Coyle, said"), else the role; stop at an opening phrase. end is the cue
 * the subject is for.
 */
static ws_range
subject_past_commas(const ws_doc *d, int32_t i, int32_t end, int32_t lo)
{
	ws_range	fallback = WS_NO_RANGE,
				name = WS_NO_RANGE, /* the nearest name, unless a role's list */
				role = WS_NO_RANGE;
	bool		listed = false; /* name holds "and": a role's list may go on */
	int32_t		seg_e = i;		/* segment is [seg_b, seg_e) */

	for (int guard = 0; guard < 6 && seg_e > lo; guard++)
	{
		int32_t		seg_b = seg_e;
		bool		taken = false;
		ws_range	found = WS_NO_RANGE;

		while (seg_b - 1 >= lo && !is_comma(d, seg_b - 1) &&
			   !ws_tok_is(d, seg_b - 1, ";") && !ws_tok_is(d, seg_b - 1, ":") &&
			   !d->toks[seg_b - 1].quote)
			seg_b--;
		if (seg_b == seg_e)
			break;
		while (seg_b < seg_e && (ws_tok_is(d, seg_b, "and") || ws_tok_is(d, seg_b, "but")))
			seg_b++;
		if (seg_b + 1 < seg_e && is_age(d, seg_b) && is_name_word(d, seg_b + 1))
			seg_b++;			/* "76-year-old Morton Blackwell" */
		/* "Clinton, during a meeting in Columbus, Ohio, said", "Slinker, whose start-up, Paradata, …" */
		if (ws_place_goes_on(d, seg_b, seg_e, lo))
		{
			ws_range	np = place_holder(d, seg_b, lo);

			if (np.b >= 0 && name.b < 0)
				return np;
			taken = true;
		}
		else if (name_led(d, seg_b, seg_e) && seg_b - 1 > lo && after_whose(d, seg_b - 1, lo))
			taken = true;
		else if (name_led(d, seg_b, seg_e))
		{
			ws_range	h = ws_phrase_head(d, (ws_range) {seg_b, seg_e});
			bool		long_role = h.e - h.b > MAX_NP && ws_role_words_in(d, h.b, h.e);

			if (long_role || (h.e - h.b <= MAX_NP && role_description(d, seg_b, seg_e, h)))
			{
				if (role.b < 0 && !long_role)
					role = h;
				if (listed)
					name = WS_NO_RANGE; /* "Science and Economic Development" */
				listed = false;
				taken = true;
			}
			else if (h.e - h.b <= MAX_NP)
			{
				if (name.b >= 0 && !listed)
					return name;
				if (name.b < 0)
				{
					name = h;
					for (int32_t k = h.b; k < h.e; k++)
						listed |= ws_tok_is(d, k, "and");
				}
				taken = true;
			}
		}
		if (!taken && !other_segment(d, seg_b, seg_e, end, lo, name, listed, role, &fallback, &found))
			break;
		if (found.b >= 0)
			return found;
		if (seg_b - 1 < lo || !is_comma(d, seg_b - 1))
			break;
		seg_e = seg_b - 1;
	}
	if (name.b >= 0)
		return name;
	/* a role's apposition with a name ("the Rt Rev Dr Alan Coyle") beats the role */
	if (role.b >= 0 && (fallback.b < 0 || !person_like(d, ws_phrase_head(d, fallback))))
		return role;
	return fallback;
}

/*
 * The first token of a time adjunct ending at token i, or -1: "on Tuesday",
 * "on Thursday evening", "last week", "this past week", "late last month",
 * "earlier in the day", "in June", "in 2012"; a weekday alone inside a
 * sentence ("Trump Monday said"). A month or a year needs its preposition
 * or modifier ("Theresa May said" has none).
 */
static int32_t
time_adjunct_start(const ws_doc *d, int32_t i, int32_t lo)
{
	int32_t		k = i;
	bool		year = (d->toks[i].flags & WS_T_NUM) && WS_TOK_LEN(d, i) == 4;

	if (!year && !ws_tok_in(d, i, ws_qw_time_nouns))
		return -1;
	while (k - 1 >= lo && i - k < 4 &&
		   (ws_tok_in(d, k - 1, ws_qw_time_nouns) || ws_tok_in(d, k - 1, ws_qw_time_modifiers)))
		k--;
	if (k - 1 >= lo && ws_tok_in(d, k - 1, ws_qw_time_prepositions))
	{
		k--;
		/* "earlier in the day", "late on Tuesday" */
		if (k - 1 >= lo && ws_tok_in(d, k - 1, ws_qw_time_modifiers) && !ws_tok_in(d, k - 1, ws_qw_determiners))
			k--;
		return k;
	}
	if (ws_tok_in(d, k, ws_qw_time_modifiers) && !ws_tok_in(d, k, ws_qw_determiners))
		return k;
	if (k == i && !year && (d->toks[i].flags & WS_T_CAP) && !(d->toks[i].flags & WS_T_SENT_START) &&
		ws_tok_ends_with(d, i, "day") && i - 1 >= lo && is_name_word(d, i - 1))
		return k;				/* "Trump Monday said" */
	return -1;
}

/* The run of name words ending at token e - 1, within [lo, e), or none */
static ws_range
name_run_ending(const ws_doc *d, int32_t e, int32_t lo)
{
	int32_t		b = e - 1;

	if (b < lo || !is_name_word(d, b))
		return WS_NO_RANGE;
	while (b - 1 >= lo && (is_name_word(d, b - 1) ||
						   (b - 2 >= lo && is_name_glue(d, b - 1) && is_name_word(d, b - 2))))
		b -= is_name_word(d, b - 1) ? 1 : 2;
	return (ws_range) {b, e};
}

/*
 * "said Omar Galloway, a senior analyst at Harrow Capital, who notes", "Ida
 * Markovic, a nurse from Springfield, Illinois, who said", "Sam Coyle,
 * 31, from Leeds, who said": the relative's antecedent is the name
 * before an apposition that opens with no name (and an age, a place going on
 * after its comma), not the name the apposition ends in. c is the comma
 * before "who"; none when the segment before it is no such apposition (a
 * determiner or "from", "of", "at" opens one: "was introduced by X, who"
 * and "and X, who" keep X).
 */
static ws_range
named_before_apposition(const ws_doc *d, int32_t c, int32_t lo)
{
	int32_t		e = c;
	bool		apposition = false;

	for (int guard = 0; guard < 4 && e > lo; guard++)
	{
		int32_t		b = segment_start(d, e, lo);

		if (b >= e || b - 1 < lo || !is_comma(d, b - 1))
			return WS_NO_RANGE;
		/* "a senior analyst at Harrow Capital", "from Leeds"; "Illinois" and "31" are passed */
		if ((ws_tok_in(d, b, ws_qw_determiners) && !(d->toks[b].flags & WS_T_CAP)) ||
			ws_tok_is(d, b, "from") || ws_tok_is(d, b, "of") || ws_tok_is(d, b, "at") || party_member(d, b, e))
			apposition = true;
		else if (!ws_place_goes_on(d, b, e, lo) && !(e - b == 1 && (d->toks[b].flags & WS_T_NUM)))
			return WS_NO_RANGE;
		e = b - 1;
		if (apposition)
		{
			ws_range	run = name_run_ending(d, e, segment_start(d, e, lo));

			if (run.b >= 0)
				return run;
		}
	}
	return WS_NO_RANGE;
}

/*
 * "A spokesman for Tesla", "sources close to Smith", "Canada's ambassador to
 * China", "aides to Smith", "a report in the Herald": the phrase np is the
 * object of a preposition after a role, a group or a document; the subject is
 * that phrase with it.
 */
static ws_range
with_role_before(const ws_doc *d, ws_range np, int32_t lo)
{
	int32_t		p = np.b - 1,
				r;
	ws_range	role;

	if (np.b < 0 || p - 1 < lo || !ws_tok_in(d, p, ws_qw_object_prepositions) ||
		ws_tok_is(d, p, "by") || ws_tok_is(d, p, "on"))
		return np;
	/* "sources close to", "people familiar with" */
	r = (ws_tok_is(d, p, "to") && ws_tok_is(d, p - 1, "close")) ||
		(ws_tok_is(d, p, "with") && ws_tok_is(d, p - 1, "familiar")) ? p - 2 : p - 1;
	/* "a statement from X" is X's own */
	if (r < lo || ((d->toks[r].flags & WS_T_CAP) && !(d->toks[r].flags & WS_T_SENT_START)) ||
		!((d->toks[r].lex & WS_LEX_ROLE) || ws_tok_in(d, r, ws_qw_group_nouns) ||
		  (ws_tok_in(d, r, ws_qw_document_nouns) && !ws_tok_is(d, p, "from"))))
		return np;
	role = np_ending_at(d, r, lo);
	return role.b >= 0 ? (ws_range) {role.b, np.e} : np;
}

/*
 * The antecedent of the relative pronoun at i, the subject of the cue after
 * it, when it is a document or a role: "a report in the Herald on Monday
 * that alleged", "the records, which show". A thing's relative describes it
 * ("a faction that has sworn allegiance", "the club, which won the cup").
 */
static ws_range
relative_antecedent(const ws_doc *d, int32_t i, int32_t lo)
{
	int32_t		k = i - 1,
				t;
	ws_range	np;

	if (k >= lo && is_comma(d, k) && ws_tok_is(d, i, "which"))
		k--;
	if (k < lo)
		return WS_NO_RANGE;
	if ((t = time_adjunct_start(d, k, lo)) > lo)
		k = t - 1;
	np = with_role_before(d, np_ending_at(d, k, lo), lo);
	for (int32_t h = np.b; h >= 0 && h < np.e; h++)
		if (!(d->toks[h].flags & WS_T_CAP) && ((d->toks[h].lex & WS_LEX_ROLE) ||
											   ws_tok_in(d, h, ws_qw_document_nouns) ||
											   ws_tok_in(d, h, ws_qw_source_nouns)))
			return np;
	return WS_NO_RANGE;
}

static ws_range
subject_before(const ws_doc *d, int32_t end, int32_t lo, bool asides)
{
	int32_t		i = end - 1,
				went_on_to = ws_catenative_before(d, end);

	if (went_on_to >= lo)
		i = went_on_to - 1;

	for (;;)
	{
		int32_t		t;

		/* "has also said", "she angrily said" (but "the family said") */
		while (i >= lo && ((ws_tok_in(d, i, ws_qw_between_aux) && !is_name_word(d, i)) ||
						   (i - 1 >= lo && !ws_tok_in(d, i - 1, ws_qw_determiners) && ws_is_ly_adverb(d, i))))
			i--;
		/* "X on Tuesday said", "Police had last month charged" */
		if (i < lo || (t = time_adjunct_start(d, i, lo)) < 0 || t == lo)
			break;
		i = t - 1;
	}
	/* "Republicans who say"; "Jeff Weaver, who said" */
	if (i > lo && ws_tok_is(d, i, "who"))
	{
		if (is_comma(d, i - 1))
		{
			ws_range	np = np_ending_at(d, i - 2, lo),
						named = named_before_apposition(d, i - 1, lo);

			if (named.b >= 0)
				return named;
			if (np.b >= 0 && is_name_word(d, np.e - 1))
				return np;
		}
		i--;
	}
	if (i > lo && (ws_tok_is(d, i, "that") || ws_tok_is(d, i, "which")))
	{
		/* "which was first reported by": a passive, no report */
		for (int32_t k = i + 1; k < end; k++)
			if (ws_tok_in(d, k, ws_qw_passive_aux))
				return WS_NO_RANGE;
		return relative_antecedent(d, i, lo);
	}
	/* "a report that, citing sources, alleged" */
	if (i > lo && is_comma(d, i))
		for (int32_t k = i - 1; k - 1 > lo && i - k <= MAX_ASIDE && !d->toks[k].quote; k--)
			if (is_comma(d, k))
			{
				if (ws_tok_is(d, k - 1, "that"))
					return relative_antecedent(d, k - 1, lo);
				break;
			}
	/* "he laughed and said", "she smiled, then said" */
	if (i - 1 >= lo && (ws_tok_is(d, i, "and") || ws_tok_is(d, i, "then")) &&
		!(d->toks[i - 1].flags & WS_T_CAP) && WS_TOK_LEN(d, i - 1) > 3 &&
		ws_tok_ends_with(d, i - 1, "ed"))
	{
		i -= 2;
		while (i >= lo && ws_tok_in(d, i, ws_qw_between_aux))
			i--;
	}
	/* "Lisa Madigan (D) asserted", "Paul Ryan (R-WI) said" */
	if (i >= lo && ws_tok_is(d, i, ")"))
		for (int32_t k = i - 1; k > lo && i - k <= 10; k--)
			if (ws_tok_is(d, k, "("))
			{
				if (is_name_word(d, k - 1))
					i = k - 1;
				break;
			}
	if (i < lo)
		return WS_NO_RANGE;
	if (asides && spaced_dash(d, i))
		return dashed_subject(d, i, lo);
	if (!is_comma(d, i))
	{
		if (is_boundary_punct(d, i))
			return WS_NO_RANGE;
		return with_role_before(d, np_ending_at(d, i, lo), lo);
	}
	return subject_past_commas(d, i, end, lo);
}

ws_range
ws_subject_before(const ws_doc *d, int32_t end, int32_t lo)
{
	return subject_before(d, end, lo, true);
}

ws_range
ws_phrase_after(const ws_doc *d, int32_t start, int32_t hi)
{
	int32_t		e = start,
				words,			/* the first token after the determiner */
				last_name = -1;
	bool		det = ws_tok_in(d, start, ws_qw_determiners);

	if (start >= hi)
		return WS_NO_RANGE;
	if (ws_is_pronoun(d, start))
		return (ws_range)
	{
		start, start + 1
	};
	/* "one of those advisers", "some of Clinton's aides" */
	if (ws_tok_in(d, start, ws_qw_partitives) && ws_tok_is(d, start + 1, "of"))
	{
		det = true;
		e = start + 2;
		if (ws_tok_in(d, e, ws_qw_determiners) || ws_tok_is(d, e, "those") || ws_tok_is(d, e, "these"))
			e++;
	}
	else if (det)
		e++;
	words = e;

	/*
	 * A run of name words, possessives and lower-case nouns: "the
	 * spokesman", "Mr Parker", "pollster Frank Luntz", "Clinton spokesman
	 * Brian Fallon". Without a determiner it must end in a name.
	 */
	for (; e < hi && e - start < MAX_NP; e++)
	{
		/* a speech word ends the phrase, unless a determiner makes it a noun: "the report" */
		if (e > start && (d->toks[e].lex & WS_LEX_SPEECH) && !(d->toks[e].flags & WS_T_CAP) &&
			!(det && e == words))
			break;
		/* "Clinton attacked Trump": a verb after the name ends it */
		if (!det && last_name >= 0 && !(d->toks[e].flags & WS_T_CAP) && WS_TOK_LEN(d, e) > 4 &&
			ws_tok_ends_with(d, e, "ed"))
			break;
		/* "The mayor followed that by saying": after the noun, a verb the phrase does not go on past */
		if (det && e > words && !(d->toks[e].flags & WS_T_CAP) && WS_TOK_LEN(d, e) > 4 &&
			ws_tok_ends_with(d, e, "ed") &&
			(e + 1 >= hi || !is_np_word(d, e + 1) || (d->toks[e + 1].lex & WS_LEX_FUNCTION)))
			break;
		if (is_name_word(d, e) || (d->toks[e].flags & WS_T_POSSESSIVE))
			last_name = e;
		/* "Michael Every": a capitalised word after a first name is a surname */
		else if (last_name == e - 1 && e > start && (d->toks[e - 1].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) &&
				 (d->toks[e].flags & WS_T_CAP) && (d->toks[e].flags & WS_T_WORD) &&
				 !(d->toks[e].flags & WS_T_SENT_START))
			last_name = e;
		else if (e > start && is_name_glue(d, e) && e + 1 < hi && is_name_word(d, e + 1))
			continue;
		else if (det && e == words && (d->toks[e].flags & WS_T_NUM) && e + 1 < hi &&
				 is_np_word(d, e + 1))
			continue;			/* "a 2008 Clinton veteran" */
		else if (!is_np_word(d, e) || (d->toks[e].lex & WS_LEX_FUNCTION) ||
				 ((d->toks[e].flags & WS_T_NUM) && !is_age(d, e)))
			break;
	}
	if (!det)
		e = last_name + 1;
	/*
	 * "the lanky, bespectacled professor", "the tall, lanky, bespectacled
	 * professor": adjectives between commas before a role; not "said the
	 * mayor, senior officials confirmed", where a role ends the phrase
	 */
	else if (e == words + 1 && is_comma(d, e) && !(d->toks[words].lex & WS_LEX_ROLE))
	{
		int32_t		k = e;

		while (k + 2 < hi && k - words <= 2 * MAX_ADJECTIVES && is_comma(d, k) && ws_plain_word(d, k + 1) &&
			   !(d->toks[k + 1].lex & WS_LEX_ROLE))
		{
			if (ws_plain_word(d, k + 2) && (d->toks[k + 2].lex & WS_LEX_ROLE))
			{
				e = k + 3;
				break;
			}
			k += 2;
		}
	}
	if (e <= start || (det && e <= words))
		return WS_NO_RANGE;
	return (ws_range)
	{
		start, e
	};
}

static bool
source_noun(const ws_doc *d, int32_t i)
{
	return ws_tok_in(d, i, ws_qw_document_nouns) || ws_tok_in(d, i, ws_qw_source_nouns);
}

ws_range
ws_source_phrase_after(const ws_doc *d, int32_t start, int32_t hi)
{
	ws_range	s = ws_phrase_after(d, start, hi);
	int32_t		k = start + 1;

	if (!ws_tok_in(d, start, ws_qw_determiners) || (d->toks[start].flags & WS_T_POSSESSIVE))
		return s;
	/* "a recent", "the Globe", "a court": up to three words before the document */
	while (k < hi && k - start <= 3 && !source_noun(d, k) && (d->toks[k].flags & WS_T_WORD) &&
		   !(d->toks[k].lex & WS_LEX_FUNCTION) && !(d->toks[k].flags & WS_T_NUM))
		k++;
	if (k >= hi || !source_noun(d, k) || (k + 1 < hi && ws_tok_is(d, k + 1, "of")))
		return s;				/* "a transcript of the interview" is the source */
	s = (ws_range) {start, k + 1};
	k++;
	/* "filed by", "released by", "provided by" */
	if (k + 1 < hi && !(d->toks[k].flags & WS_T_CAP) && ws_tok_ends_with(d, k, "ed") && ws_tok_is(d, k + 1, "by"))
		k++;
	if (k + 1 < hi && (ws_tok_is(d, k, "by") || ws_tok_is(d, k, "from") || ws_tok_is(d, k, "in")))
	{
		ws_range	who = ws_phrase_after(d, k + 1, hi);

		if (who.b >= 0 && is_name_word(d, who.e - 1))
			return who;			/* its author speaks */
	}
	return s;
}

ws_range
ws_phrase_with_object(const ws_doc *d, ws_range s, ws_range obj)
{
	ws_range	h;

	if (s.b < 0 || obj.b < 0 || !is_name_word(d, s.b) || ws_tok_in(d, s.b, ws_qw_determiners))
		return s;
	h = ws_phrase_head(d, (ws_range) {s.b, obj.e});
	if (h.b > obj.b && h.e == obj.e && !(d->toks[h.b - 1].flags & WS_T_CAP) &&
		!(d->toks[h.b - 1].lex & WS_LEX_FUNCTION) && person_like(d, h))
		return (ws_range) {s.b, obj.e};
	return s;
}

bool
ws_column_label(const ws_doc *d, int32_t b, int32_t e)
{
	int32_t		words = 0;
	bool		possessive = false;

	if (b >= e || !(d->toks[b].flags & WS_T_PARA_START))
		return false;
	for (int32_t i = b; i < e; i++)
	{
		if (d->toks[i].flags & WS_T_POSSESSIVE)
			possessive = true;
		else if (!(d->toks[i].flags & WS_T_WORD))
			return false;
		else if (!(d->toks[i].flags & WS_T_ALLCAPS))
			return false;
		else
			words++;
	}
	return words >= 2 || (words == 1 && possessive);
}

/*
 * "the farmers' leader, Owen Price": a description s (determiner-led) right
 * before a comma and a person's name, within [s.e, hi), gives way to the name.
 */
ws_range
ws_apposition_name(const ws_doc *d, ws_range s, int32_t hi)
{
	ws_range	n;

	if (s.b < 0 || !ws_tok_in(d, s.b, ws_qw_determiners) || s.e + 1 >= hi || !is_comma(d, s.e))
		return s;
	n = ws_phrase_after(d, s.e + 1, hi);
	if (n.b < 0 || (n.e < hi && !is_comma(d, n.e) && !is_boundary_punct(d, n.e)) ||
		!person_like(d, ws_phrase_head(d, n)))
		return s;
	return n;
}

/* ------------------------------------------------------------ names */

bool
ws_is_name_word(const ws_doc *d, int32_t i)
{
	return is_name_word(d, i);
}

bool
ws_is_name_glue(const ws_doc *d, int32_t i)
{
	return is_name_glue(d, i);
}

/* Strip a title, determiner or possessive clitic from a name's edges. */
static ws_range
strip_name(const ws_doc *d, ws_range r)
{
	while (r.b < r.e - 1 && ((d->toks[r.b].lex & WS_LEX_HONORIFIC) ||
							 ws_tok_in(d, r.b, ws_qw_determiners)))
		r.b++;
	r.b = ws_name_start(d, r.b, r.e);
	while (r.e > r.b + 1 && (d->toks[r.e - 1].flags & WS_T_POSSESSIVE))
		r.e--;
	return r;
}

ws_resolver *
ws_resolver_new(ws_doc *d, ws_actors *actors, const uint8_t *in_quote)
{
	ws_resolver *r = ws_arena_alloc(d->arena, sizeof(ws_resolver));

	r->doc = d;
	/* the entity layer the actors were grouped by, when there is one */
	if (actors && actors->entities)
	{
		r->entities = actors->entities;
		ws_entities_resolve(r->entities, in_quote);
	}
	else
		r->entities = ws_entities_new(d, actors, in_quote);
	return r;
}

/* Report resolution step `rule` on tokens [b, e) to the trace, giving its answer. */
static const char *
traced(const ws_doc *d, const char *rule, int32_t b, int32_t e, const char *name)
{
	if (ws_trace_hook)
		ws_trace(d, rule, "speaker", -1, b, e, name ? name : "no name");
	return name;
}

const char *
ws_resolve_speaker(ws_resolver *r, ws_range np)
{
	ws_doc	   *d = r->doc;
	ws_range	h;
	int32_t		first;
	int8_t		gender;
	bool		titled,		/* a gendered title: "Mrs Axelrod" */
				person;		/* the entity layer has a person ending in the name's last word */
	const char *name,
			   *written;

	if (np.b < 0)
		return NULL;
	h = ws_phrase_head(d, np);
	if (h.e - h.b == 1 && ws_is_pronoun(d, h.b))
	{
		const char *rule = "speaker.resolve_pronoun";
		const char *name = ws_entity_referent(r->entities, h.b, &rule);

		return traced(d, rule, h.b, h.e, name);
	}
	/*
	 * "the mayor", "the company", "her statement", "the former mayor": a
	 * description the entity layer resolved at its noun
	 */
	if (h.e - h.b >= 2 && (ws_tok_is(d, h.b, "the") || ws_tok_is(d, h.b, "his") || ws_tok_is(d, h.b, "her")))
	{
		const char *rule = NULL;
		const char *name = ws_entity_referent(r->entities, h.e - 1, &rule);

		if (name)
			return traced(d, rule, h.b, h.e, name);
	}
	if (!is_name_word(d, h.b) || !is_name_word(d, h.e - 1))
		return traced(d, "speaker.not_a_name", h.b, h.e, NULL);	/* "a spokesman", "Trump aides" */
	/* "Canada's ambassador to China", "Legislative leaders in North Carolina" */
	if (ws_role_words_in(d, h.b, h.e))
		return traced(d, "speaker.role_phrase", h.b, h.e, NULL);
	/*
	 * "Officials said", "Prosecutors said", "Attorneys for Ann Lee said":
	 * capitalised only by the sentence
	 */
	if ((d->toks[h.b].flags & WS_T_SENT_START) &&
		((d->toks[h.b].lex & WS_LEX_ROLE) || ws_tok_in(d, h.b, ws_qw_group_nouns)) &&
		(h.e - h.b == 1 || (!(d->toks[h.b + 1].flags & WS_T_CAP) && ws_name_start(d, h.b, h.e) == h.b)))
		return traced(d, "speaker.role_word_opening_sentence", h.b, h.e, NULL);
	first = h.b + ((d->toks[h.b].lex & WS_LEX_HONORIFIC) != 0);
	/* "Radcliffe" alone has no first name */
	gender = ws_name_gender(d, first > h.b ? h.b : -1, h.e - first >= 2 ? first : -1);
	titled = ws_name_gender(d, first > h.b ? h.b : -1, -1) != 0;
	h = strip_name(d, h);
	/* "Half of Vermont Democrats", "Most of the staff": part of a group, no name */
	if (h.e - h.b > 2 && ws_tok_in(d, h.b, ws_qw_partitives) && ws_tok_is(d, h.b + 1, "of"))
		return traced(d, "speaker.part_of_group", h.b, h.e, NULL);
	person = ws_entity_person_ending_in(r->entities, d->toks[h.e - 1].hash);
	for (int32_t i = h.b + 1; i < h.e - 1; i++)
	{
		if (!is_name_glue(d, i) || (d->toks[i].flags & WS_T_CAP))
			continue;
		/* "Secretary of Defense", "CEO of Hewlett-Packard": an office, no name */
		if ((d->toks[i - 1].lex & WS_LEX_ROLE) && !(d->toks[i - 1].lex & WS_LEX_HONORIFIC))
			return traced(d, "speaker.office", h.b, h.e, NULL);
		/* "Relatives of Tom Reyes", "Attorneys for Ann Lee": a person's people, no name */
		if (person && (d->toks[h.b].flags & WS_T_SENT_START) && !person_like(d, (ws_range) {h.b, i}) &&
			person_like(d, (ws_range) {i + 1, h.e}))
			return traced(d, "speaker.people_of_person", h.b, h.e, NULL);
	}
	if (person)
		return traced(d, "speaker.canonical_person", h.b, h.e,
					  ws_entity_name(r->entities, h.b, h.e, gender, titled));
	/* "the Prime Minister", "the Mayor's spokesman": a title alone names no one ("Mr Dean" does) */
	if (!titled && office_title(d, h) && !person_like(d, h))
		return traced(d, "speaker.title_alone", h.b, h.e, NULL);
	name = ws_entity_name(r->entities, h.b, h.e, gender, titled);
	written = ws_span_text(d, ws_tok_span(d, h.b, h.e), false);
	/* "Jayme" → "Jayme Closs", "Samsung" → "Samsung Electronics Co." */
	return traced(d, strcmp(name, written) ? "speaker.entity_short_form" : "speaker.name_as_written",
				  h.b, h.e, name);
}
