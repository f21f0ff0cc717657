/*
 * entities.c — the entity layer of one text: which names, pronouns and
 * definite descriptions refer to the same person or organisation. The speaker
 * resolver reads it; it is built once per text, in time linear in the tokens.
 *
 *  1. name runs: capitalised runs (an honorific before them dropped; a
 *     title inside goes with the tagger's person, lexicon.c: ws_name_start),
 *     narrowed to the tagger's persons, with the tagger's kind, corrected
 *     where the text says better (correct_kinds: "Fraser Highway" is a
 *     place, "Rather," and "Officer" alone are no names);
 *  2. name forms joined: a surname to the full name ending in it, a lone
 *     short name of a person the tagger got wrong made a person ("Woods" →
 *     "Tiger Woods" tagged an organisation), a first word to the one full
 *     name it opens ("Jayme" → "Jayme Closs", family name first "Wang" →
 *     "Wang Qishan"), a company's first word to its name ending in a company
 *     suffix ("Samsung" → "Samsung Electronics Co."), an acronym to the name
 *     it follows in brackets or whose initials spell it ("IRCC" →
 *     "Immigration, Refugees and Citizenship Canada");
 *  3. one pass in text order with a salience list (Lappin and Leass, in
 *     short): each mention of an entity outside quotation marks adds weight
 *     (more as the subject of its sentence or next to a speech verb), every
 *     sentence halves it, a paragraph more; he / she take the most salient
 *     person of a compatible gender ("he said" favouring the last person who
 *     spoke) and teach an unknown first name its gender, it the most salient
 *     organisation; "the mayor" takes the last person introduced with that
 *     role ("mayoral candidate Doug McCallum", "Doug McCallum, the mayor"),
 *     "the company" (data/lexicons: entity_org_nouns) the most salient
 *     organisation, "her statement" (document_nouns) the most salient woman,
 *     "the report" the writer of "a study by X" or "X wrote in a report".
 *     Places and unknown words are never a pronoun's referent.
 */
#include <string.h>

#include "entities.h"
#include "quotes.h"

#define MAX_SALIENT 32			/* entities in the salience list */
#define MIN_SALIENCE 1.0		/* below: forgotten (about seven sentences) */
#define ROLE_WINDOW 3			/* role words before a name ("mayoral candidate") */
#define APPOSITION_WINDOW 6		/* words of an apposition after "Name, " */
#define SPEAKER_FACTOR 2.0		/* "he said" prefers the last person who spoke */
#define SUBJECT_REACH 30		/* tokens from a subject to its speech verb */
#define ACRONYM_MAX 10			/* letters of an acronym expanded in brackets */
#define AUTHOR_REACH 6			/* sentences "the report" may be from "a report by X" */
#define MAX_MODIFIERS 7			/* tokens between "the" and its noun, commas too ("the tall, lanky, bespectacled professor") */

typedef struct name_run
{
	int32_t		b,
				e;				/* tokens, honorific and possessive excluded */
	uint32_t	last_hash;
	uint32_t	first_hash;
	uint32_t	full_hash;		/* of all its words */
	int8_t		gender;			/* 1 male, 2 female, 0 unknown */
	bool		person;
	bool		titled;			/* an honorific before it */
	bool		guessed;		/* opens with a first name the tagger left out */
	ws_kind		kind;			/* the tagger's, or none */
	int32_t		ent;			/* run naming its entity (itself when longest) */
	const char *expansion;		/* an acronym's full name, or NULL */
} name_run;

typedef struct salient
{
	int32_t		ent;
	double		weight;
} salient;

typedef struct referent
{
	int32_t		tok;			/* pronoun or description noun */
	int32_t		ent;
	const char *rule;
	int8_t		gender;			/* the pronoun's: 1 he, his and descriptions, 2 she, her */
} referent;

/* An open-addressing map from a 32-bit key to a run (or entity), in the arena. */
typedef struct run_map
{
	uint32_t   *key;
	int32_t    *val;			/* -1: empty */
	uint32_t	mask;
} run_map;

struct ws_entities
{
	ws_doc	   *doc;
	const ws_actors *actors;
	const uint8_t *in_quote;
	name_run   *runs;			/* in text order */
	int32_t		nruns;
	run_map		by_last[3];		/* person run by last word: any, not female, not male */
	run_map		by_first;		/* multi-word person run by first word; -2 ambiguous */
	run_map		org_by_first;	/* company name (Samsung Electronics Co.) by first word */
	run_map		by_full;		/* first run of each full name */
	run_map		roles;			/* role word → person entity introduced with it, latest */
	int32_t		roles_left;		/* keys roles may still take: it must never fill */
	referent   *refs;			/* in token order */
	int32_t		nrefs,
				cap_refs;
	bool		resolved;		/* resolve_references has run */
};

/* ------------------------------------------------------------ maps */

static void
map_init(ws_arena *a, run_map *m, int32_t n)
{
	uint32_t	size = 16;

	while (size < (uint32_t) n * 2 + 2)
		size <<= 1;
	m->key = ws_arena_alloc(a, sizeof(uint32_t) * size);
	m->val = ws_arena_alloc(a, sizeof(int32_t) * size);
	for (uint32_t i = 0; i < size; i++)
		m->val[i] = -1;
	m->mask = size - 1;
}

/* The slot of key h: where it is, or the empty slot it would go in. */
static int32_t *
map_slot(const run_map *m, uint32_t h)
{
	uint32_t	i = h & m->mask;

	while (m->val[i] != -1 && m->key[i] != h)
		i = (i + 1) & m->mask;
	m->key[i] = h;				/* harmless on a miss: the slot stays empty */
	return &m->val[i];
}

static int32_t
map_get(const run_map *m, uint32_t h)
{
	return *map_slot(m, h);
}

static int32_t
person_ending_in(const ws_entities *en, uint32_t h, int8_t gender)
{
	int32_t		k = map_get(&en->by_last[gender], h);

	/* a full name of that gender, else any: first names misgender ("Philippe") */
	if (k >= 0 && en->runs[k].e - en->runs[k].b >= 2)
		return k;
	return map_get(&en->by_last[0], h);
}

bool
ws_entity_person_ending_in(const ws_entities *en, uint32_t last_hash)
{
	return person_ending_in(en, last_hash, 0) >= 0;
}

/* ------------------------------------------------------------ name runs */

static void
add_run(ws_entities *en, int32_t *cap, int32_t hon, int32_t b, int32_t e)
{
	ws_doc	   *d = en->doc;
	name_run   *nr;

	en->runs = ws_arena_grow(d->arena, en->runs, en->nruns, cap, en->nruns + 1, sizeof(name_run));
	nr = &en->runs[en->nruns++];
	nr->b = b;
	nr->e = e;
	nr->gender = ws_name_gender(d, hon, b);
	nr->titled = hon >= 0;
	nr->guessed = false;
	nr->person = hon >= 0 ||
		((d->toks[b].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) && e - b >= 2 &&
		 !(d->toks[e - 1].lex & (WS_LEX_ORGWORD | WS_LEX_ORG)));
	nr->kind = nr->person ? WS_PERSON : WS_KIND_NONE;
	nr->ent = en->nruns - 1;
}

/* The capitalised runs of the text, with an honorific before them or not. */
static void
collect_runs(ws_entities *en)
{
	ws_doc	   *d = en->doc;
	int32_t		cap = 64;

	en->runs = ws_arena_alloc(d->arena, sizeof(name_run) * (size_t) cap);
	for (int32_t i = 0; i < d->ntoks; i++)
	{
		int32_t		b = i,
					e,
					hon = -1;

		if (!ws_is_name_word(d, i))
			continue;
		if (d->toks[i].lex & WS_LEX_HONORIFIC)
		{
			hon = i;
			b = i + 1;
			if (b >= d->ntoks || !ws_is_name_word(d, b))
				continue;
		}
		e = b;
		while (e < d->ntoks && (ws_is_name_word(d, e) ||
								(ws_is_name_glue(d, e) && e + 1 < d->ntoks && ws_is_name_word(d, e + 1))))
			e++;
		i = e - 1;
		add_run(en, &cap, hon, b, e);
	}
}

#define HEADLINE_MAX 40			/* tokens of a headline */

/*
 * Is token i in a headline: a short first paragraph (another follows within
 * HEADLINE_MAX tokens) that ends in no full stop, question or exclamation?
 */
static bool
in_headline(const ws_doc *d, int32_t i)
{
	int32_t		e = i;

	if (d->toks[i].para != 0)
		return false;
	while (e + 1 < d->ntoks && d->toks[e + 1].para == 0 && e - i < HEADLINE_MAX)
		e++;
	if (e + 1 >= d->ntoks || d->toks[e + 1].para == 0)
		return false;
	return !((d->toks[e].flags & WS_T_PUNCT) && strchr(".?!", d->text[d->toks[e].b]) != NULL);
}

/*
 * Can word i, right before the tagger's one-word person x, be a first name
 * the tagger missed (it often does at a sentence start): a capitalised word
 * in no word list (no title, role, place, nationality, organisation, speech
 * verb, month or listed first name), no acronym or abbreviation, not in a
 * headline nor right after a quotation mark, and no person or place of the
 * tagger's, nor part of a longer mention.
 */
static bool
unlisted_first_name(const ws_doc *d, const ws_actors *a, int32_t x, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if ((t->flags & (WS_T_ALLCAPS | WS_T_ABBREV | WS_T_NUM)) || !(t->flags & WS_T_CAP) ||
		t->lex || ws_is_title_word(d, i) ||
		ws_tok_in(d, i, ws_qw_time_nouns))
		return false;
	for (int32_t c = t->b; c + 1 < t->e; c++)
		if (d->text[c] == '-' && d->text[c + 1] >= 'a' && d->text[c + 1] <= 'z')
			return false;		/* "Shanghai-based" */
	if (in_headline(d, i) || (i > 0 && (d->toks[i - 1].flags & WS_T_QUOTE)))
		return false;			/* "Edgy Agassi …" over the story, "Vote Tory" quoted */
	if (x > 0 && a->mentions[x - 1].tok_e > i)
		return a->mentions[x - 1].kind == WS_ORGANIZATION && a->mentions[x - 1].tok_b == i;
	return true;
}

/*
 * The tagger's kinds: its persons are persons, first name or not ("Maher",
 * "Weiner"), and a run holding one narrows to it ("FBI Director Comey"); a
 * run covered by one organisation or place takes that kind.
 */
static void
apply_tagger(ws_entities *en)
{
	const ws_doc *d = en->doc;
	const ws_actors *a = en->actors;
	int32_t		m = 0;

	for (int32_t k = 0; a && k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];

		while (m < a->nmentions && a->mentions[m].tok_e <= nr->b)
			m++;
		for (int32_t x = m; x < a->nmentions && a->mentions[x].tok_b < nr->e; x++)
		{
			int32_t		pb = a->mentions[x].tok_b,
						pe = a->mentions[x].tok_e;

			if (a->mentions[x].kind != WS_PERSON)
			{
				/* "Bank of Canada" is no person for opening with a first name */
				if (!nr->titled && pb <= nr->b && pe >= nr->e)
				{
					nr->kind = a->mentions[x].kind;
					nr->person = false;
					nr->gender = 0;
				}
				continue;
			}
			/* the first name the tagger left out: "MP Marco" + "Mendicino" */
			while (pb - 1 > nr->b && (d->toks[pb - 1].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) &&
				   !(d->toks[pb - 1].lex & (WS_LEX_HONORIFIC | WS_LEX_ROLE)) && pe - pb == 1)
				pb--;
			/* a first name no list knows, also opening the run: "Funmilayo" + "Adebayo" */
			nr->guessed = pe - pb == 1 && pb - 1 >= nr->b && unlisted_first_name(d, a, x, pb - 1);
			if (nr->guessed)
				pb--;
			/* Jane's gender, not Welsh's, a man's name */
			if (pb > nr->b)
				nr->gender = ws_name_gender(d, (d->toks[pb - 1].lex & WS_LEX_HONORIFIC) ? pb - 1 : -1,
											pe - pb >= 2 ? pb : -1);
			nr->b = nr->b > pb ? nr->b : pb;
			nr->e = nr->e < pe ? nr->e : pe;
			nr->person = true;
			nr->kind = WS_PERSON;
			break;
		}
	}
}

static void
hash_run(const ws_doc *d, name_run *nr)
{
	uint32_t	h = 2166136261u;

	nr->last_hash = d->toks[nr->e - 1].hash;
	nr->first_hash = d->toks[nr->b].hash;
	for (int32_t i = nr->b; i < nr->e; i++)
		h = (h ^ d->toks[i].hash) * 16777619u;
	nr->full_hash = h;
}

/* Hashes of each run's words, once its edges are final. */
static void
hash_runs(ws_entities *en)
{
	const ws_doc *d = en->doc;

	for (int32_t k = 0; k < en->nruns; k++)
		hash_run(d, &en->runs[k]);
}

/*
 * A guessed first name gives way to a full name the tagger found (beside
 * "Thomas Perez", "Understated Perez" in a headline is Perez) and to the
 * same word in lower case elsewhere ("Maybe Trump" beside "maybe").
 */
static void
drop_guessed_first_names(ws_entities *en)
{
	const ws_doc *d = en->doc;
	run_map		full,
				lower;
	bool		any = false;

	for (int32_t k = 0; k < en->nruns && !any; k++)
		any = en->runs[k].guessed;
	if (!any)
		return;
	map_init(d->arena, &full, en->nruns);
	for (int32_t k = 0; k < en->nruns; k++)
		if (en->runs[k].person && !en->runs[k].guessed && en->runs[k].e - en->runs[k].b >= 2)
			*map_slot(&full, en->runs[k].last_hash) = k;
	map_init(d->arena, &lower, d->ntoks);
	for (int32_t i = 0; i < d->ntoks; i++)
		if ((d->toks[i].flags & WS_T_WORD) && !(d->toks[i].flags & (WS_T_CAP | WS_T_NUM)))
			*map_slot(&lower, d->toks[i].hash) = i;
	for (int32_t k = 0; k < en->nruns; k++)
		if (en->runs[k].guessed && (map_get(&full, en->runs[k].last_hash) >= 0 ||
									map_get(&lower, d->toks[en->runs[k].b].hash) >= 0))
		{
			en->runs[k].b++;
			en->runs[k].guessed = false;
			hash_run(en->doc, &en->runs[k]);
		}
}

/* Does the run end in an organisation word (Council, Group, Inc) or is it one? */
static bool
org_named(const ws_doc *d, const name_run *nr)
{
	return (d->toks[nr->e - 1].lex & (WS_LEX_ORGWORD | WS_LEX_ORG)) != 0;
}

/* Does the run hold a joining word ("Bank of Canada", "Procter & Gamble")? */
static bool
glued(const ws_doc *d, const name_run *nr)
{
	for (int32_t i = nr->b + 1; i < nr->e - 1; i++)
		if (!ws_is_name_word(d, i))
			return true;
	return false;
}

/*
 * Not names, whatever the tagger says: a one-word run opening its sentence
 * before a comma that is never a name anywhere else in the text ("Rather,
 * voters …", "Still, …"), unless it is a first name; a role or organisation
 * word alone ("Officer", "Council"). A name ending in a place noun ("Fraser
 * Highway", "Jackson County") is a place, and so is a one-word name after
 * "in", "at", "near" … that is no first name, unless the tagger made it an
 * organisation ("at Google") or a possessive follows ("at Smith's home").
 */
static bool
is_first_name(const ws_doc *d, int32_t i)
{
	return (d->toks[i].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) != 0;
}

/* "Officer", "Council", "Attorney": a role, title or organisation word alone */
static bool
lone_role_word(const ws_doc *d, const name_run *nr)
{
	return nr->e - nr->b == 1 && ((d->toks[nr->b].lex & (WS_LEX_ROLE | WS_LEX_ORGWORD)) ||
								  ws_tok_in(d, nr->b, ws_qw_title_words)) &&
		!is_first_name(d, nr->b);
}

/* "Rather, …": one word opening its sentence before a comma, never a name elsewhere */
static bool
opening_adverb(const ws_doc *d, const name_run *nr, const run_map *elsewhere)
{
	return nr->e - nr->b == 1 && (d->toks[nr->b].flags & WS_T_SENT_START) &&
		nr->e < d->ntoks && WS_TOK_LEN(d, nr->e) == 1 && WS_TOK_PTR(d, nr->e)[0] == ',' &&
		!is_first_name(d, nr->b) && !(d->toks[nr->b].lex & WS_LEX_HONORIFIC) &&
		map_get(elsewhere, nr->full_hash) < 0;
}

/* "Fraser Highway", "Jackson County"; "in Tilbury" (not "at Google", "at Smith's home") */
static bool
place_named(const ws_doc *d, const name_run *nr)
{
	if (nr->e - nr->b >= 2)
		return ws_tok_in(d, nr->e - 1, ws_qw_entity_place_nouns);
	return nr->kind != WS_ORGANIZATION && nr->b > 0 &&
		ws_tok_in(d, nr->b - 1, ws_qw_entity_place_prepositions) && !is_first_name(d, nr->b) &&
		!(nr->e < d->ntoks && (d->toks[nr->e].flags & WS_T_POSSESSIVE));
}

static void
correct_kinds(ws_entities *en)
{
	const ws_doc *d = en->doc;
	run_map		elsewhere;

	map_init(d->arena, &elsewhere, en->nruns);
	for (int32_t k = 0; k < en->nruns; k++)
		if (!(d->toks[en->runs[k].b].flags & WS_T_SENT_START))
			*map_slot(&elsewhere, en->runs[k].full_hash) = k;
	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];

		if (nr->titled)
			continue;			/* "Mr Rather" is a man */
		if (lone_role_word(d, nr) || opening_adverb(d, nr, &elsewhere))
			nr->kind = WS_KIND_NONE;
		else if (place_named(d, nr))
			nr->kind = WS_PLACE;
		else
			continue;
		nr->person = false;
		nr->gender = 0;
	}
}

/*
 * The name an acronym in brackets stands for, its initials read back over
 * commas and "and"/"of" ("Immigration, Refugees and Citizenship Canada
 * (IRCC)"), or NULL.
 */
static const char *
bracketed_expansion(const ws_doc *d, const name_run *nr)
{
	const char *a = WS_TOK_PTR(d, nr->b);
	int32_t		idx = WS_TOK_LEN(d, nr->b) - 1,
				start = -1,
				words = 0,
				j;

	if (nr->e - nr->b != 1 || !(d->toks[nr->b].flags & WS_T_ALLCAPS) || idx < 1 || idx >= ACRONYM_MAX ||
		nr->b < 2 || !ws_tok_is(d, nr->b - 1, "(") || !ws_tok_is(d, nr->e, ")"))
		return NULL;
	for (j = nr->b - 2; j >= 0 && idx >= 0 && nr->b - j < 4 * ACRONYM_MAX; j--)
	{
		if (ws_tok_is(d, j, ",") || ws_tok_in(d, j, ws_qw_name_glue) || ws_tok_is(d, j, "and"))
		{
			if (words == 0)
				break;			/* the name ends right before the bracket */
			continue;
		}
		if (!(d->toks[j].flags & WS_T_CAP) || (WS_TOK_PTR(d, j)[0] != a[idx]))
			break;
		start = j;
		words++;
		idx--;
	}
	if (idx >= 0 || words < 2)
		return NULL;
	return ws_span_text(d, ws_tok_span(d, start, nr->b - 1), false);
}

/* Does token j join the words of a name read back for its initials (",", "and", "of", "&")? */
static bool
initials_glue(const ws_doc *d, int32_t j)
{
	return ws_tok_is(d, j, ",") || ws_tok_in(d, j, ws_qw_name_glue) || ws_tok_is(d, j, "and");
}

/* May token j give its initial to an acronym: a capitalised word, not a number or acronym itself? */
static bool
initial_word(const ws_doc *d, int32_t j)
{
	return (d->toks[j].flags & WS_T_CAP) && (d->toks[j].flags & WS_T_WORD) &&
		!(d->toks[j].flags & (WS_T_NUM | WS_T_ALLCAPS)) && !(d->toks[j].lex & WS_LEX_HONORIFIC);
}

/*
 * The names ending at token e - 1 read back over commas and "and"/"of"
 * ("Immigration, Refugees and Citizenship Canada", "Innovation, Science and
 * Economic Development"), three letters or more, whose initials spell an
 * acronym of the text (in wanted, -2 until spelled): the first such name
 * ends where wanted then says. A list is no name: past a comma, a place ends
 * the reading ("Boston, Buffalo and Chicago" is not BBC).
 */
static void
spell_initials(const ws_doc *d, int32_t e, run_map *wanted)
{
	char		buf[ACRONYM_MAX];
	int32_t		n = 0;
	bool		comma = false;

	for (int32_t j = e - 1; j >= 0 && n < ACRONYM_MAX && e - j < 4 * ACRONYM_MAX; j--)
	{
		int32_t    *slot;

		if (initials_glue(d, j) && n > 0)
		{
			comma |= ws_tok_is(d, j, ",");
			continue;
		}
		if (!initial_word(d, j) || (comma && (d->toks[j].lex & WS_LEX_PLACE)))
			break;
		buf[ACRONYM_MAX - 1 - n++] = WS_TOK_PTR(d, j)[0];
		if (n < 3)
			continue;
		slot = map_slot(wanted, ws_hash_fold(buf + ACRONYM_MAX - n, n));
		if (*slot == -2)
			*slot = e;
	}
}

/* The name of `letters` initials ending at token e - 1 (index_initials found it). */
static const char *
initials_expansion(const ws_doc *d, int32_t e, int32_t letters)
{
	int32_t		j = e;

	while (letters > 0 && --j >= 0)
		letters -= !initials_glue(d, j);
	return ws_span_text(d, ws_tok_span(d, j, e), false);
}

/* An acronym of three letters or more ("IRCC", not "US" or "MP"), alone in its run. */
static bool
acronym_run(const ws_doc *d, const name_run *nr)
{
	int32_t		n = WS_TOK_LEN(d, nr->b);

	if (nr->e - nr->b != 1 || !(d->toks[nr->b].flags & WS_T_ALLCAPS) || n < 3 || n > ACRONYM_MAX)
		return false;
	for (int32_t c = 0; c < n; c++)
		if (WS_TOK_PTR(d, nr->b)[c] < 'A' || WS_TOK_PTR(d, nr->b)[c] > 'Z')
			return false;
	return true;
}

/*
 * Every run of an acronym expanded in brackets somewhere takes the expansion,
 * as an organisation; so does an acronym of three letters or more that the
 * initials of a name in the text spell ("IRCC" for "Immigration, Refugees and
 * Citizenship Canada", never put in brackets). Only the text's acronyms are
 * looked for (wanted), so the maps stay as small as the runs.
 */
static void
expand_acronyms(ws_entities *en)
{
	const ws_doc *d = en->doc;
	run_map		found,
				wanted;
	const char **names = ws_arena_alloc(d->arena, sizeof(const char *) * (size_t) (en->nruns + 1));
	int32_t		n = 0;

	map_init(d->arena, &found, en->nruns);
	map_init(d->arena, &wanted, en->nruns);
	for (int32_t k = 0; k < en->nruns; k++)
	{
		const char *x = bracketed_expansion(d, &en->runs[k]);
		int32_t    *slot;

		if (acronym_run(d, &en->runs[k]))
			*map_slot(&wanted, d->toks[en->runs[k].b].hash) = -2;	/* not yet spelled */
		if (!x)
			continue;
		slot = map_slot(&found, en->runs[k].full_hash);
		if (*slot >= 0)
			continue;
		names[n] = x;
		*slot = n++;
	}
	/* the names ending in each run's words, unless a person's */
	for (int32_t k = 0; k < en->nruns; k++)
		for (int32_t j = en->runs[k].b; !en->runs[k].person && j < en->runs[k].e; j++)
			spell_initials(d, j + 1, &wanted);
	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];
		int32_t		x = nr->e - nr->b == 1 ? map_get(&found, nr->full_hash) : -1,
					spelled = acronym_run(d, nr) ? map_get(&wanted, d->toks[nr->b].hash) : -1;

		if (x < 0 && spelled >= 0)
		{
			names[n] = initials_expansion(d, spelled, WS_TOK_LEN(d, nr->b));
			*map_slot(&found, nr->full_hash) = x = n++;
		}
		if (x < 0)
			continue;
		nr->expansion = names[x];
		nr->person = false;
		nr->gender = 0;
		if (nr->kind != WS_PLACE)
			nr->kind = WS_ORGANIZATION;
	}
}

/*
 * A lone word the tagger calls a person that ends a longer name it did not
 * ("Woods" and "Tiger Woods", tagged an organisation) makes that name a
 * person too, unless an organisation word or a place says otherwise; so does
 * a lone word it left untagged ending a longer one it left untagged too.
 */
static void
promote_persons(ws_entities *en)
{
	const ws_doc *d = en->doc;
	run_map		multi;

	map_init(d->arena, &multi, en->nruns);

	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];
		int32_t    *slot;

		if (nr->person || nr->e - nr->b < 2 || nr->kind == WS_PLACE || org_named(d, nr) ||
			glued(d, nr))
			continue;
		slot = map_slot(&multi, nr->last_hash);
		if (*slot < 0)
			*slot = k;
	}
	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];
		int32_t		full;

		/* an untagged lone word too: "Woods" after "Tiger Woods" */
		if (nr->e - nr->b != 1 || !(nr->person || nr->kind == WS_KIND_NONE) ||
			(d->toks[nr->b].lex & (WS_LEX_PLACE | WS_LEX_NATIONALITY)))
			continue;
		full = map_get(&multi, nr->last_hash);
		if (full >= 0 && !en->runs[full].person &&
			(nr->person || en->runs[full].kind == WS_KIND_NONE))
		{
			nr->person = true;
			nr->kind = WS_PERSON;
			en->runs[full].person = true;
			en->runs[full].kind = WS_PERSON;
			if (!en->runs[full].gender)
				en->runs[full].gender = ws_name_gender(en->doc, -1, en->runs[full].b);
		}
	}
}

/* Keep run k at *slot if it is the longest there. */
static void
index_longest(const ws_entities *en, int32_t *slot, int32_t k)
{
	if (*slot < 0 || en->runs[k].e - en->runs[k].b > en->runs[*slot].e - en->runs[*slot].b)
		*slot = k;
}

/* Index persons by last and first word, organisations by first word, every run by its full name. */
static void
index_runs(ws_entities *en)
{
	const ws_doc *d = en->doc;

	for (int g = 0; g < 3; g++)
		map_init(d->arena, &en->by_last[g], en->nruns);
	map_init(d->arena, &en->by_first, en->nruns);
	map_init(d->arena, &en->org_by_first, en->nruns);
	map_init(d->arena, &en->by_full, en->nruns);
	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];
		int32_t    *slot = map_slot(&en->by_full, nr->full_hash);

		if (*slot < 0)
			*slot = k;
		if (nr->person)
		{
			for (int g = 0; g < 3; g++)
				if (g == 0 || (g == 1 && nr->gender != 2) || (g == 2 && nr->gender != 1))
					index_longest(en, map_slot(&en->by_last[g], nr->last_hash), k);
			if (nr->e - nr->b >= 2)
			{
				slot = map_slot(&en->by_first, nr->first_hash);
				/* two full names opening with one word: "Justin" names neither */
				if (*slot >= 0 && en->runs[*slot].last_hash != nr->last_hash)
					*slot = -2;
				else if (*slot != -2)
					index_longest(en, slot, k);
			}
		}
		else if (nr->e - nr->b >= 2 && nr->kind != WS_PLACE &&
				 ws_tok_in(d, nr->e - 1, ws_qw_entity_company_suffixes))
		{
			nr->kind = WS_ORGANIZATION;	/* "Korvant Electronics Co.", however tagged */
			index_longest(en, map_slot(&en->org_by_first, nr->first_hash), k);
		}
	}
}

/*
 * A surname alone is a person when a full person name ends with it, and
 * takes its gender; "Axelrod", named David Axelrod, is a man even to "she".
 */
static void
complete_surnames(ws_entities *en)
{
	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *a = &en->runs[k];
		int32_t		full;

		if (!a->person)
		{
			full = person_ending_in(en, a->last_hash, 0);
			if (full < 0)
				continue;
			a->person = true;
			a->kind = WS_PERSON;
			if (!a->gender)
				a->gender = en->runs[full].gender;
		}
		full = a->gender ? -1 : person_ending_in(en, a->last_hash, 2);
		if (full >= 0 && ws_mans_name_for_woman(2, en->runs[full].gender))
			a->gender = 1;
	}
}

/* The multi-word run whose first word is run k's only word, or -1. */
static int32_t
full_name_opening(const ws_entities *en, const name_run *nr)
{
	int32_t		k;

	if (nr->e - nr->b != 1 || nr->kind == WS_PLACE)
		return -1;
	k = map_get(&en->by_first, nr->first_hash);
	if (k >= 0 && (nr->person || nr->kind == WS_KIND_NONE))
		return k;
	/* a company's first word, even tagged a person, unless a title or first name says so */
	k = map_get(&en->org_by_first, nr->first_hash);
	if (k >= 0 && !nr->titled && !(en->doc->toks[nr->b].lex & (WS_LEX_MALE | WS_LEX_FEMALE)))
		return k;
	return -1;
}

/*
 * Is nr a form of the name x ends in: one word ("Parker"), the same name, or
 * a role or title and the surname ("Mayor McCallum")? "Denise Closs" is not
 * "Jayme Closs".
 */
static bool
shorter_form(const ws_entities *en, const name_run *nr, const name_run *x)
{
	if (nr->e - nr->b == 1 || nr->full_hash == x->full_hash)
		return true;
	for (int32_t i = nr->b; i < nr->e - 1; i++)
		if (!(en->doc->toks[i].lex & (WS_LEX_ROLE | WS_LEX_HONORIFIC)))
			return false;
	return true;
}

/* Each run's entity: the run naming it most fully. */
static void
join_forms(ws_entities *en)
{
	for (int32_t k = 0; k < en->nruns; k++)
	{
		name_run   *nr = &en->runs[k];
		int32_t		full = -1;

		if (nr->person)
			full = person_ending_in(en, nr->last_hash, nr->gender);
		if (full >= 0 && nr->titled && ws_mans_name_for_woman(nr->gender, en->runs[full].gender))
		{
			nr->ent = k;		/* "Mrs Axelrod" is not David Axelrod, nor his "Axelrod" */
			continue;
		}
		if (full >= 0 && (en->runs[full].e - en->runs[full].b < nr->e - nr->b ||
						  !shorter_form(en, nr, &en->runs[full])))
			full = -1;
		/* no full name ends in it: it may open one */
		if (full < 0 || en->runs[full].e - en->runs[full].b == 1)
			full = full_name_opening(en, nr);
		if (full < 0)
			full = map_get(&en->by_full, nr->full_hash);
		nr->ent = full >= 0 ? en->runs[full].ent : k;
		if (nr->ent != k && en->runs[nr->ent].kind == WS_PERSON && !nr->person)
		{
			nr->person = true;
			nr->kind = WS_PERSON;
		}
	}
}

/* ------------------------------------------------------------ salience */

static void
add_ref(ws_entities *en, int32_t tok, int32_t ent, const char *rule, int8_t gender)
{
	en->refs = ws_arena_grow(en->doc->arena, en->refs, en->nrefs, &en->cap_refs, en->nrefs + 1, sizeof(referent));
	en->refs[en->nrefs++] = (referent)
	{
		tok, ent, rule, gender
	};
}

/* Give entity ent weight w in the salience list (the lightest entry makes room). */
static void
boost(salient *list, int32_t *n, int32_t ent, double w)
{
	int32_t		lightest = 0;

	for (int32_t k = 0; k < *n; k++)
	{
		if (list[k].ent == ent)
		{
			list[k].weight += w;
			return;
		}
		if (list[k].weight < list[lightest].weight)
			lightest = k;
	}
	if (*n < MAX_SALIENT)
		lightest = (*n)++;
	list[lightest] = (salient)
	{
		ent, w
	};
}

/*
 * The most salient entity of kind `kind` (and gender, for persons), or -1;
 * entity `favour` (or -1) counts `factor` times its weight.
 */
static int32_t
most_salient(const ws_entities *en, const salient *list, int32_t n, ws_kind kind, int8_t gender,
			 int32_t favour, double factor, double *runner_up)
{
	int32_t		best = -1;
	double		best_w = MIN_SALIENCE,
				second = 0.0;

	for (int32_t k = 0; k < n; k++)
	{
		const name_run *x = &en->runs[list[k].ent];
		double		w = list[k].weight;

		if (x->kind != kind || (kind == WS_PERSON && (x->gender ? x->gender != gender : false)))
			continue;
		if (kind == WS_PERSON && x->gender == 0)
			w *= 0.5;			/* a name of known gender fits better */
		if (list[k].ent == favour)
			w *= factor;
		if (w > best_w)
		{
			second = best >= 0 ? best_w : second;
			best = list[k].ent;
			best_w = w;
		}
		else if (w > second)
			second = w;
	}
	if (runner_up)
		*runner_up = best >= 0 ? second / best_w : 0.0;
	return best;
}

/* The roles' key of the two words at i, i + 1: "campaign manager" */
static uint32_t
compound_key(const ws_doc *d, int32_t i)
{
	return (d->toks[i].hash * 0x9E3779B1u) ^ d->toks[i + 1].hash;
}

/* Role key h is ent's, the latest; past the map's budget a new key is dropped, never a hang. */
static void
put_role(ws_entities *en, uint32_t h, int32_t ent)
{
	int32_t    *slot = map_slot(&en->roles, h);

	if (*slot < 0 && en->roles_left-- <= 0)
		return;
	*slot = ent;
}

/* Register token i as a role of ent if it is a role word, or an adjective of one ("mayoral"). */
static void
role_word(ws_entities *en, int32_t i, int32_t ent)
{
	const ws_doc *d = en->doc;
	int32_t		n = WS_TOK_LEN(d, i);

	if (d->toks[i].lex & WS_LEX_ROLE)
	{
		put_role(en, d->toks[i].hash, ent);
		/* "campaign manager Barry Bennett": "the campaign manager" too */
		if (i > 0 && (d->toks[i - 1].flags & WS_T_WORD) && !(d->toks[i - 1].lex & WS_LEX_FUNCTION))
			put_role(en, compound_key(d, i - 1), ent);
	}
	else if (n > 4 && ws_tok_ends_with(d, i, "al") &&
			 (ws_lex_classes(WS_TOK_PTR(d, i), n - 2) & WS_LEX_ROLE))
		put_role(en, ws_hash_fold(WS_TOK_PTR(d, i), n - 2), ent);
}

/*
 * The roles a person run is introduced with: role words right before it
 * ("mayoral candidate Doug McCallum", "Mayor Doug McCallum") and in an
 * apposition after it ("Navdeep Bains, Minister of …", "X, the mayor,").
 */
static void
register_roles(ws_entities *en, const name_run *nr)
{
	const ws_doc *d = en->doc;

	for (int32_t i = nr->b - 1; i >= 0 && i >= nr->b - ROLE_WINDOW; i--)
	{
		if (!(d->toks[i].flags & WS_T_WORD) || (d->toks[i].lex & WS_LEX_FUNCTION))
			break;
		role_word(en, i, nr->ent);
	}
	if (nr->e < d->ntoks && WS_TOK_LEN(d, nr->e) == 1 && WS_TOK_PTR(d, nr->e)[0] == ',')
		for (int32_t i = nr->e + 1; i < d->ntoks && i <= nr->e + APPOSITION_WINDOW; i++)
		{
			if (!(d->toks[i].flags & WS_T_WORD))
				break;
			role_word(en, i, nr->ent);
		}
}

/*
 * Is the run the subject of its sentence: its first name, a few words in, not
 * in a clause opening with "Although", "When" …?
 */
static bool
opens_sentence(const ws_doc *d, const name_run *nr, int32_t sent_b, int32_t prev_run_e)
{
	if (prev_run_e > sent_b || ws_tok_in(d, sent_b, ws_qw_subordinators))
		return false;			/* another name came first */
	for (int32_t i = sent_b; i < nr->b; i++)
		if (d->toks[i].lex & (WS_LEX_SPEECH | WS_LEX_PRONOUN) || ws_is_finite_verb(d, i))
			return false;
	return nr->b - sent_b <= 6;
}

/* Is a speech word right next to tokens [b, e) ("X said", "said X")? */
static bool
next_to_speech(const ws_doc *d, int32_t b, int32_t e)
{
	return (e < d->ntoks && (d->toks[e].lex & WS_LEX_SPEECH)) ||
		(b > 0 && (d->toks[b - 1].lex & WS_LEX_SPEECH));
}

/* A speech word later in the subject's sentence ("X, director of Y, said"), a bounded way on. */
static bool
speaks_later(const ws_doc *d, int32_t e)
{
	for (int32_t i = e; i < d->ntoks && i < e + SUBJECT_REACH && d->toks[i].sent == d->toks[e - 1].sent; i++)
		if (d->toks[i].lex & WS_LEX_SPEECH)
			return true;
	return false;
}

/* The state of the pass in text order. */
typedef struct pass
{
	salient		list[MAX_SALIENT];
	int32_t		n;
	int32_t		sent,
				sent_b;			/* sentence and its first token */
	int32_t		prev_run_e;		/* end of the last name run */
	int32_t		last_speaker;	/* the last person next to a speech verb, or -1 */
	int32_t		sent_speaker;	/* the person or organisation next to one in this sentence, or -1 */
	int32_t		author,			/* who wrote the last document introduced with its writer, or -1 */
				author_sent;	/* the sentence it was introduced in */
	uint32_t	author_key;		/* its noun (document_key) */
} pass;

/* Each sentence halves the weights; a new paragraph, a new topic, more. */
static void
next_sentence(const ws_doc *d, pass *p, int32_t i)
{
	double		decay = d->toks[i].para != d->toks[p->sent_b].para ? 0.35 : 0.5;

	p->sent = d->toks[i].sent;
	p->sent_b = i;
	p->sent_speaker = -1;
	for (int32_t k = 0; k < p->n; k++)
		p->list[k].weight *= decay;
}

/* A name outside quotation marks: weight to its entity, as subject or speaker more. */
static void
mention_name(ws_entities *en, pass *p, const name_run *nr)
{
	const ws_doc *d = en->doc;
	const name_run *x = &en->runs[nr->ent];
	double		w = 100.0;
	bool		subject;

	if (x->kind != WS_PERSON && x->kind != WS_ORGANIZATION)
		return;
	subject = opens_sentence(d, nr, p->sent_b, p->prev_run_e);
	if (subject)
		w += 80.0;
	if (next_to_speech(d, nr->b, nr->e) || (subject && speaks_later(d, nr->e)))
	{
		w += 50.0;
		p->sent_speaker = nr->ent;
		if (x->kind == WS_PERSON)
			p->last_speaker = nr->ent;
	}
	else if (subject && x->kind == WS_PERSON)
		p->last_speaker = -1;	/* the story turns to someone else */
	boost(p->list, &p->n, nr->ent, w);
	if (x->kind == WS_PERSON)
		register_roles(en, nr);
}

/* he / she at token i: the most salient person of that gender (or none known). */
static void
mention_pronoun(ws_entities *en, pass *p, int32_t i)
{
	const ws_doc *d = en->doc;
	int8_t		g = ws_tok_is(d, i, "he") ? 1 : 2;
	bool		speaks = next_to_speech(d, i, i + 1);
	double		runner_up;
	int32_t		ent = most_salient(en, p->list, p->n, WS_PERSON, g, speaks ? p->last_speaker : -1,
								   SPEAKER_FACTOR, &runner_up);

	if (ent < 0)
		return;
	if (speaks)
		p->last_speaker = ent;
	/* "Jayme said she …": Jayme is a woman, when no one else was a likely "she" */
	if (en->runs[ent].gender == 0 && runner_up < 0.5)
		en->runs[ent].gender = g;
	boost(p->list, &p->n, ent, 100.0 + 80.0 + (speaks ? 50.0 : 0.0));
	add_ref(en, i, ent, "speaker.resolve_pronoun", g);
}

/* A document noun's key among the authors: one for every kind of study ("the report" of "a study by X"). */
static uint32_t
document_key(const ws_doc *d, int32_t j)
{
	return ws_tok_in(d, j, ws_qw_study_nouns) ? 1u : d->toks[j].hash;
}

/*
 * Token j, after "the" at i, describes the noun to come rather than singling
 * out another one: a hyphenated word ("the two-term mayor") or one of
 * adjectives in a row ("the lanky, bespectacled professor"); "the rival
 * company", "the appeals judge" are other entities.
 */
static bool
describing(const ws_doc *d, int32_t i, int32_t j)
{
	return ws_plain_word(d, j) &&
		(memchr(WS_TOK_PTR(d, j), '-', (size_t) WS_TOK_LEN(d, j)) || ws_tok_is(d, j + 1, ",") ||
		 (j > i + 1 && ws_tok_is(d, j - 1, ",")));
}

/* A description's noun: an organisation noun, a role word or a document noun. */
static bool
description_noun(const ws_doc *d, int32_t j)
{
	return ws_tok_in(d, j, ws_qw_entity_org_nouns) || (d->toks[j].lex & WS_LEX_ROLE) ||
		ws_tok_in(d, j, ws_qw_document_nouns);
}

/*
 * "the company" (an organisation noun), "the mayor" (a role word) or "the
 * report" (a document introduced with its writer) after "the" at token i,
 * perhaps past modifiers ("the two-term mayor", "the lanky, bespectacled
 * professor"; not "the vice president", "the former mayor").
 */
static void
mention_description(ws_entities *en, pass *p, int32_t i)
{
	const ws_doc *d = en->doc;
	int32_t		j = i + 1,
				ent = -1;

	/* the cheap tests first: most "the" start "the plan is", where nothing is skipped */
	while (j + 1 < d->ntoks && j - i <= MAX_MODIFIERS &&
		   (describing(d, i, j) || (ws_tok_is(d, j, ",") && j > i + 1)) &&
		   (ws_plain_word(d, j + 1) || ws_tok_is(d, j + 1, ",")) &&
		   !description_noun(d, j) && !ws_tok_in(d, j, ws_qw_office_modifiers))
		j++;
	if (j >= d->ntoks || (d->toks[j].flags & WS_T_CAP))
		return;
	/*
	 * "the campaign manager" of "campaign manager X"; "the prosecution lawyer"
	 * after "Lawyer X" is someone else
	 */
	if (j + 1 < d->ntoks && !description_noun(d, j) && ws_plain_word(d, j) && ws_plain_word(d, j + 1) &&
		(d->toks[j + 1].lex & WS_LEX_ROLE))
	{
		ent = map_get(&en->roles, compound_key(d, j));
		if (ent >= 0)
			add_ref(en, j + 1, ent, "speaker.entity_description", 1);
		return;
	}
	if (ws_tok_in(d, j, ws_qw_entity_org_nouns))
		ent = most_salient(en, p->list, p->n, WS_ORGANIZATION, 0, -1, 1.0, NULL);
	else if (d->toks[j].lex & WS_LEX_ROLE)
		ent = map_get(&en->roles, d->toks[j].hash);
	else if (ws_tok_in(d, j, ws_qw_document_nouns))
	{
		if (p->author >= 0 && p->author_key == document_key(d, j) &&
			d->toks[j].sent - p->author_sent <= AUTHOR_REACH)
			add_ref(en, j, p->author, "speaker.entity_document", 1);
		return;
	}
	if (ent >= 0)
		add_ref(en, j, ent, "speaker.entity_description", 1);
}

/* The "a" or "an" at most three tokens before token j in its sentence, else -1 */
static int32_t
indefinite_before(const ws_doc *d, const pass *p, int32_t j)
{
	int32_t		a = j - 1;

	while (a > p->sent_b && j - a <= 3 && !ws_tok_is(d, a, "a") && !ws_tok_is(d, a, "an"))
		a--;
	return ws_tok_is(d, a, "a") || ws_tok_is(d, a, "an") ? a : -1;
}

/*
 * A document introduced with its writer at token j, after the "a" or "an" at
 * token a: "a study by the School of Public Policy", "a report from X" (the
 * name run next_run after "by" or "from"), "X wrote in a recent report", "X
 * said in a 2016 report" (the sentence's speaker). "The report said" is then
 * the writer's, for AUTHOR_REACH sentences.
 */
static void
mention_new_document(ws_entities *en, pass *p, int32_t j, int32_t next_run, int32_t a)
{
	const ws_doc *d = en->doc;
	int32_t		ent = -1;

	if (j + 2 < d->ntoks && (ws_tok_is(d, j + 1, "by") || ws_tok_is(d, j + 1, "from")) && next_run < en->nruns &&
		(en->runs[next_run].b == j + 2 || (en->runs[next_run].b == j + 3 && ws_tok_is(d, j + 2, "the"))))
		ent = en->runs[next_run].ent;
	else if (a - 1 > p->sent_b && ws_tok_is(d, a - 1, "in") && (d->toks[a - 2].lex & WS_LEX_SPEECH))
		ent = p->sent_speaker;
	if (ent >= 0 && (en->runs[ent].kind == WS_PERSON || en->runs[ent].kind == WS_ORGANIZATION))
	{
		p->author = ent;
		p->author_key = document_key(d, j);
		p->author_sent = d->toks[j].sent;
	}
}

/*
 * "her statement", "his letter" (data/lexicons: document_nouns) at tokens i,
 * i + 1: the most salient person of the pronoun's gender wrote it.
 */
static void
mention_document(ws_entities *en, pass *p, int32_t i)
{
	const ws_doc *d = en->doc;
	int8_t		g = ws_tok_is(d, i, "his") ? 1 : 2;
	int32_t		ent;

	if (i + 1 >= d->ntoks || !ws_tok_in(d, i + 1, ws_qw_document_nouns))
		return;
	ent = most_salient(en, p->list, p->n, WS_PERSON, g, -1, 1.0, NULL);
	if (ent >= 0)
		add_ref(en, i + 1, ent, "speaker.entity_document", g);
}

/*
 * The pass in text order: salience of the entities mentioned outside
 * quotation marks, and the referent of each he / she / it and each definite
 * description "the <role or organisation noun>".
 */
static void
resolve_references(ws_entities *en)
{
	ws_doc	   *d = en->doc;
	pass		p = {.sent = -1, .prev_run_e = -1, .last_speaker = -1, .sent_speaker = -1, .author = -1};
	int32_t		next_run = 0,
				art;

	map_init(d->arena, &en->roles, en->nruns * 4);
	en->roles_left = en->nruns * 4;
	for (int32_t i = 0; i < d->ntoks; i++)
	{
		bool		quoted = en->in_quote && en->in_quote[i];

		if ((i & 4095) == 4095 && ws_interrupt_hook)
			ws_interrupt_hook();
		if (d->toks[i].sent != p.sent)
			next_sentence(d, &p, i);
		if (next_run < en->nruns && en->runs[next_run].b == i)
		{
			name_run   *nr = &en->runs[next_run++];

			if (!quoted)
				mention_name(en, &p, nr);
			p.prev_run_e = nr->e;
			i = nr->e - 1;
		}
		else if (quoted)
			continue;
		else if (ws_tok_is(d, i, "he") || ws_tok_is(d, i, "she"))
			mention_pronoun(en, &p, i);
		else if (ws_tok_is(d, i, "it"))
		{
			int32_t		ent = most_salient(en, p.list, p.n, WS_ORGANIZATION, 0, -1, 1.0, NULL);

			if (ent >= 0)
				add_ref(en, i, ent, "speaker.resolve_pronoun", 1);
		}
		else if (ws_tok_is(d, i, "the"))
			mention_description(en, &p, i);
		else if (ws_tok_is(d, i, "his") || ws_tok_is(d, i, "her"))
			mention_document(en, &p, i);
		else if (ws_tok_in(d, i, ws_qw_document_nouns) && (art = indefinite_before(d, &p, i)) >= 0)
			mention_new_document(en, &p, i, next_run, art);	/* not "the report", "her letter" */
	}
}

/* ------------------------------------------------------------ interface */

static const char *run_text(const ws_entities *en, int32_t k);


ws_entities *
ws_entities_names(ws_doc *d, const ws_actors *actors)
{
	ws_entities *en = ws_arena_alloc(d->arena, sizeof(ws_entities));

	en->doc = d;
	en->actors = actors;
	collect_runs(en);
	apply_tagger(en);
	hash_runs(en);
	drop_guessed_first_names(en);
	correct_kinds(en);
	expand_acronyms(en);
	promote_persons(en);
	index_runs(en);
	complete_surnames(en);
	join_forms(en);
	return en;
}

void
ws_entities_resolve(ws_entities *en, const uint8_t *in_quote)
{
	if (en->resolved)
		return;
	en->resolved = true;
	en->in_quote = in_quote;
	resolve_references(en);
}

ws_entities *
ws_entities_new(ws_doc *d, const ws_actors *actors, const uint8_t *in_quote)
{
	ws_entities *en = ws_entities_names(d, actors);

	ws_entities_resolve(en, in_quote);
	return en;
}

/*
 * May a mention of run k, tagged `tagged`, be its entity's? Always when the
 * run names the entity ("Tiger Woods" tagged an organisation); a shorter form
 * of a person when the tagger made it a person too ("Woods"), not an
 * organisation the first-name guess made a person's surname ("UFC" after
 * "Former UFC").
 */
static bool
joins_entity(const ws_entities *en, int32_t k, ws_kind tagged)
{
	const name_run *nr = &en->runs[k];
	const name_run *x = &en->runs[nr->ent];

	if (nr->ent == k || x->full_hash == nr->full_hash)
		return true;
	return x->kind != WS_PERSON || tagged == WS_PERSON;
}

int32_t
ws_entities_of_mentions(const ws_entities *en, const ws_actors *a, int32_t *ent, ws_kind *kind)
{
	int32_t		k = 0;

	for (int32_t i = 0; i < a->nmentions; i++)
	{
		const ws_mention *m = &a->mentions[i];

		ent[i] = -1;
		kind[i] = WS_KIND_NONE;
		while (k < en->nruns && en->runs[k].e < m->tok_e)
			k++;
		/*
		 * the run of the mention's words, or of its last words ("Mr Parker"
		 * tagged whole), or a company's name the tagger cut short
		 * ("Electronics Co." of "Korvant Electronics Co.", not "Pharma Inc."
		 * of "Shares of Orlinex Pharma Inc.")
		 */
		if (k < en->nruns && en->runs[k].e == m->tok_e &&
			(en->runs[k].b >= m->tok_b ||
			 (m->kind == WS_ORGANIZATION && en->runs[en->runs[k].ent].kind == WS_ORGANIZATION &&
			  !glued(en->doc, &en->runs[k]))) &&
			joins_entity(en, k, m->kind))
		{
			ent[i] = en->runs[k].ent;
			kind[i] = en->runs[ent[i]].kind;
		}
	}
	return en->nruns;
}

const char *
ws_entity_text(const ws_entities *en, int32_t ent, int32_t *words)
{
	*words = en->runs[ent].e - en->runs[ent].b;
	return run_text(en, ent);
}

static const char *
run_text(const ws_entities *en, int32_t k)
{
	if (en->runs[k].expansion)
		return en->runs[k].expansion;
	return ws_span_text(en->doc, ws_tok_span(en->doc, en->runs[k].b, en->runs[k].e), false);
}

/* The canonical name of entity ent, of gender g when a pronoun or title says so. */
static const char *
entity_name(ws_entities *en, int32_t ent, int8_t gender, bool sure)
{
	const name_run *x = &en->runs[ent];
	int32_t		best;

	if (x->kind != WS_PERSON)
		return run_text(en, ent);
	best = person_ending_in(en, x->last_hash, gender);
	if (best >= 0 && en->runs[best].e - en->runs[best].b >= x->e - x->b &&
		!(sure && ws_mans_name_for_woman(gender, en->runs[best].gender)))
		return run_text(en, best);
	return run_text(en, ent);
}

const char *
ws_entity_name(ws_entities *en, int32_t b, int32_t e, int8_t gender, bool sure)
{
	ws_doc	   *d = en->doc;
	int32_t		best = person_ending_in(en, d->toks[e - 1].hash, gender),
				k;

	if (best >= 0 && (en->runs[best].e - en->runs[best].b < e - b ||
					  (sure && ws_mans_name_for_woman(gender, en->runs[best].gender))))
		best = -1;
	/* no longer name ends in it: the run these tokens are may open one */
	k = ws_lower_bound(en->runs, en->nruns, sizeof(name_run), offsetof(name_run, b), b);
	if ((best < 0 || en->runs[best].e - en->runs[best].b == e - b) &&
		k < en->nruns && en->runs[k].b == b && en->runs[k].e == e &&
		(en->runs[en->runs[k].ent].e - en->runs[en->runs[k].ent].b > e - b ||
		 en->runs[en->runs[k].ent].expansion))
		return run_text(en, en->runs[k].ent);
	if (best >= 0)
		return run_text(en, best);
	return ws_span_text(d, ws_tok_span(d, b, e), false);
}

const char *
ws_entity_referent(ws_entities *en, int32_t tok, const char **rule)
{
	int32_t		k = ws_lower_bound(en->refs, en->nrefs, sizeof(referent), offsetof(referent, tok), tok);
	int8_t		g;

	if (k >= en->nrefs || en->refs[k].tok != tok)
		return NULL;
	*rule = en->refs[k].rule;
	g = en->refs[k].gender;
	return entity_name(en, en->refs[k].ent, g, g == 2);
}
