/*
 * quote_finder.c — who said what: assemble quotes from quotation marks,
 * cue verbs and speaker phrases.
 *
 *  1. direct: a quoted stretch with a cue right after it ("…," said X /
 *     "…," X said) or right before it (X said: "…"); a following stretch
 *     after "said X," joins it (split quote);
 *  2. mixed and indirect: a cue with a subject and a reported clause
 *     (X said that …, X told Y …, X called on Y to …, according to X, …),
 *     or a clause followed by ", X said"; mixed when the clause holds
 *     quotation marks;
 *  3. a quoted paragraph with no cue continues the previous speaker.
 * Quoted stretches with none of these (scare quotes, titles) are not quotes.
 */
#include "quotes.h"

#include <stdlib.h>

#define MAX_PARTS 8
#define RIGHT_WINDOW 30
#define LEFT_WINDOW 8
#define MAX_NP_RIGHT 10			/* tokens of a speaker phrase between mark and cue */
#define MIXED_MIN_WORDS 4			/* quoted words that make a report mixed */
#define MAX_CLAUSE 150			/* tokens of reported speech kept, nearest the cue */
#define MAX_LEAD_IN 60			/* tokens before a mark that a mixed quote may take in */
#define MAX_CUT_CUES 8			/* cues a reported clause is searched for a second report */
#define MAX_OPENER 40			/* tokens of the phrases opening a sentence before its subject */

typedef struct cand
{
	ws_quote_kind kind;
	ws_range	parts[MAX_PARTS];
	int32_t		nparts;
	ws_range	speaker;
	ws_range	cue;
	int32_t		inherit;		/* >= 0: speaker taken from this candidate */
} cand;

typedef struct finder
{
	ws_doc	   *d;
	ws_marks   *marks;
	cand	   *c;
	int32_t		n,
				cap;
	int32_t		ndirect;		/* c[0, ndirect) are direct, in text order */
	int32_t    *sent_b;			/* first token of each sentence */
	int32_t    *sent_e;
	uint8_t    *in_quote;		/* token is inside a marked stretch */
	uint8_t    *cue_used;		/* token is the cue of a direct quote */
} finder;

static bool
is_punct(const ws_doc *d, int32_t i, char c)
{
	return i >= 0 && i < d->ntoks && WS_TOK_LEN(d, i) == 1 && WS_TOK_PTR(d, i)[0] == c;
}

static bool
is_terminal(const ws_doc *d, int32_t i)
{
	return is_punct(d, i, '.') || is_punct(d, i, '!') || is_punct(d, i, '?');
}

static cand *
new_cand(finder *f)
{
	cand	   *c;

	if (f->n == f->cap)
	{
		int32_t		ncap = f->cap ? f->cap * 2 : 32;
		cand	   *n = ws_arena_alloc(f->d->arena, sizeof(cand) * (size_t) ncap);

		if (f->n)
			memcpy(n, f->c, sizeof(cand) * (size_t) f->n);
		f->c = n;
		f->cap = ncap;
	}
	c = &f->c[f->n++];
	memset(c, 0, sizeof(*c));
	c->speaker = WS_NO_RANGE;
	c->cue = WS_NO_RANGE;
	c->inherit = -1;
	return c;
}

/* ------------------------------------------------------------ cues */

static const char *const noun_risky[] = {
	"point", "points", "present", "presents", "release", "releases", "state",
	"states", "finding", "finds", "report", "reports", "note", "notes",
	"comment", "comments", "claim", "claims", "continue", "continues",
	"continued", "continuing", "think", "thinking", "reply", "dispute",
	"call", "calls", "calling", "estimates", "estimated", "ensure", "ensures",
	"ensured", "ensuring", "accept", "accepted", "describe", "described",
	"illustrate", "illustrated", "demonstrate", "demonstrated", "write",
	"writing", "thought", "saying", "concern", "highlight", "highlights",
	"mention", "remind", "inform", "persist", "persisted", "present",
	"presenting", "released", "reported", "charge", "charged", "charges",
	"counter", "countered", "believe", "believes", "believed", "hint",
	"repeat", "repeated", "recall", "recalled", "remark", "stress", "wonder",
	"ask", "asks", "asked", "asking", "tweet", "vow", "pledge", "promise",
	"promised", "blame", "blamed",
	NULL
};
static const char *const noun_prepositions[] = {"in", "with", "during", NULL};
/* speech-list forms that in news nearly always mean something else */
static const char *const non_cues[] = {
	"released", "release", "releases", "releasing", "presented", "present",
	"presents", "presenting", "finding", "finds", "points", "point", "states",
	"state", "accept", "accepted", "ensure", "ensured", "ensures", "ensuring",
	"demonstrated", "demonstrate", "illustrated", "illustrate", "continue",
	"continuing", "persist", "persisted", "persists", "persisting",
	NULL
};
/* what a base-form verb ("say", "warn") follows: a plural subject (or one in -s, or a number), or a modal */
static const char *const plural_subjects[] = {
	"they", "we", "i", "you", "who", "percent", "will", NULL
};
static const char *const determiners_poss[] = {
	"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this",
	"that", "these", "those", "'s", "’s", "no", "any", "every",
	NULL
};
static const char *const object_verbs[] = {
	"told", "tell", "tells", "telling", "informed", "informs", "assured",
	"assures", "assuring", "reminded", "reminds", "reminding", "warned", "warns",
	"warning", "notified", "convinced", NULL
};
static const char *const directive_verbs[] = {
	"urged", "urges", "urging", "asked", "asks", "asking", "called",
	"calling", "calls", "pressed", "challenged", "encouraged", "advised",
	NULL
};

static const char *const back_verbs[] = {
	"fired", "fires", "shot", "shoots", NULL
};
static const char *const in_verbs[] = {"chimed", "cut", NULL};
static const char *const on_verbs[] = {"went", "goes", NULL};

/* "fired back", "chimed in", "went on" (not "went on to win"): a phrasal verb of speech headed at i */
static bool
phrasal_cue(const ws_doc *d, int32_t i)
{
	return (ws_tok_in(d, i, back_verbs) && ws_tok_is(d, i + 1, "back")) ||
		(ws_tok_in(d, i, in_verbs) && ws_tok_is(d, i + 1, "in")) ||
		(ws_tok_in(d, i, on_verbs) && ws_tok_is(d, i + 1, "on") && !ws_tok_is(d, i + 2, "to"));
}

/* ", “" / ": “" — what follows token i - 1 opens a quotation */
static bool
opens_quote(const ws_doc *d, int32_t i)
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
	return opens_quote(d, i + 1);
}

static const char *const passive_aux[] = {"was", "were", "is", "are", "been", NULL};

/* Is token i a speech verb used as a verb here? */
static bool
is_cue(const finder *f, int32_t i)
{
	const ws_doc *d = f->d;
	const ws_tok *t = &d->toks[i];
	bool		went_on_to;

	if (f->in_quote[i] || ((t->flags & WS_T_CAP) && !(t->flags & WS_T_SENT_START)) ||
		(i > 0 && ws_tok_in(d, i - 1, determiners_poss)))
		return false;
	if (phrasal_cue(d, i))
		return true;
	if (!(t->lex & WS_LEX_SPEECH) || ws_tok_in(d, i, non_cues))
		return false;
	went_on_to = ws_catenative_before(d, i) >= 0;
	if (i > 0 && ((ws_tok_is(d, i - 1, "to") && !went_on_to) ||
				  ws_tok_is(d, i - 1, "be") || ws_tok_is(d, i - 1, "being")))
		return false;
	/* base forms ("say", "warn") speak only after a plural subject or I/we/you/they */
	if (!went_on_to &&
		!ws_tok_ends_with(d, i, "ed") && !ws_tok_ends_with(d, i, "s") && !ws_tok_ends_with(d, i, "ing") &&
		!ws_tok_is(d, i, "said") && !ws_tok_is(d, i, "told") && !ws_tok_is(d, i, "wrote") &&
		!ws_tok_is(d, i, "thought") && !(ws_tok_is(d, i, "read") && next_to_quote(d, i)))
	{
		if (i == 0 || !(ws_tok_in(d, i - 1, plural_subjects) ||
						(d->toks[i - 1].flags & WS_T_NUM) || ws_tok_ends_with(d, i - 1, "s")))
			return false;
	}
	/*
	 * forms that are often nouns speak only right after their subject, or
	 * "by saying"; "somber" of "In somber comments," is none
	 */
	if (ws_tok_in(d, i, noun_risky) && i > 0 && !is_punct(d, i - 1, ',') && !d->toks[i - 1].quote &&
		!(ws_tok_is(d, i - 1, "by") && ws_tok_ends_with(d, i, "ing")))
	{
		ws_range	s = ws_subject_before(d, i, f->sent_b[t->sent]);

		if (s.b < 0 || (s.b > 0 && s.e == s.b + 1 && !(d->toks[s.b].flags & WS_T_CAP) &&
						ws_tok_in(d, s.b - 1, noun_prepositions)))
			return false;
	}
	/* "appears to …", "it appeared that …", not "appeared at the debate" */
	if ((ws_tok_is(d, i, "appears") || ws_tok_is(d, i, "appeared")) &&
		!ws_tok_is(d, i + 1, "to") && !ws_tok_is(d, i + 1, "that"))
		return false;
	/* passive "was told", "was quickly dismissed"; progressive "is insisting" speaks */
	if (i > 0 && !ws_tok_ends_with(d, i, "ing"))
	{
		int32_t		p = i - 1;

		if (p > 0 && ws_is_ly_adverb(d, p))
			p--;
		if (ws_tok_in(d, p, passive_aux))
			return false;
	}
	return true;
}

/* Is [b,e) a plausible object phrase (reporters, the BBC, the Senate)? */
static int32_t
object_end(const ws_doc *d, int32_t b, int32_t hi)
{
	int32_t		e = b;

	while (e < hi && e - b < 6)
	{
		const ws_tok *t = &d->toks[e];

		if (ws_tok_is(d, e, "that") || ws_tok_is(d, e, "to") || (t->flags & WS_T_PUNCT &&
														  !(t->flags & WS_T_POSSESSIVE)))
			break;
		/* "Bill O'Reilly of Fox News" */
		if (e > b && ws_tok_is(d, e, "of") && (d->toks[e - 1].flags & WS_T_CAP) &&
			e + 1 < hi && (d->toks[e + 1].flags & WS_T_CAP))
		{
			e++;
			continue;
		}
		if (e > b && ws_tok_in(d, e, determiners_poss) && !ws_tok_in(d, e - 1, determiners_poss) &&
			!(t->flags & WS_T_POSSESSIVE))
			break;				/* "told the Senate | the program …" */
		if ((t->lex & WS_LEX_FUNCTION) && !ws_tok_in(d, e, determiners_poss) &&
			!ws_tok_is(d, e, "him") && !ws_tok_is(d, e, "her") && !ws_tok_is(d, e, "them") &&
			!ws_tok_is(d, e, "us") && !ws_tok_is(d, e, "me"))
			break;
		e++;
	}
	return e;
}

static int32_t
sentence_end(const finder *f, int32_t i)
{
	return f->sent_e[f->d->toks[i].sent];
}

static int32_t
sentence_begin(const finder *f, int32_t i)
{
	return f->sent_b[f->d->toks[i].sent];
}

static const char *const progressive_aux[] = {
	"is", "was", "are", "were", "been", "be", "am", NULL
};

/* Cue phrase: aux before (has called, is insisting, went on to say), particle after (called on/for). */
static ws_range
cue_phrase(const ws_doc *d, int32_t c, int32_t lo)
{
	ws_range	r = {c, c + 1};
	int32_t		went_on_to = ws_catenative_before(d, c);

	if (went_on_to >= lo)
		r.b = went_on_to;
	while (r.b - 1 >= lo && (ws_tok_is(d, r.b - 1, "has") || ws_tok_is(d, r.b - 1, "have") ||
							 ws_tok_is(d, r.b - 1, "had") || ws_tok_is(d, r.b - 1, "also") ||
							 (ws_tok_ends_with(d, c, "ing") && ws_tok_in(d, r.b - 1, progressive_aux))))
		r.b--;
	if (c + 1 < d->ntoks && (ws_tok_is(d, c + 1, "on") || ws_tok_is(d, c + 1, "for")) &&
		(ws_tok_is(d, c, "called") || ws_tok_is(d, c, "calls") || ws_tok_is(d, c, "calling") ||
		 ws_tok_is(d, c, "call")))
		r.e++;
	if (phrasal_cue(d, c))
		r.e++;
	return r;
}

/* cues that put the speaker after them: "…, said Mark Kantrowitz" */
static const char *const inverting_cues[] = {
	"said", "says", "added", "adds", "wrote", "writes", "noted", "notes",
	"explained", "explains", "argued", "argues", "continued", "continues", NULL
};
/*
 * Verbs of manner, like phrasal cues, report words in quotation marks, or a
 * clause only with "that".
 */
static const char *const manner_cues[] = {
	"beamed", "quipped", "quips", "quipping", "mused", "sighed", "gushed",
	"scoffed", "scoffs", "cried", "shouted", "shouts", "shouting", "screamed",
	"screams", "screaming", "yelled", "yells", "yelling", "whispered",
	"whispers", "whispering", "muttered", "mutters", "muttering", "barked",
	"barks", "chanted", "chanting", "interjected", "interjects",
	"interjecting", "grumbled", "read", "reads", "remembered", "remembers",
	"remembering", NULL
};

/*
 * "shouted that …" and chanting “We are Orlando” report; "beamed as they took
 * the stage" does not
 */
static bool
reports_clause(const ws_doc *d, int32_t i)
{
	bool		phrasal = phrasal_cue(d, i);
	int32_t		next = i + 1 + phrasal;

	if (!phrasal && !ws_tok_in(d, i, manner_cues))
		return true;
	return ws_tok_is(d, next, "that") || (next < d->ntoks && d->toks[next].quote);
}

static const char *const tail_openers[] = {
	"in", "on", "at", "during", "before", "after", "last", "this", "earlier",
	"yesterday", "today", "tonight", "to", "via", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

/* Only a short tail ("in a statement", "on Tuesday", "Monday") follows the cue. */
static bool
tail_only(const ws_doc *d, int32_t from, int32_t se)
{
	int32_t		words = 0;

	for (int32_t i = from; i < se; i++)
	{
		/* "…, Hollande said Tuesday, noting …" */
		if (i > from && !ws_tok_is(d, from, "to") && is_punct(d, i, ',') &&
			ws_tok_ends_with(d, i + 1, "ing"))
			break;
		if (ws_tok_is(d, i, "that"))
			return false;
		if (d->toks[i].quote || is_punct(d, i, ':'))
			return false;		/* "She went on to say:" introduces what follows */
		if ((d->toks[i].flags & WS_T_WORD) && ++words > 5)
			return false;
	}
	if (words == 0)
		return true;
	return words <= 5 && ws_tok_in(d, from, tail_openers);
}

/* ------------------------------------------------------------ direct quotes */

/* Add tokens [b, e) as parts, cut at the opening mark repeated per paragraph. */
static void
add_stretch(const ws_doc *d, cand *c, int32_t b, int32_t e)
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


static const char *const np_prepositions[] = {"for", "of", "at", "with", "from", NULL};

/* "As Vulture put it, “…”": the words before the mark, [lo, k], end in "as X put(s) it" */
static bool
put_it(const ws_doc *d, int32_t lo, int32_t k, ws_range *cue, ws_range *spk)
{
	if (!ws_tok_is(d, k, "it") || !(ws_tok_is(d, k - 1, "put") || ws_tok_is(d, k - 1, "puts")))
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
			if (is_cue(f, k) && opens_quote(d, k + 1))
				return false;

	if (j < hi && (is_punct(d, j, ',') || (d->toks[j].flags & WS_T_DASH)))
		j++;
	if (j >= hi || (d->toks[j].flags & WS_T_PARA_START))
		return false;
	/* "…,” as Cornyn put it" */
	if (ws_tok_is(d, j, "as"))
		for (int32_t k = j + 2; k < hi && k - j <= MAX_NP_RIGHT; k++)
			if (put_it(d, j, k, cue, spk))
				return true;
	/* inverted "…,” said X"; a participle ("…,” reminding the hosts") is not */
	if (is_cue(f, j) && !ws_tok_ends_with(d, j, "ing"))
	{
		ws_range	s = ws_phrase_after(d, j + 1, hi);

		if (s.b < 0)
			return false;
		*cue = cue_phrase(d, j, j);
		*spk = s;
		return true;
	}
	{
		ws_range	s = ws_phrase_after(d, j, hi);
		int32_t		k;

		if (s.b < 0)
			return false;
		k = s.e;
		/* "a spokesman for committee Democrats said", "a professor at Yale said" */
		if (ws_tok_in(d, k, np_prepositions))
		{
			ws_range	obj = ws_phrase_after(d, k + 1, hi);

			if (obj.b >= 0)
				k = obj.e;
		}
		while (k < hi && k - s.e < 3 && (ws_tok_is(d, k, "also") || ws_tok_is(d, k, "has") ||
										  ws_tok_is(d, k, "had") || ws_tok_is(d, k, "later")))
			k++;
		if (k < hi && is_cue(f, k) &&
			(!ends_sentence || tail_only(d, k + 1, sentence_end(f, k))))
		{
			*cue = cue_phrase(d, k, s.e);
			*spk = s;
			return true;
		}
		/*
		 * "…," Sanders campaign manager Jeff Weaver said: a noun phrase with
		 * lower-case premodifiers, ending right before the cue.
		 */
		for (k = s.e; k < hi && k - j <= MAX_NP_RIGHT; k++)
			if (is_cue(f, k))
			{
				ws_range	np = ws_subject_before(d, k, j);

				if (np.b == j && (!ends_sentence || tail_only(d, k + 1, sentence_end(f, k))))
				{
					*cue = cue_phrase(d, k, np.e);
					*spk = np;
					return true;
				}
				break;
			}
		/* "…," Harry Bond, 30, of Raleigh, who was polled, said */
		if (is_punct(d, s.e, ','))
			for (k = s.e + 1; k < hi; k++)
				if (is_punct(d, k - 1, ',') && is_cue(f, k))
				{
					*cue = cue_phrase(d, k, k);
					*spk = s;
					return true;
				}

	}
	return false;
}

static const char *const sentence_adverbs[] = {
	"instead", "likewise", "meanwhile", "however", "still", "outside", "inside",
	"indeed", "now", "yet", "moreover", "thus", "therefore", "afterward",
	"afterwards", "separately", "nevertheless", "nonetheless", "here", "there",
	"today", "yesterday", "tonight", "earlier", "later", NULL
};

/*
 * The noun phrase opening the sentence at sb, before token `to`: "And then
 * Trump …", "As John Cornyn, the No. 2, put it", and past an opening phrase
 * ("Minutes later, she …", "In a statement, Rep. Jeffries …").
 */
static ws_range
sentence_subject(const finder *f, int32_t sb, int32_t to)
{
	const ws_doc *d = f->d;
	ws_range	np;

	while (sb < to && (ws_tok_is(d, sb, "and") || ws_tok_is(d, sb, "but") ||
					   ws_tok_is(d, sb, "then") || ws_tok_is(d, sb, "so") ||
					   ws_tok_is(d, sb, "as") || ws_tok_is(d, sb, "even")))
		sb++;
	np = ws_phrase_after(d, sb, to);
	/*
	 * "Instead, Will called …", "Holding signs, the protesters …": an opener;
	 * "King laughed" is a name
	 */
	if (np.e == np.b + 1 && (ws_tok_in(d, np.b, sentence_adverbs) || ws_tok_ends_with(d, np.b, "ly") ||
							 (ws_tok_ends_with(d, np.b, "ing") && np.e < to &&
							  !(d->toks[np.e].lex & WS_LEX_SPEECH) && !ws_tok_ends_with(d, np.e, "ed"))))
		np = WS_NO_RANGE;
	if (np.b < 0 || !is_punct(d, np.e, ','))
		for (int32_t k = sb; k + 1 < to && k - sb < MAX_OPENER; k++)
			if (is_punct(d, k, ','))
			{
				ws_range	after = ws_phrase_after(d, k + 1, to);

				if (after.b >= 0)
					return after;
			}
	return np;
}

static const char *const cue_adverbs[] = {
	"later", "then", "also", "again", "quickly", "once", "simply", "finally", "now", NULL
};

/*
 * The subject of cue c: the noun phrase before it, except that a participle
 * ("…praised Putin, saying", "sent an email calling on") has the sentence's
 * subject; "with 22 percent saying" keeps its own.
 */
static ws_range
cue_subject(const finder *f, int32_t c, int32_t lo)
{
	const ws_doc *d = f->d;
	ws_range	s = ws_subject_before(d, c, lo);

	/* "…,” Trump said, adding …": the subject of the cue before the comma */
	if (c - 2 >= lo && ws_tok_ends_with(d, c, "ing") && is_punct(d, c - 1, ',') && is_cue(f, c - 2))
	{
		ws_range	s2 = ws_subject_before(d, c - 2, lo);

		if (s2.b >= 0)
			return s2;
	}
	if (c > lo && ws_tok_ends_with(d, c, "ing") && !ws_tok_in(d, c - 1, progressive_aux) &&
		!(s.b > lo && ws_tok_is(d, s.b - 1, "with")))
		return sentence_subject(f, lo, c);
	return s;
}

/* Cue c follows "and", "but" or a comma, perhaps past an adverb ("and later said"). */
static bool
joins_previous(const ws_doc *d, int32_t c, int32_t lo)
{
	int32_t		p = c - 1;

	while (p > lo && ws_tok_in(d, p, cue_adverbs))
		p--;
	return is_punct(d, p, ',') || ws_tok_is(d, p, "and") || ws_tok_is(d, p, "but");
}

static const char *const relative_cues[] = {"said", "says", "read", "reads", NULL};

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
	if (k > lo && put_it(d, lo, k, cue, spk))
		return true;
	for (int32_t c = k; c >= lo && k - c < LEFT_WINDOW; c--)
	{
		if (f->in_quote[c] || d->toks[c].quote)
			return false;
		/* "a message that said, “…”", "a sign which read “…”": the relative pronoun's antecedent speaks */
		if (c == k && c - 1 > lo && ws_tok_in(d, c, relative_cues) &&
			(ws_tok_is(d, c - 1, "that") || ws_tok_is(d, c - 1, "which")) && !f->cue_used[c])
		{
			*spk = ws_subject_before(d, c - 1, lo);
			*cue = (ws_range) {c, c + 1};
			return spk->b >= 0;
		}
		if (is_cue(f, c))
		{
			/* "wrote to his followers, “…”" */
			int32_t		ob = c + 1 + (ws_tok_is(d, c + 1, "to") && k < open - 1);

			if (f->cue_used[c] && ws_tok_in(d, c, object_verbs))
				return false;	/* "“…,” Fiorina told “Fox and Friends,”" */
			/*
			 * Only an object phrase may stand between cue and mark, and
			 * only a told-like verb takes one: in "says the businessman
			 * “can't win”" the phrase is the reported clause's subject.
			 */
			if (object_end(d, ob, k + 1) != k + 1 ||
				(c + 1 < open && !is_punct(d, open - 1, ':') && !is_punct(d, open - 1, ',') &&
				 !ws_tok_in(d, c, object_verbs)))
				return false;
			*spk = cue_subject(f, c, lo);
			/* "Speaking on …, said:" is rare; inverted "said X:" is not ("told X:" names the hearer) */
			if (spk->b < 0 && !ws_tok_in(d, c, object_verbs))
				*spk = ws_phrase_after(d, c + 1, k + 1);
			/* "… and (later) said, “…”", "…, said, “…”": the sentence's subject */
			if (spk->b < 0 && c > lo && joins_previous(d, c, lo))
				*spk = sentence_subject(f, lo, c);
			if (spk->b < 0)
				return false;
			*cue = cue_phrase(d, c, lo);
			return true;
		}
	}
	return false;
}

/* Token i follows a comma, perhaps past the closing mark it sits in (",”"). */
static bool
after_comma(const ws_doc *d, int32_t i)
{
	return is_punct(d, i - 1, ',') || (i >= 1 && d->toks[i - 1].quote && is_punct(d, i - 2, ','));
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
						  (ws_tok_is(f->d, k, "asked") && ws_tok_is(f->d, k - 1, "when"))))
			continue;
		if (is_cue(f, k))
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
 * X boomed: "…" / From the report: "…" — a colon right before a quoted
 * sentence introduces it; the speaker is the clause's subject, if any.
 */
static bool
colon_intro(finder *f, const ws_marked *mk, ws_range *cue, ws_range *spk)
{
	ws_doc	   *d = f->d;
	int32_t		colon = mk->open - 1,
				sb,
				words = 0;

	if (colon < 1 || !is_punct(d, colon, ':') || (d->toks[mk->open].flags & WS_T_PARA_START))
		return false;
	for (int32_t i = mk->ib; i < mk->ie; i++)
		words += (d->toks[i].flags & WS_T_WORD) != 0;
	if (words < 3)
		return false;
	sb = sentence_begin(f, colon);
	/* Clinton: "…" — a name alone before the colon speaks; the colon is the cue */
	*spk = ws_phrase_after(d, sb, colon);
	if (spk->b == sb && spk->e == colon && !ws_tok_in(d, sb, determiners_poss))
	{
		*cue = (ws_range) {colon, colon + 1};
		return true;
	}
	/* "X said:", "said X:" — or "he returned to his familiar lines:" */
	if (is_cue(f, colon - 1))
	{
		*cue = (ws_range) {colon - 1, colon};
		*spk = ws_subject_before(d, colon - 1, sb);
		if (spk->b < 0 && colon - 1 > sb)
			*spk = ws_phrase_after(d, sb, colon - 1);
	}
	else
	{
		*cue = (ws_range) {colon, colon + 1};
		*spk = sentence_subject(f, sb, colon);
		/* "It was a saying in the family:" — no one speaks */
		if (spk->e == spk->b + 1 && (ws_tok_is(d, spk->b, "it") || ws_tok_is(d, spk->b, "there")))
			*spk = WS_NO_RANGE;
	}
	return true;
}

/*
 * Jeff Weaver said in a statement. "…" / Bystrom agreed. "…": a sentence of
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
	for (c = sb; c < k && !is_cue(f, c); c++)
		if (f->in_quote[c] || d->toks[c].quote)
			return false;
	if (c == k || f->cue_used[c] || !tail_only(d, c + 1, k))
		return false;
	*spk = ws_subject_before(d, c, sb);
	if (spk->b > sb)
	{
		/* "Jeff Weaver, Sanders’ campaign manager, said …" */
		ws_range	name = ws_phrase_after(d, sb, c);

		if (name.b == sb && is_punct(d, name.e, ','))
			*spk = name;
	}
	if (spk->b != sb)
		return false;
	*cue = cue_phrase(d, c, spk->e);
	return true;
}

/*
 * He "made a strategic mistake," Lichtman said: words of the same sentence
 * before the opening mark, which the quoted fragment continues, belong to
 * the content (a mixed quote). Returns the first such token, or -1; -2
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
		if (f->in_quote[i] || d->toks[i].quote || f->cue_used[i] || is_terminal(d, i))
			return -1;
		if (is_cue(f, i))
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
		if (d->toks[k].quote || (is_terminal(d, k) && !is_punct(d, k + 1, ')')))
			return k;			/* "(D-Ore.)" does not end it */
	return hi;
}

/* The first mark opening at or after token b (marks are in text order). */
static int32_t
first_mark_at(const ws_marks *marks, int32_t b)
{
	return ws_lower_bound(marks->items, marks->n, sizeof(ws_marked), offsetof(ws_marked, open), b);
}

/*
 * A report [b, e) is mixed if one of its quotations runs MIXED_MIN_WORDS
 * words or more; scare-quoted terms, however many, leave it indirect.
 */
static ws_quote_kind
report_kind(const finder *f, int32_t b, int32_t e)
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

static const char *const naming_cues[] = {"called", "calls", "calling", "dubbed", "labeled", "termed", NULL};

/* A lower-case word, not a participle, continues the sentence at token i. */
static bool
sentence_goes_on(const ws_doc *d, int32_t i)
{
	return i < d->ntoks && (d->toks[i].flags & WS_T_WORD) && !(d->toks[i].flags & WS_T_CAP) &&
		!(d->toks[i].flags & (WS_T_PARA_START | WS_T_SENT_START)) && !ws_tok_ends_with(d, i, "ing");
}

/* A sentence in [from, to) other than the cue's: "…" She followed that by saying, "…" */
static bool
narrative_between(const finder *f, int32_t from, int32_t to, ws_range cue)
{
	for (int32_t k = from; k < to; k++)
		if ((f->d->toks[k].flags & WS_T_SENT_START) && !f->d->toks[k].quote &&
			!(cue.b >= k && cue.b < sentence_end(f, k)))
			return true;
	return false;
}

static const char *const irregular_pasts[] = {
	"left", "won", "lost", "took", "made", "went", "came", "gave", "got", "held",
	"ran", "saw", "became", "began", "kept", "met", "sent", "spent", "led", "spoke",
	NULL
};

/* A past-tense verb: in -ed, or a common irregular one */
static bool
past_tense(const ws_doc *d, int32_t i)
{
	return ws_tok_ends_with(d, i, "ed") || ws_tok_in(d, i, irregular_pasts);
}

/* "and shared a link …", "but he also noted …": the subject of the sentence acts again */
static bool
narrator_goes_on(const ws_doc *d, int32_t i)
{
	if (!ws_tok_is(d, i, "and") && !ws_tok_is(d, i, "but"))
		return false;
	i++;
	if (ws_is_pronoun(d, i))
		i++;
	if (ws_tok_is(d, i, "also") || ws_tok_is(d, i, "then") || ws_tok_is(d, i, "later"))
		i++;
	return i < d->ntoks && !(d->toks[i].flags & WS_T_CAP) && past_tense(d, i);
}

static const char *const relative_pronouns[] = {"who", "whom", "whose", "which", NULL};

/*
 * After the cue at i a clause of its own begins: "…,” Gingrich said if Trump
 * picked him it would be …", "… “Marco!,” the senator said his campaign was …".
 * The quote before is then not what the cue reports.
 */
static bool
clause_after_cue(const finder *f, ws_range cue)
{
	const ws_doc *d = f->d;
	int32_t		i = cue.e,
				se;

	if (!sentence_goes_on(d, i) || ws_tok_in(d, cue.e - 1, object_verbs))
		return false;
	if (ws_tok_is(d, i, "that") || ws_tok_is(d, i, "if") || ws_tok_is(d, i, "whether"))
		return true;
	if (!ws_is_pronoun(d, i) && !ws_tok_in(d, i, determiners_poss))
		return false;
	se = sentence_end(f, i);
	/* "said a Mexican official who was not authorized …" is the speaker's relative clause */
	for (int32_t k = i + 1; k < se && k - i <= 8 && !(d->toks[k].flags & WS_T_PUNCT) &&
		 !ws_tok_in(d, k, relative_pronouns); k++)
		if (ws_is_finite_verb(d, k))
			return true;
	return false;
}

/*
 * Does the sentence [b, e) up to a colon hold a cue whose clause runs to it
 * ("He adds that …:", "Axelrod said this was …:")? Not "Asked which …, he
 * demurred:" nor "X said …, but he gave the Texan a compliment:". One pass
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
		if (clause && is_cue(f, k) && !f->cue_used[k] && reports_clause(d, k) && !ws_tok_is(d, k, "asked"))
			return true;
		clause |= ws_tok_is(d, k, "that") || ws_is_finite_verb(d, k);
	}
	return false;
}

/*
 * "…,” Trump said. Instead, “he just acts like a defeated man.”": a sentence
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
		if (f->in_quote[k] || d->toks[k].quote || is_cue(f, k) || is_punct(d, k, ':'))
			return nx->open;	/* "Bush: “…”" speaks for himself */
		words += (d->toks[k].flags & WS_T_WORD) != 0;
	}
	return words <= 3 ? sb : nx->open;
}

static const char *const complementizer[] = {"that", NULL};
static const char *const part_glue[] = {"and", "but", "or", "still", "then", "also", "yet", NULL};

static void
find_direct(finder *f)
{
	ws_doc	   *d = f->d;

	for (int32_t m = 0; m < f->marks->n; m++)
	{
		ws_marked  *mk = &f->marks->items[m];
		ws_range	cue,
					spk;
		cand	   *c;
		int32_t		hi,
					lead;

		if (mk->used || mk->ie <= mk->ib || looks_like_title(d, mk))
			continue;
		hi = cue_window_end(d, mk->close_end);
		if (cue_right(f, mk->close_end, hi, &cue, &spk) && !clause_after_cue(f, cue))
		{
			lead = lead_in(f, mk);
			if (lead == -2)
				continue;		/* "X admitted that he had “…,” he claimed": X's report */
		}
		else if (cue_left(f, mk->open, &cue, &spk))
		{
			/*
			 * said “it gets me mad” every time …: the clause is the report
			 * (mixed); not in "wrote, “…,” and shared a link"
			 */
			if (sentence_goes_on(d, mk->close_end) && !ws_tok_in(d, cue.e - 1, naming_cues) &&
				!(opens_quote(d, mk->open - 1) && narrator_goes_on(d, mk->close_end)))
				continue;
			lead = -1;
		}
		else if (colon_intro(f, mk, &cue, &spk))
		{
			/* "He adds that Muslims have two choices: “…”": part of his report */
			if (cue.b == mk->open - 1 && reporting_cue_in(f, sentence_begin(f, cue.b), cue.b))
				continue;
			lead = -1;
		}
		else if (report_before(f, mk, &cue, &spk))
			lead = -1;
		else
			continue;
		c = new_cand(f);
		c->kind = lead >= 0 ? report_kind(f, lead, mk->close_end) : WS_DIRECT;
		if (lead >= 0)
			c->parts[c->nparts++] = (ws_range) {lead, mk->close_end};
		else
			add_stretch(d, c, mk->ib, mk->ie);
		mk->used = true;
		if (c->nparts == 0)
		{
			f->n--;				/* only marks: '' ¶ '" */
			continue;
		}
		c->cue = cue;
		c->speaker = spk;
		for (int32_t k = cue.b; k < cue.e; k++)
			f->cue_used[k] = 1;
		/*
		 * "…," said X, "…" / "…," X said. "…" — later stretches of the same
		 * paragraph with no cue of their own continue the same quote.
		 */
		while (m + 1 < f->marks->n && c->nparts < MAX_PARTS)
		{
			ws_marked  *nx = &f->marks->items[m + 1];
			ws_range	c2,
						s2;
			int32_t		nb;

			if (nx->used || d->toks[nx->open].para != d->toks[c->parts[c->nparts - 1].e - 1].para ||
				nx->open < (cue.e > spk.e ? cue.e : spk.e))
				break;
			nb = short_lead(f, nx, cue);
			/*
			 * After the cue a second part opens a sentence or follows
			 * punctuation, perhaps and a conjunction ("…," he said, but
			 * "…"); "…,” says X, but he heard of the “gun show loophole”"
			 * is narrative.
			 */
			if (cue.b > c->parts[c->nparts - 1].b && nb == nx->open &&
				!(d->toks[nx->open].flags & WS_T_SENT_START))
			{
				int32_t		k = nx->open - 1;

				while (k > nx->open - 3 && ws_tok_in(d, k, part_glue))
					k--;
				if (!(d->toks[k].flags & WS_T_PUNCT))
					break;
				/* "…," X wrote, adding that if …, "…": the aside's own report */
				if (ws_any_tok_in(d, cue.e, nx->open, complementizer))
					break;
			}
			/* "…," he said. "…" that border security is working: mixed, its own */
			if ((sentence_goes_on(d, nx->close_end) && !(d->toks[nx->ie - 1].flags & WS_T_PUNCT)) ||
				cue_right(f, nx->close_end, cue_window_end(d, nx->close_end), &c2, &s2) ||
				(cue_left(f, nx->open, &c2, &s2) && c2.b != cue.b) ||
				!no_other_cue_between(f, c->parts[c->nparts - 1].e, nx->open, cue) ||
				narrative_between(f, c->parts[c->nparts - 1].e, nb, cue))
				break;
			add_stretch(d, c, nx->ib, nx->ie);
			nx->used = true;
			m++;
		}
	}
}

/* ------------------------------------------------------------ indirect and mixed */

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

static const char *const subordinators[] = {
	"when", "if", "after", "before", "while", "although", "though", "because",
	"since", "unless", "once", "asked", NULL
};

/* "Asked about …", "When asked …": a sentence opening with a question put to the speaker */
static bool
asked_at(const ws_doc *d, int32_t sb)
{
	return ws_tok_is(d, sb, "asked") || ws_tok_is(d, sb + 1, "asked");
}

static const char *const adjunct_openers[] = {
	"last", "this", "on", "in", "at", "earlier", "later", "recently", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
	"yesterday", "publicly", "privately", "repeatedly", "also", "to",
	NULL
};

/*
 * A reported clause [b, e) with its speaker and cue. A hole inside it (the
 * ", she said," of "Over the years, she said, email has …") is left out of
 * the content, which then has two parts.
 */
static void
add_reported(finder *f, int32_t b, int32_t e, ws_range hole, ws_range spk, ws_range cue)
{
	ws_doc	   *d = f->d;
	cand	   *c;
	int32_t		words = 0,
				first_e,		/* the parts: [b, first_e) and [rest_b, e) */
				rest_b,
				first_mark;

	/* a run-on "sentence" must not make every cue's clause the whole text */
	if (e - b > MAX_CLAUSE)
	{
		if (cue.b >= e)
			b = e - MAX_CLAUSE;
		else
			e = b + MAX_CLAUSE;
	}
	/*
	 * "revealed that …, and said …" / "…, adding that …" / "…,” claiming …":
	 * a second report. Only the first few cues are looked at: a run of cues
	 * is no clause, and must not cost a subject search per cue per cue.
	 */
	for (int32_t k = b + 1, cues = 0; k < e && cues < MAX_CUT_CUES; k++)
	{
		ws_range	s;
		int32_t		cut = -1;	/* the clause ends before token cut */

		if (!is_cue(f, k))
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
		}
		if (cut >= 0)
		{
			e = d->toks[cut - 1].quote ? cut : cut - 1;	/* keep a closing mark */
			break;
		}
	}
	/* "…,” but he gave the Texan a compliment": the narrator goes on */
	for (int32_t k = b + 1; k + 2 < e; k++)
		if (after_comma(d, k) && ws_tok_is(d, k, "but") && ws_is_pronoun(d, k + 1) &&
			past_tense(d, k + 2))
		{
			e = k;
			break;
		}
	first_mark = first_mark_at(f->marks, b);
	/* "said things “should be wrapped up,” referring to …": the narrator goes on */
	for (int32_t m = first_mark; m < f->marks->n && f->marks->items[m].close_end + 1 < e; m++)
	{
		int32_t		k = f->marks->items[m].close_end,
					next = is_punct(d, k, ',') || (d->toks[k].flags & WS_T_DASH) ? k + 1 :
			is_punct(d, f->marks->items[m].close - 1, ',') ? k : -1;

		int32_t		w = next >= 0 ? next : k;	/* the word after the quoted words */

		if (!(d->toks[w].flags & WS_T_CAP) && !ws_tok_is(d, w, "including") &&
			((next >= 0 && (ws_tok_ends_with(d, w, "ing") || ws_tok_is(d, w, "while"))) ||
			 (narrator_goes_on(d, w) &&
			  (m + 1 == f->marks->n || f->marks->items[m + 1].open >= e))))
		{
			e = k;
			break;
		}
	}
	/* "Trump said that “ethanol people” “do a fantastic job. And …”": to the closing mark */
	for (int32_t m = first_mark; m < f->marks->n && f->marks->items[m].open < e; m++)
		if (f->marks->items[m].close_end > e && f->marks->items[m].first_para_end < 0)
			e = f->marks->items[m].close_end;
	e = trim_end(d, b, e);
	while (e > b && (ws_tok_is(d, e - 1, "and") || ws_tok_is(d, e - 1, "but") || is_punct(d, e - 1, ',')))
		e = trim_end(d, b, e - 1);
	while (b < e && is_punct(d, b, ','))
		b++;
	for (int32_t i = b; i < e; i++)
		words += (d->toks[i].flags & WS_T_WORD) != 0;
	if (words < 3 || overlaps_direct(f, b, e))
		return;
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
		return;
	c = new_cand(f);
	c->kind = report_kind(f, b, e);
	if (first_e > b)
		c->parts[c->nparts++] = (ws_range) {b, first_e};
	if (rest_b < e)
		c->parts[c->nparts++] = (ws_range) {rest_b, e};
	c->speaker = spk;
	c->cue = cue;
	/* quoted stretches inside the clause are part of it, not quotes of their own */
	for (int32_t m = first_mark; m < f->marks->n && f->marks->items[m].open < e; m++)
		f->marks->items[m].used = true;
}

/* "…, adding that", "and said": the speaker of the nearest earlier cue in the paragraph */
static ws_range
previous_speaker(finder *f, int32_t i)
{
	int32_t		para = f->d->toks[i].para;
	int32_t		best = -1,
				lo;

	/* reported candidates come in text order after the direct ones */
	for (int32_t k = f->n - 1; k >= f->ndirect; k--)
	{
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
		cand	   *c = &f->c[k];

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

/* Where the reported clause starts after cue phrase `cue`. */
static int32_t
clause_start(const ws_doc *d, ws_range cue, int32_t se)
{
	int32_t		c = cue.e - 1;
	int32_t		b = cue.e;

	if (ws_tok_in(d, c, object_verbs))
	{
		int32_t		oe = object_end(d, b, se);

		if (oe < se && ws_tok_is(d, oe, "to") && !ws_tok_is(d, c, "told"))
			return b;			/* warned X to …: the directive includes X */
		b = oe;
	}
	else if (ws_tok_in(d, c, directive_verbs) || ws_tok_is(d, c, "on") || ws_tok_is(d, c, "for"))
		return b;				/* urged X to …, called on X to … */
	if (b < se && (is_punct(d, b, ',') || is_punct(d, b, ':')))
		b++;
	/* "announced last week that …", "admitted to the paper that …" */
	if (b < se && ws_tok_in(d, b, adjunct_openers))
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
 * "Sanders, who has argued that the system is rigged, won the state": a
 * non-restrictive relative clause's report ends at the comma before the main
 * verb, unless that comma closes an apposition inside the report.
 */
static int32_t
relative_report_end(const finder *f, ws_range cue, int32_t from, int32_t se)
{
	const ws_doc *d = f->d;
	int32_t		commas = 0;

	if (cue.b < 2 || !ws_tok_is(d, cue.b - 1, "who") || !is_punct(d, cue.b - 2, ','))
		return se;
	for (int32_t k = from; k < se && k - from < MAX_CLAUSE; k++)
	{
		int32_t		v = k + 1;

		if (!is_punct(d, k, ','))
			continue;
		while (v < se && d->toks[v].quote)
			v++;
		if (v < se && commas % 2 == 0 && !(d->toks[v].flags & WS_T_CAP) &&
			(ws_is_finite_verb(d, v) || past_tense(d, v)))
			return k;
		commas++;
	}
	return se;
}

/* Token i opens the sentence beginning at sb, perhaps after a punctuation mark */
static bool
opens_sentence(const ws_doc *d, int32_t i, int32_t sb)
{
	return i == sb || (i == sb + 1 && (d->toks[sb].flags & WS_T_PUNCT));
}

static void
find_reported(finder *f)
{
	ws_doc	   *d = f->d;

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		int32_t		sb,
					se;
		ws_range	spk,
					cue;
		bool		own_subject;

		if ((i & 4095) == 0 && ws_interrupt_hook)
			ws_interrupt_hook();

		sb = sentence_begin(f, i);
		se = sentence_end(f, i);
		/* according to X, … / …, according to X */
		if (ws_tok_is(d, i, "according") && ws_tok_is(d, i + 1, "to") && !f->in_quote[i])
		{
			spk = ws_phrase_after(d, i + 2, se);
			if (spk.b < 0)
				continue;
			cue = (ws_range)
			{
				i, i + 2
			};
			if (opens_sentence(d, i, sb))
			{
				int32_t		b = spk.e;

				while (b < se && !is_punct(d, b, ','))
					b++;
				add_reported(f, b + 1, se, WS_NO_RANGE, spk, cue);
			}
			else if (i > sb && is_punct(d, i - 1, ','))
				add_reported(f, sb, i - 1, WS_NO_RANGE, spk, cue);
			continue;
		}
		/* "As Ruth Marcus puts it, Obama is …", "…, as he put it, “…”" */
		if (i > 0 && !f->cue_used[i] && !f->in_quote[i] && put_it(d, sb, i, &cue, &spk))
		{
			int32_t		a = spk.b - 1,	/* "as" */
						after = i + 1;

			/* "As Ms. Simonyan put it in a statement in July, RT is …" */
			for (int32_t k = i + 1; k < se && k - i <= 12 && !d->toks[k].quote; k++)
				if (is_punct(d, k, ','))
				{
					after = k + 1;
					break;
				}
			if (opens_sentence(d, a, sb))
				add_reported(f, after, se, WS_NO_RANGE, spk, cue);
			else if (is_punct(d, a - 1, ',') && tail_only(d, after, se))
				add_reported(f, sb, a - 1, WS_NO_RANGE, spk, cue);
			else if (is_punct(d, a - 1, ','))
				add_reported(f, sb, se, (ws_range) {a - 1, after}, spk, cue);
			continue;
		}
		if (!is_cue(f, i) || f->cue_used[i] || !reports_clause(d, i))
			continue;
		spk = cue_subject(f, i, sb);
		own_subject = spk.b >= 0;
		if (spk.b < 0 && i > sb && (ws_tok_ends_with(d, i, "ing") || ws_tok_is(d, i - 1, "and") ||
									ws_tok_is(d, i - 1, "but") ||
									ws_tok_is(d, i - 1, "before") || ws_tok_is(d, i - 1, "after")))
			spk = previous_speaker(f, i);
		cue = cue_phrase(d, i, spk.b >= 0 ? spk.e : sb);
		/* "…, said X." ("…, said Mark Kantrowitz, a … expert" even past a subject) */
		if (i > sb && is_punct(d, i - 1, ','))
		{
			ws_range	after = ws_phrase_after(d, i + 1, se);

			if (after.b >= 0 && !ws_tok_in(d, after.b, tail_openers) &&
				(spk.b < 0 ||
				 ((d->toks[after.e - 1].flags & WS_T_CAP) && ws_tok_in(d, i, inverting_cues))) &&
				(tail_only(d, after.e, se) || is_punct(d, after.e, ',')))
			{
				add_reported(f, sb, i - 1, WS_NO_RANGE, after, cue);
				continue;
			}
		}
		/* "Trump doubled down on his comments and said …": the sentence's subject */
		if (spk.b < 0 && i > sb && joins_previous(d, i, sb))
			spk = sentence_subject(f, sb, i);
		if (spk.b >= 0)
		{
			int32_t		from = clause_start(d, cue, se);

			/* "told POLITICO before Ryan's interview." is a tail too */
			bool		tail = tail_only(d, cue.e, se) ||
				(ws_tok_in(d, cue.e - 1, object_verbs) && tail_only(d, from, se));

			if (own_subject && spk.b - 1 > sb && is_punct(d, spk.b - 1, ','))
			{
				/* "…, X said." — the clause came first */
				if (tail)
				{
					add_reported(f, sb, spk.b - 1, WS_NO_RANGE, spk, cue);
					continue;
				}
				/* "When asked …, X said, “…”": what X said comes after the cue */
				if (is_punct(d, cue.e, ',') && ws_tok_in(d, sb, subordinators) &&
					(opens_quote(d, cue.e) || asked_at(d, sb)))
				{
					add_reported(f, cue.e + 1, se, WS_NO_RANGE, spk, cue);
					continue;
				}
				/* "…, X said, …" — the cue sits inside the clause */
				if (is_punct(d, cue.e, ','))
				{
					add_reported(f, sb, se, (ws_range) {spk.b - 1, cue.e + 1}, spk, cue);
					continue;
				}
			}
			/* "X said in a statement." reports nothing itself; "urged X to stay away" does */
			if (!tail || ws_tok_is(d, cue.e, "to") || ws_tok_is(d, cue.e, "on"))
				add_reported(f, from, relative_report_end(f, cue, from, se), WS_NO_RANGE, spk, cue);
		}
	}
}

static bool
covers(const cand *c, int32_t i)
{
	return i >= c->parts[0].b && i < c->parts[c->nparts - 1].e;
}

/*
 * A report nested at the end of another ("Clinton says she wants to expand
 * X": "to expand X") repeats its host's words; it stays only when its cue
 * is itself a plain speech verb. Reported candidates are in cue order.
 */
static void
drop_nested(finder *f)
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
		if (ws_tok_is(d, head, "said") || ws_tok_is(d, head, "says") || ws_tok_is(d, head, "say") ||
			ws_tok_is(d, head, "reported") || ws_tok_is(d, head, "to"))
			continue;
		for (int32_t a = first; a < f->n && f->c[a].cue.b <= b->cue.b + 2 * MAX_CLAUSE; a++)
		{
			const cand *h = &f->c[a];

			if (a != k && covers(h, b->cue.b) && !covers(b, h->cue.b) &&
				h->parts[h->nparts - 1].e <= b->parts[b->nparts - 1].e + 1)
			{
				drop[k] = 1;
				break;
			}
		}
	}
	for (int32_t k = f->ndirect; k < f->n; k++)
		if (!drop[k])
			f->c[kept++] = f->c[k];
	f->n = kept;
}

/* ------------------------------------------------------------ continuations */

static int
cand_cmp(const void *a, const void *b)
{
	const cand *x = a,
			   *y = b;

	return (x->parts[0].b > y->parts[0].b) - (x->parts[0].b < y->parts[0].b);
}

/* A quoted paragraph with no cue after a quote continues its speaker. */
static void
find_continuations(finder *f)
{
	ws_doc	   *d = f->d;
	int32_t		nsorted = f->n,
				p = -1;

	if (f->n > 1)
		qsort(f->c, (size_t) f->n, sizeof(cand), cand_cmp);
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
			!narrative_between(f, c->parts[c->nparts - 1].e, mk->open, c->cue))
		{
			if (c->kind == WS_INDIRECT)
				c->kind = WS_MIXED;
			add_stretch(d, c, mk->ib, mk->ie);
			continue;
		}
		c = new_cand(f);
		c->kind = WS_DIRECT;
		add_stretch(d, c, mk->ib, mk->ie);
		c->inherit = prev;
		if (c->nparts == 0)
			f->n--;
	}
}

/* ------------------------------------------------------------ output */

static ws_span
range_span(const ws_doc *d, ws_range r)
{
	if (r.b < 0 || r.e <= r.b)
		return WS_NO_SPAN;
	return ws_tok_span(d, r.b, r.e);
}

static const char *
span_text(ws_doc *d, ws_span s)
{
	if (!WS_SPAN_PRESENT(s))
		return NULL;
	return ws_arena_strndup(d->arena, d->text + s.b, (size_t) (s.e - s.b));
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

static void
emit(finder *f, ws_quotes *out, ws_resolver *res, ws_actors *actors)
{
	ws_doc	   *d = f->d;
	int32_t		nnames;
	named	   *names = index_names(d, actors, &nnames);

	if (f->n > 1)
		qsort(f->c, (size_t) f->n, sizeof(cand), cand_cmp);
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
		q->cue_text = span_text(d, q->cue);
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
			q->speaker_mention = span_text(d, q->speaker);
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

	find_direct(&f);
	f.ndirect = f.n;
	find_reported(&f);
	drop_nested(&f);
	find_continuations(&f);
	emit(&f, out, ws_resolver_new(d, actors), actors);
	ws_flag_speakers(d->arena, actors, out);
	return out;
}
