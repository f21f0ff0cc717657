/*
 * actor_resolver.c — named actors: mentions from the tagger's spans (or a
 * capitalisation heuristic without a model), grouped into actors, with
 * roles and affiliations read from the words around person mentions.
 *
 *  1. mentions: PER / ORG / LOC spans (MISC dropped), edges trimmed of
 *     punctuation and possessive clitics;
 *  2. grouping, in text order, all by hashed case-folded keys so it stays
 *     linear in the number of mentions: the same name; a person's surname
 *     or shorter form ("Parker" -> "Andrew Parker"); an acronym in
 *     parentheses right after a name or equal to a name's initials
 *     ("GCHQ", "NCSC"); an organisation name with a leading place word
 *     ("UK Government Communications Headquarters");
 *  2b. one entity, one actor: the entity layer (entities.c) joins the
 *     forms the grouping above does not know ("Jayme" -> "Jayme Closs",
 *     "Wang" -> "Wang Qishan", "Korvant" -> "Korvant Electronics Co."), and
 *     its kind, corrected ("Greer County" is a place), decides the actor's
 *     kind; mentions keep the tagger's kind (join_entities);
 *  3. canonical name: the longest person form (or the entity's fuller name), or for organisations and
 *     places the first form without a leading place word, preferring an
 *     expansion to its acronym; honorifics and possessives never belong;
 *  4. roles and affiliations of persons: appositions ("X, the chief
 *     executive of Y,"), premodifiers ("Twitter chief executive X",
 *     "Facebook's chief operating officer X", "the EU's digital chief, X"),
 *     and copulas ("X is a reporter for Y").
 */
#include "entities.h"
#include "lexicon.h"
#include "ner.h"

#include <string.h>

#define MAX_ALIASES 32
#define ROLE_MAX 5

typedef struct mrec
{
	int32_t		b,
				e;				/* name tokens [b, e) */
	ws_kind		kind;
	uint64_t	key;			/* folded name */
	uint64_t	last;			/* folded last token */
	uint64_t	initials;		/* folded initials of capitalised words, 0 if < 2 */
	const char *surface;		/* text of the name, spaces normalised */
	const char *alias;			/* surface with a preceding honorific */
	int32_t		actor;
	int32_t		ent;			/* entity (entities.c), -1 */
	ws_kind		ent_kind;		/* the entity's kind, WS_KIND_NONE */
} mrec;

typedef struct arec
{
	int32_t		first;			/* mention index */
	int32_t		canon;			/* mention index giving the canonical name */
	int32_t		votes[4];
	const char **aliases;
	int32_t		naliases;
	int32_t		nmentions;
	int32_t		role_b,
				role_e;			/* tokens */
	int32_t		affil;			/* mention index, -1 */
	bool		acronym_expanded;
	const char *ent_name;		/* its entity's fullest name, when longer than canon */
	int32_t		ent_words;		/* its length in tokens */
	ws_kind		ent_kind;		/* that entity's kind */
} arec;

/* open-addressing map uint64 -> int32, in the arena */
typedef struct hmap
{
	uint64_t   *k;
	int32_t    *v;
	uint32_t	mask;
} hmap;

typedef struct resolver
{
	ws_doc	   *d;
	uint8_t    *labels;
	int32_t    *tok_m;			/* token -> mention index or -1 */
	mrec	   *m;
	int32_t		nm;
	arec	   *a;
	int32_t		na;
	hmap		by_key,
				by_last[3],		/* surname → person: any, not female, not male */
				by_initials;
	ws_actors  *view;			/* the mentions as the entity layer reads them */
	ws_entities *entities;
} resolver;

/* ------------------------------------------------------------ helpers */

static uint64_t
hash64(const char *s, int32_t n, uint64_t h)
{
	for (int32_t i = 0; i < n; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t
fold_hash(const char *s, int32_t n, uint64_t h)
{
	char		buf[256];
	int32_t		k = ws_fold(s, n, buf, sizeof(buf));

	return hash64(buf, k, h);
}

static void
hmap_init(ws_arena *ar, hmap *m, int32_t n)
{
	uint32_t	size = 16;

	while (size < (uint32_t) n * 2 + 2)
		size <<= 1;
	m->k = ws_arena_alloc(ar, sizeof(uint64_t) * size);
	m->v = ws_arena_alloc(ar, sizeof(int32_t) * size);
	m->mask = size - 1;
}

static int32_t
hmap_get(const hmap *m, uint64_t key)
{
	key |= 1;
	for (uint32_t s = (uint32_t) (key ^ (key >> 31)) & m->mask; m->k[s]; s = (s + 1) & m->mask)
		if (m->k[s] == key)
			return m->v[s];
	return -1;
}

static void
hmap_put(hmap *m, uint64_t key, int32_t v)
{
	uint32_t	s;

	key |= 1;
	for (s = (uint32_t) (key ^ (key >> 31)) & m->mask; m->k[s] && m->k[s] != key; s = (s + 1) & m->mask)
		;
	m->k[s] = key;
	m->v[s] = v;
}

static bool
same_para(const ws_doc *d, int32_t i, int32_t j)
{
	return i >= 0 && j >= 0 && i < d->ntoks && j < d->ntoks && d->toks[i].para == d->toks[j].para;
}

/* The text of tokens [b, e), white space squeezed: a mention's surface form. */
static const char *
tokens_text(const ws_doc *d, int32_t b, int32_t e)
{
	return ws_span_text(d, ws_tok_span(d, b, e), true);
}

static bool
is_honorific_tok(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	return (t->lex & WS_LEX_HONORIFIC) && (t->flags & WS_T_CAP) &&
		!(t->lex & WS_LEX_MALE) && !(t->lex & WS_LEX_FEMALE);
}

/* The gender of m's honorific, else of its first name ("Radcliffe" alone has none) */
static int8_t
mention_gender(const ws_doc *d, const mrec *m)
{
	return ws_name_gender(d, m->b > 0 && is_honorific_tok(d, m->b - 1) ? m->b - 1 : -1,
						  m->e - m->b >= 2 ? m->b : -1);
}

/* "Mr. Netanyahu" is not "Sara Netanyahu" */
static bool
gender_clash(const ws_doc *d, const mrec *a, const mrec *b)
{
	int8_t		ga = mention_gender(d, a),
				gb = mention_gender(d, b);

	return ga && gb && ga != gb;
}

static ws_kind
label_kind(uint8_t y)
{
	switch ((y + 1) / 2)
	{
		case 1:
			return WS_PERSON;
		case 2:
			return WS_ORGANIZATION;
		case 3:
			return WS_PLACE;
		default:
			return WS_KIND_NONE;
	}
}

/* ------------------------------------------------------------ heuristic */

/*
 * Without a model: runs of capitalised words (joined over "of" between
 * capitals), skipping sentence-initial function words; kinds from the
 * lexicon and gazetteer, persons from first names and honorifics.
 */
static void
heuristic_labels(const ws_doc *d, uint8_t *labels)
{
	int32_t		n = d->ntoks;
	uint8_t    *gb = ws_arena_alloc(d->arena, (size_t) n * 2 + 2);
	uint8_t    *gi = gb + n + 1;

	ws_gazetteer_mark(d, gb, gi);
	for (int32_t i = 0; i < n;)
	{
		const ws_tok *t = &d->toks[i];
		int32_t		j;
		ws_kind		k = WS_KIND_NONE;
		bool		has_org = false;

		if (!(t->flags & WS_T_CAP) || !(t->flags & WS_T_WORD) || (t->lex & WS_LEX_FUNCTION) ||
			is_honorific_tok(d, i) || (t->flags & WS_T_QUOTE))
		{
			i++;
			continue;
		}
		j = i + 1;
		while (j < n && same_para(d, i, j))
		{
			const ws_tok *u = &d->toks[j];

			if ((u->flags & WS_T_CAP) && (u->flags & WS_T_WORD) && !(u->lex & WS_LEX_FUNCTION) &&
				!(u->flags & WS_T_SENT_START))
				j++;
			else if (ws_tok_is(d, j, "of") && j + 1 < n && (d->toks[j + 1].flags & WS_T_CAP) &&
					 !(d->toks[j + 1].lex & WS_LEX_FUNCTION))
				j++;
			else
				break;
		}
		for (int32_t x = i; x < j; x++)
			if (d->toks[x].lex & (WS_LEX_ORGWORD | WS_LEX_ORG) || (gb[x] & WS_GAZ_ORG))
				has_org = true;
		if (has_org || ((t->flags & WS_T_ALLCAPS) && j == i + 1 && !(gb[i] & (WS_GAZ_COUNTRY | WS_GAZ_CITY | WS_GAZ_CAPITAL))))
			k = WS_ORGANIZATION;
		else if ((gb[i] & (WS_GAZ_COUNTRY | WS_GAZ_CITY | WS_GAZ_CAPITAL)) || ((t->lex & WS_LEX_PLACE) && j == i + 1))
			k = WS_PLACE;
		else if ((t->lex & (WS_LEX_MALE | WS_LEX_FEMALE)) || (i > 0 && is_honorific_tok(d, i - 1)) ||
				 (j - i >= 2 && j - i <= 3))
			k = WS_PERSON;
		if ((t->flags & WS_T_SENT_START) && j == i + 1 && k != WS_PLACE && k != WS_ORGANIZATION)
			k = WS_KIND_NONE;	/* a lone capitalised sentence opener */
		if (t->lex & WS_LEX_NATIONALITY)
			k = WS_KIND_NONE;
		if (k != WS_KIND_NONE)
		{
			uint8_t		bl = k == WS_PERSON ? WS_NER_B_PER : k == WS_ORGANIZATION ? WS_NER_B_ORG : WS_NER_B_LOC;

			labels[i] = bl;
			for (int32_t x = i + 1; x < j; x++)
				labels[x] = (uint8_t) (bl + 1);
		}
		i = j;
	}
}

/* ------------------------------------------------------------ mentions */

/*
 * The name inside a tagged span [*b, *e) of kind k: without punctuation and
 * possessive clitics at the edges, a person's honorific or title ("Marlow
 * County District Attorney Brian Wright"), or a capitalised sentence opener
 * ("Although Weiner …"; "A. Smith" keeps A.). False when nothing is left, or
 * when a person is only the title opening a longer name ("Attorney" of
 * "Attorney General Maria Okafor", tagged apart).
 */
static bool
trim_mention(const ws_doc *d, ws_kind k, int32_t *b, int32_t *e)
{
	while (*b < *e && !(d->toks[*b].flags & WS_T_WORD))
		(*b)++;
	while (*e > *b && (!(d->toks[*e - 1].flags & WS_T_WORD) || (d->toks[*e - 1].flags & WS_T_POSSESSIVE)))
		(*e)--;
	if (k == WS_PERSON)
	{
		while (*e - *b > 1 && is_honorific_tok(d, *b))
			(*b)++;
		*b = ws_name_start(d, *b, *e);
		if (*e - *b == 1 && ws_is_title_word(d, *b) && *e < d->ntoks && (d->toks[*e].flags & WS_T_CAP) &&
			same_para(d, *b, *e))
			return false;
	}
	while (*e - *b > 1 && (d->toks[*b].flags & WS_T_SENT_START) && (d->toks[*b].lex & WS_LEX_FUNCTION) &&
		   WS_TOK_LEN(d, *b) > 2 && !ws_tok_is(d, *b, "the"))
		(*b)++;
	return *b < *e;
}

/*
 * The gazetteer settles a name the tagger could not know: a known
 * organisation is not a person, and "in Liverpool" is a place.
 */
static ws_kind
gazetteer_kind(const ws_doc *d, ws_kind k, int32_t b, int32_t e)
{
	uint8_t		g = ws_gazetteer_lookup(d, b, e);

	if (k == WS_PERSON && (g & WS_GAZ_ORG))
		return WS_ORGANIZATION;
	if (k == WS_ORGANIZATION && !(g & WS_GAZ_ORG) &&
		(g & (WS_GAZ_COUNTRY | WS_GAZ_CAPITAL | WS_GAZ_CITY)) && b > 0 &&
		(ws_tok_is(d, b - 1, "in") || ws_tok_is(d, b - 1, "near")))
		return WS_PLACE;
	return k;
}

/* Record mention [b, e) of kind k: its text, the keys it is found by, its initials. */
static void
add_mention(resolver *r, int32_t b, int32_t e, ws_kind k)
{
	const ws_doc *d = r->d;
	mrec	   *m = &r->m[r->nm];

	memset(m, 0, sizeof(*m));
	m->b = b;
	m->e = e;
	m->kind = k;
	m->actor = -1;
	m->surface = tokens_text(d, b, e);
	m->key = fold_hash(m->surface, (int32_t) strlen(m->surface), 0xcbf29ce484222325ull);
	m->last = fold_hash(WS_TOK_PTR(d, e - 1), WS_TOK_LEN(d, e - 1), 0x84222325cbf29ce4ull);
	if (b > 0 && is_honorific_tok(d, b - 1) && same_para(d, b - 1, b))
		m->alias = tokens_text(d, b - 1, e);
	else
		m->alias = m->surface;
	/* initials of the capitalised words: National Cyber Security Centre -> ncsc */
	if (e - b >= 2)
	{
		char		ini[16];
		int32_t		ni = 0;

		for (int32_t x = b; x < e && ni < (int32_t) sizeof(ini); x++)
			if ((d->toks[x].flags & WS_T_CAP) && !(d->toks[x].flags & WS_T_NUM))
				ini[ni++] = d->text[d->toks[x].b];
		if (ni >= 2)
			m->initials = fold_hash(ini, ni, 0xcbf29ce484222325ull);
	}
	for (int32_t x = b; x < e; x++)
		r->tok_m[x] = r->nm;
	r->nm++;
}

/* The mentions: the tagger's (or the heuristic's) labelled spans, trimmed to names. */
static void
collect_mentions(resolver *r, bool model_used)
{
	ws_doc	   *d = r->d;
	int32_t		n = d->ntoks;

	r->m = ws_arena_alloc(d->arena, sizeof(mrec) * (size_t) (n / 1 + 1));
	r->tok_m = ws_arena_alloc(d->arena, sizeof(int32_t) * (size_t) (n + 1));
	for (int32_t i = 0; i < n; i++)
		r->tok_m[i] = -1;
	for (int32_t i = 0; i < n;)
	{
		uint8_t		y = r->labels[i];
		ws_kind		k;
		int32_t		b = i,
					e;

		if (y == WS_NER_O)
		{
			i++;
			continue;
		}
		if (!(y & 1))
			y = (uint8_t) (y - 1);	/* an I-X without its B-X (not from the decoder) is a B-X */
		e = i + 1;
		while (e < n && r->labels[e] == y + 1 && same_para(d, i, e))
			e++;
		i = e;
		k = label_kind(y);
		if (k == WS_KIND_NONE || !trim_mention(d, k, &b, &e))
			continue;
		if (model_used)
			k = gazetteer_kind(d, k, b, e);
		add_mention(r, b, e, k);
	}
}

/* ------------------------------------------------------------ grouping */

static int32_t
new_actor(resolver *r, int32_t mi)
{
	arec	   *a = &r->a[r->na];

	memset(a, 0, sizeof(*a));
	a->first = mi;
	a->canon = mi;
	a->affil = -1;
	a->role_b = a->role_e = -1;
	return r->na++;
}

static void
add_alias(resolver *r, arec *a, const char *s)
{
	for (int32_t i = 0; i < a->naliases; i++)
		if (strcmp(a->aliases[i], s) == 0)
			return;
	if (a->naliases >= MAX_ALIASES)
		return;
	if (a->aliases == NULL)
		a->aliases = ws_arena_alloc(r->d->arena, sizeof(char *) * MAX_ALIASES);
	a->aliases[a->naliases++] = s;
}

/* An all-capitals token right after "Name (" and before ")". */
static int32_t
paren_acronym(const ws_doc *d, const mrec *m)
{
	int32_t		i = m->e;

	if (i + 2 < d->ntoks && ws_tok_is(d, i, "(") && ws_tok_is(d, i + 2, ")") &&
		(d->toks[i + 1].flags & WS_T_ALLCAPS))
		return i + 1;
	return -1;
}

/* Key of the name without leading place / nationality words, or 0. */
static uint64_t
key_without_place(const resolver *r, const mrec *m)
{
	const ws_doc *d = r->d;
	int32_t		b = m->b;

	while (b < m->e - 1 && (d->toks[b].lex & (WS_LEX_PLACE | WS_LEX_NATIONALITY)))
		b++;
	if (b == m->b)
		return 0;
	{
		const char *s = tokens_text(d, b, m->e);

		return fold_hash(s, (int32_t) strlen(s), 0xcbf29ce484222325ull);
	}
}

/*
 * The person a surname mention m names: the last full name ending in it, of
 * the gender m's honorific gives when there is one ("Mr. Netanyahu" after
 * Sara and Benjamin Netanyahu).
 */
static int32_t
surname_actor(resolver *r, const mrec *m)
{
	int8_t		g = mention_gender(r->d, m);
	int32_t		p = g ? hmap_get(&r->by_last[g], m->last) : -1;

	if (p >= 0)
		return p;
	p = hmap_get(&r->by_last[0], m->last);
	/* "Mrs. Axelrod" is not "David Axelrod" ("Ki Hong" may be Justin Ki Hong) */
	if (p >= 0 && m->b > 0 && is_honorific_tok(r->d, m->b - 1) &&
		ws_mans_name_for_woman(g, mention_gender(r->d, &r->m[r->a[p].canon])))
		return -1;
	return p;
}

/*
 * The actor mention i joins, or -1 for a new one: the same name, a surname or
 * shorter form of a person already named, an acronym of one, or an
 * organisation named without its place.
 */
static int32_t
actor_of_mention(resolver *r, int32_t i)
{
	const ws_doc *d = r->d;
	const mrec *m = &r->m[i];
	int32_t		ac = hmap_get(&r->by_key, m->key);

	if (ac >= 0 && m->kind == WS_PERSON && gender_clash(d, m, &r->m[r->a[ac].canon]))
		ac = -1;				/* "Mrs. Netanyahu", then "Mr. Netanyahu" */
	if (ac < 0 && m->kind == WS_PERSON)
	{
		/* a surname or shorter form of a person already named */
		int32_t		p = surname_actor(r, m);

		if (p >= 0 && r->m[r->a[p].canon].e - r->m[r->a[p].canon].b > m->e - m->b)
			ac = p;
	}
	if (ac < 0 && (d->toks[m->b].flags & WS_T_ALLCAPS) && m->e - m->b == 1)
		ac = hmap_get(&r->by_initials, m->key);
	if (ac < 0 && m->kind != WS_PERSON)
	{
		uint64_t	k2 = key_without_place(r, m);

		if (k2)
			ac = hmap_get(&r->by_key, k2);
	}
	return ac;
}

/* Mention i belongs to actor ac: count it, and index its forms for later mentions. */
static void
index_mention(resolver *r, int32_t i, int32_t ac)
{
	const ws_doc *d = r->d;
	mrec	   *m = &r->m[i];
	int32_t		acro;

	m->actor = ac;
	r->a[ac].nmentions++;
	r->a[ac].votes[m->kind]++;
	hmap_put(&r->by_key, m->key, ac);
	if (m->kind == WS_PERSON)
	{
		arec	   *a = &r->a[ac];

		/* the longest form is canonical */
		if (m->e - m->b > r->m[a->canon].e - r->m[a->canon].b)
			a->canon = i;
		if (m->e - m->b >= 2)
		{
			int8_t		g = mention_gender(d, m);

			hmap_put(&r->by_last[0], m->last, ac);
			if (g != 2)
				hmap_put(&r->by_last[1], m->last, ac);
			if (g != 1)
				hmap_put(&r->by_last[2], m->last, ac);
		}
	}
	else
	{
		uint64_t	k2 = key_without_place(r, m);

		if (k2 && hmap_get(&r->by_key, k2) < 0)
			hmap_put(&r->by_key, k2, ac);
	}
	if (m->initials)
		hmap_put(&r->by_initials, m->initials, ac);
	acro = paren_acronym(d, m);
	if (acro >= 0 && m->kind != WS_PERSON)
	{
		uint64_t	k = fold_hash(WS_TOK_PTR(d, acro), WS_TOK_LEN(d, acro), 0xcbf29ce484222325ull);

		hmap_put(&r->by_key, k, ac);
		r->a[ac].acronym_expanded = true;
	}
}

/* Persons first named by surname alone, full name later, become the full name's actor. */
static void
merge_surname_first(resolver *r)
{
	int32_t    *redirect = ws_arena_alloc(r->d->arena, sizeof(int32_t) * (size_t) (r->na + 1));
	bool		any = false;

	for (int32_t ai = 0; ai < r->na; ai++)
	{
		const mrec *c = &r->m[r->a[ai].canon];
		int32_t		p;

		redirect[ai] = ai;
		if (c->kind != WS_PERSON || c->e - c->b != 1)
			continue;
		p = surname_actor(r, c);
		if (p >= 0 && p != ai && r->m[r->a[p].canon].e - r->m[r->a[p].canon].b > 1)
		{
			redirect[ai] = p;
			any = true;
		}
	}
	if (!any)
		return;
	for (int32_t ai = 0; ai < r->na; ai++)
	{
		memset(r->a[ai].votes, 0, sizeof(r->a[ai].votes));
		r->a[ai].nmentions = 0;
		r->a[ai].first = -1;
	}
	for (int32_t i = 0; i < r->nm; i++)
	{
		arec	   *a;

		r->m[i].actor = redirect[r->m[i].actor];
		a = &r->a[r->m[i].actor];
		a->nmentions++;
		a->votes[r->m[i].kind]++;
		if (a->first < 0)
			a->first = i;
	}
}

/* Group the mentions, in text order, into actors. */
static void
group(resolver *r)
{
	ws_doc	   *d = r->d;

	r->a = ws_arena_alloc(d->arena, sizeof(arec) * (size_t) (r->nm + 1));
	hmap_init(d->arena, &r->by_key, r->nm * 2);
	for (int g = 0; g < 3; g++)
		hmap_init(d->arena, &r->by_last[g], r->nm);
	hmap_init(d->arena, &r->by_initials, r->nm);
	for (int32_t i = 0; i < r->nm; i++)
	{
		int32_t		ac;

		if (i % 4096 == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		ac = actor_of_mention(r, i);
		if (ac < 0)
			ac = new_actor(r, i);
		index_mention(r, i, ac);
	}
	merge_surname_first(r);
}

/* ------------------------------------------------------------ entities */

/* The mentions, with the tagger's kinds, as the entity layer and the output read them. */
static ws_actors *
mention_view(const resolver *r)
{
	const ws_doc *d = r->d;
	ws_actors  *v = ws_arena_alloc(d->arena, sizeof(ws_actors));

	v->mentions = ws_arena_alloc(d->arena, sizeof(ws_mention) * (size_t) (r->nm + 1));
	v->nmentions = r->nm;
	for (int32_t i = 0; i < r->nm; i++)
	{
		ws_mention *o = &v->mentions[i];

		o->tok_b = r->m[i].b;
		o->tok_e = r->m[i].e;
		o->span = ws_tok_span(d, o->tok_b, o->tok_e);
		o->kind = r->m[i].kind;
		o->actor = -1;
	}
	return v;
}

static int32_t
root(int32_t *parent, int32_t x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/*
 * Count each actor's mentions and kinds again after a regrouping: votes go by
 * the entity's kind where the entity layer knows it, and a person's longest
 * form is canonical.
 */
static void
recount(resolver *r)
{
	for (int32_t ai = 0; ai < r->na; ai++)
	{
		memset(r->a[ai].votes, 0, sizeof(r->a[ai].votes));
		r->a[ai].nmentions = 0;
		r->a[ai].first = -1;
	}
	for (int32_t i = 0; i < r->nm; i++)
	{
		const mrec *m = &r->m[i];
		arec	   *a = &r->a[m->actor];

		a->nmentions++;
		a->votes[m->ent_kind != WS_KIND_NONE ? m->ent_kind : m->kind]++;
		if (a->first < 0)
		{
			a->first = i;
			a->canon = i;
		}
		else if (m->e - m->b > r->m[a->canon].e - r->m[a->canon].b &&
				 (m->kind == WS_PERSON || m->ent_kind == WS_PERSON))
			a->canon = i;
	}
}

/*
 * One entity, one actor: actors whose mentions name one entity of the
 * entity layer (a surname, a first name, a company's short form joined to
 * the full name) become one, named by the entity's fullest name and of its
 * kind. Linear: a union of actors by entity.
 */
static void
join_entities(resolver *r)
{
	ws_arena   *arena = r->d->arena;
	int32_t    *ent = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (r->nm + 1));
	ws_kind    *kind = ws_arena_alloc(arena, sizeof(ws_kind) * (size_t) (r->nm + 1));
	int32_t    *parent = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (r->na + 1));
	int32_t		nents = ws_entities_of_mentions(r->entities, r->view, ent, kind);
	int32_t    *actor_of = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (nents + 1));

	for (int32_t ai = 0; ai < r->na; ai++)
		parent[ai] = ai;
	for (int32_t k = 0; k < nents; k++)
		actor_of[k] = -1;
	for (int32_t i = 0; i < r->nm; i++)
	{
		int32_t		x,
					y;

		r->m[i].ent = ent[i];
		r->m[i].ent_kind = kind[i];
		if (ent[i] < 0)
			continue;
		if (actor_of[ent[i]] < 0)
			actor_of[ent[i]] = r->m[i].actor;
		x = root(parent, actor_of[ent[i]]);
		y = root(parent, r->m[i].actor);
		if (x != y)
			parent[x > y ? x : y] = x < y ? x : y;	/* the actor named first stays */
	}
	for (int32_t i = 0; i < r->nm; i++)
		r->m[i].actor = root(parent, r->m[i].actor);
	recount(r);
	for (int32_t i = 0; i < r->nm; i++)
	{
		arec	   *a = &r->a[r->m[i].actor];
		int32_t		words;
		const char *name;

		if (ent[i] < 0)
			continue;
		name = ws_entity_text(r->entities, ent[i], &words);
		/* "Woods" where "Tiger Woods" went untagged, "Electronics Co." cut short */
		if (words > r->m[a->canon].e - r->m[a->canon].b && words > a->ent_words &&
			kind[i] != WS_KIND_NONE)
		{
			a->ent_name = name;
			a->ent_words = words;
			a->ent_kind = kind[i];
		}
	}
}

/* ------------------------------------------------------------ roles */

static bool
role_word_ok(const resolver *r, int32_t i)
{
	const ws_tok *t = &r->d->toks[i];

	return (t->flags & WS_T_WORD) && !(t->flags & (WS_T_NUM | WS_T_POSSESSIVE | WS_T_QUOTE)) &&
		!(t->lex & (WS_LEX_FUNCTION | WS_LEX_SPEECH | WS_LEX_PRONOUN)) && r->tok_m[i] < 0 &&
		!(t->flags & WS_T_ALLCAPS);
}

static bool
has_role_word(const resolver *r, int32_t b, int32_t e)
{
	for (int32_t i = b; i < e; i++)
		if (r->d->toks[i].lex & WS_LEX_ROLE)
			return true;
	return false;
}

/* First organisation or place mention starting within a few tokens of i. */
static int32_t
affiliation_after(const resolver *r, int32_t i)
{
	const ws_doc *d = r->d;

	for (int32_t k = i; k < i + 4 && k < d->ntoks && same_para(d, i, k); k++)
	{
		int32_t		mi = r->tok_m[k];

		if (mi >= 0 && r->m[mi].kind != WS_PERSON)
			return mi;
		if (ws_tok_is(d, k, ",") || ws_tok_is(d, k, ".") || (d->toks[k].lex & WS_LEX_SPEECH))
			break;
	}
	return -1;
}

/* Organisation mention ending right before token i (possessive allowed). */
static int32_t
org_before(const resolver *r, int32_t i)
{
	const ws_doc *d = r->d;
	int32_t		k = i - 1;

	if (k >= 0 && (d->toks[k].flags & WS_T_POSSESSIVE))
		k--;
	if (k >= 0 && r->tok_m[k] >= 0 && r->m[r->tok_m[k]].kind != WS_PERSON && same_para(d, k, i))
		return r->tok_m[k];
	return -1;
}

/* "their" / "its": the last organisation named bare (not after "the"). */
static int32_t
org_antecedent(const resolver *r, int32_t before_mention)
{
	for (int32_t j = before_mention - 1; j >= 0 && j >= before_mention - 8; j--)
		if (r->m[j].kind == WS_ORGANIZATION && !ws_tok_is(r->d, r->m[j].b - 1, "the"))
			return j;
	return -1;
}

static void
set_role(resolver *r, int32_t mi, int32_t rb, int32_t re, int32_t affil)
{
	arec	   *a = &r->a[r->m[mi].actor];

	if (a->role_b >= 0)
		return;
	a->role_b = rb;
	a->role_e = re;
	if (affil >= 0 && r->m[affil].actor != r->m[mi].actor)
		a->affil = affil;
}

static void
find_roles(resolver *r)
{
	ws_doc	   *d = r->d;

	for (int32_t mi = 0; mi < r->nm; mi++)
	{
		mrec	   *m = &r->m[mi];
		int32_t		j,
					rb,
					re,
					affil = -1;

		if (m->kind != WS_PERSON || r->a[m->actor].role_b >= 0)
			continue;

		/* apposition / copula after: ", the director general of MI5" */
		j = m->e;
		if (ws_tok_is(d, j, ",") || ws_tok_is(d, j, "is") || ws_tok_is(d, j, "was"))
		{
			j++;
			if (ws_tok_in(d, j, ws_qw_role_determiners))
				j++;
			if (same_para(d, m->b, j) && r->tok_m[j] >= 0 && r->m[r->tok_m[j]].kind != WS_PERSON &&
				(d->toks[r->m[r->tok_m[j]].e].flags & WS_T_POSSESSIVE))
			{
				affil = r->tok_m[j];	/* ", Google's chief legal officer" */
				j = r->m[affil].e + 1;
			}
			rb = j;
			while (j < d->ntoks && j - rb < ROLE_MAX && same_para(d, m->b, j) && role_word_ok(r, j))
				j++;
			re = j;
			if (re > rb && has_role_word(r, rb, re))
			{
				/* "Director for Operations": a capitalised complement */
				if ((ws_tok_is(d, re, "for") || ws_tok_is(d, re, "of")) &&
					(d->toks[re + 1 < d->ntoks ? re + 1 : re].flags & WS_T_CAP) &&
					re + 1 < d->ntoks && role_word_ok(r, re + 1) &&
					(d->toks[rb].flags & WS_T_CAP))
					re += 2;
				if (affil < 0 && ws_tok_in(d, re, ws_qw_affiliation_prepositions))
					affil = affiliation_after(r, re + 1);
				set_role(r, mi, rb, re, affil);
				continue;
			}
			affil = -1;
		}

		/* premodifier before: "Twitter chief executive Jack Dorsey" */
		j = m->b - 1;
		if (ws_tok_is(d, j, ","))
			j--;
		re = j + 1;
		while (j >= 0 && re - j <= ROLE_MAX && same_para(d, j, m->b) && role_word_ok(r, j) &&
			   !is_honorific_tok(d, j))
			j--;
		rb = j + 1;
		if (re > rb && has_role_word(r, rb, re))
		{
			affil = org_before(r, rb);
			if (affil < 0 && (ws_tok_is(d, rb - 1, "their") || ws_tok_is(d, rb - 1, "its")))
				affil = org_antecedent(r, mi);
			if (re < m->b || affil >= 0 || ws_tok_in(d, rb - 1, ws_qw_role_determiners) || rb == 0 ||
				(d->toks[rb].flags & WS_T_SENT_START) || ws_tok_is(d, rb - 1, ","))
				set_role(r, mi, rb, re, affil);
		}
	}
}

/* ------------------------------------------------------------ output */

/*
 * The mentions grouped by actor (counting sort, so the work stays linear):
 * actor ai's are bya[start[ai]] .. bya[start[ai + 1] - 1], in text order.
 */
static void
group_by_actor(resolver *r, int32_t **startp, int32_t **byap)
{
	ws_arena   *arena = r->d->arena;
	int32_t    *start = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (r->na + 2));
	int32_t    *bya = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (r->nm + 1));
	int32_t    *fill = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (r->na + 1));

	for (int32_t i = 0; i < r->nm; i++)
		start[r->m[i].actor + 1]++;
	for (int32_t ai = 0; ai < r->na; ai++)
		start[ai + 1] += start[ai];
	for (int32_t i = 0; i < r->nm; i++)
	{
		int32_t		ac = r->m[i].actor;

		bya[start[ac] + fill[ac]++] = i;
	}
	*startp = start;
	*byap = bya;
}

/*
 * The mention naming actor ai: its canonical one, or for an organisation or
 * place a form without a leading place word, an expansion of its acronym.
 */
static int32_t
naming_mention(const resolver *r, int32_t ai, const int32_t *start, const int32_t *bya)
{
	const ws_doc *d = r->d;
	int32_t		canon = r->a[ai].canon;

	for (int32_t q = start[ai]; q < start[ai + 1]; q++)
	{
		int32_t		j = bya[q];
		const mrec *m = &r->m[j];
		const mrec *c = &r->m[canon];

		if ((d->toks[c->b].flags & WS_T_ALLCAPS) && c->e - c->b == 1 && m->e - m->b > 1)
			canon = j;
		else if ((d->toks[c->b].lex & (WS_LEX_PLACE | WS_LEX_NATIONALITY)) && c->e - c->b > 1 &&
				 m->e - m->b < c->e - c->b && m->e - m->b > 1 &&
				 !(d->toks[m->b].lex & (WS_LEX_PLACE | WS_LEX_NATIONALITY)))
			canon = j;
	}
	return canon;
}

/* Actor ai's other forms in the text (and an organisation's acronym) as x's aliases. */
static void
collect_aliases(resolver *r, int32_t ai, ws_actor *x, int32_t canon, const int32_t *start, const int32_t *bya)
{
	const ws_doc *d = r->d;
	arec	   *a = &r->a[ai];

	x->aliases = ws_arena_alloc(d->arena, sizeof(char *) * MAX_ALIASES);
	a->aliases = NULL;
	a->naliases = 0;
	for (int32_t q = start[ai]; q < start[ai + 1]; q++)
	{
		int32_t		j = bya[q];
		const mrec *m = &r->m[j];
		int32_t		acro;

		if (strcmp(m->surface, x->name) != 0)
			add_alias(r, a, m->surface);
		if (m->alias != m->surface && strcmp(m->alias, x->name) != 0)
			add_alias(r, a, m->alias);
		if (j == canon || m->kind == WS_PERSON)
			continue;
		acro = paren_acronym(d, m);
		if (acro >= 0)
		{
			const char *s = tokens_text(d, acro, acro + 1);

			if (strcmp(s, x->name) != 0)
				add_alias(r, a, s);
		}
	}
	for (int32_t k = 0; k < a->naliases; k++)
		x->aliases[k] = a->aliases[k];
	x->naliases = a->naliases;
}

/* Actor ai as the caller sees it: kind by vote, name, first mention, role, aliases. */
static void
output_actor(resolver *r, int32_t ai, ws_actor *x, const int32_t *start, const int32_t *bya)
{
	const ws_doc *d = r->d;
	arec	   *a = &r->a[ai];
	int			best = 1;
	int32_t		canon = a->canon;

	for (int k = 2; k <= 3; k++)
		if (a->votes[k] > a->votes[best])
			best = k;
	x->kind = (ws_kind) best;
	if (x->kind != WS_PERSON)
		canon = naming_mention(r, ai, start, bya);
	x->name = r->m[canon].surface;
	if (a->ent_name && x->kind == a->ent_kind)
		x->name = a->ent_name;
	x->nmentions = a->nmentions;
	x->first = ws_tok_span(d, r->m[a->first].b, r->m[a->first].e);
	x->quoted = false;
	if (a->role_b >= 0)
		x->role = tokens_text(d, a->role_b, a->role_e);
	collect_aliases(r, ai, x, canon, start, bya);
}

static ws_actors *
build_output(resolver *r)
{
	ws_doc	   *d = r->d;
	ws_actors  *out = ws_arena_alloc(d->arena, sizeof(ws_actors));
	int32_t    *remap = ws_arena_alloc(d->arena, sizeof(int32_t) * (size_t) (r->na + 1));
	int32_t    *start,
			   *bya;

	out->mentions = r->view->mentions;
	out->entities = r->entities;
	out->actors = ws_arena_alloc(d->arena, sizeof(ws_actor) * (size_t) (r->na + 1));
	out->nmentions = r->nm;
	/* actors in order of first mention */
	for (int32_t i = 0; i < r->na; i++)
		remap[i] = -1;
	for (int32_t i = 0; i < r->nm; i++)
	{
		int32_t		ac = r->m[i].actor;

		if (remap[ac] < 0)
			remap[ac] = out->nactors++;
	}
	group_by_actor(r, &start, &bya);
	for (int32_t ai = 0; ai < r->na; ai++)
		if (remap[ai] >= 0)
			output_actor(r, ai, &out->actors[remap[ai]], start, bya);
	for (int32_t ai = 0; ai < r->na; ai++)
		if (remap[ai] >= 0 && r->a[ai].affil >= 0)
		{
			int32_t		t = remap[r->m[r->a[ai].affil].actor];

			if (t >= 0 && t != remap[ai])
				out->actors[remap[ai]].affiliation = out->actors[t].name;
		}
	for (int32_t i = 0; i < r->nm; i++)
	{
		ws_mention *o = &out->mentions[i];
		const mrec *m = &r->m[i];

		o->tok_b = m->b;
		o->tok_e = m->e;
		o->span = ws_tok_span(d, m->b, m->e);
		o->actor = remap[m->actor];
		o->kind = m->kind;		/* the tagger's: unifying it costs CoNLL F1 (0.9125 -> 0.9079) */
	}
	return out;
}

ws_actors *
ws_find_actors(ws_doc *d, const ws_model *model)
{
	resolver	r;

	memset(&r, 0, sizeof(r));
	r.d = d;
	if (d->ntoks == 0)
		return ws_arena_alloc(d->arena, sizeof(ws_actors));
	r.labels = ws_arena_alloc(d->arena, (size_t) d->ntoks + 1);
	if (model)
		ws_ner_tag(model, d, r.labels);
	else
		heuristic_labels(d, r.labels);
	collect_mentions(&r, model != NULL);
	group(&r);
	r.view = mention_view(&r);
	r.entities = ws_entities_names(d, r.view);
	join_entities(&r);
	find_roles(&r);
	return build_output(&r);
}

/* ------------------------------------------------------------ look-ups */

int32_t
ws_actor_at(const ws_actors *a, int32_t tok_b, int32_t tok_e)
{
	int32_t		lo;

	if (a == NULL || a->nmentions == 0 || tok_e <= tok_b)
		return -1;
	/* mentions are disjoint and in text order: first one ending after tok_b */
	lo = ws_lower_bound(a->mentions, a->nmentions, sizeof(ws_mention), offsetof(ws_mention, tok_e),
						tok_b + 1);
	if (lo < a->nmentions && a->mentions[lo].tok_b < tok_e)
		return a->mentions[lo].actor;
	return -1;
}

static bool
fold_eq(const char *x, int32_t xn, const char *y)
{
	char		bx[256],
				by[256];
	int32_t		yn = (int32_t) strlen(y);
	int32_t		nx = ws_fold(x, xn, bx, sizeof(bx));
	int32_t		ny = ws_fold(y, yn, by, sizeof(by));

	return nx == ny && memcmp(bx, by, nx) == 0;
}

static int32_t
by_exact_name(const ws_actors *a, const char *s, int32_t len)
{
	for (int32_t i = 0; i < a->nactors; i++)
	{
		if (fold_eq(s, len, a->actors[i].name))
			return i;
		for (int32_t k = 0; k < a->actors[i].naliases; k++)
			if (fold_eq(s, len, a->actors[i].aliases[k]))
				return i;
	}
	return -1;
}

int32_t
ws_actor_by_name(const ws_actors *a, const char *s, int32_t len)
{
	int32_t		sp,
				r;

	if (a == NULL || s == NULL || len <= 0)
		return -1;
	while (len > 0 && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t'))
		len--;
	if (len <= 0)
		return -1;
	if ((r = by_exact_name(a, s, len)) >= 0)
		return r;
	/* then without a possessive clitic and a leading honorific */
	if (len > 2 && s[len - 1] == 's' && s[len - 2] == '\'')
		len -= 2;
	else if (len > 4 && s[len - 1] == 's' && memcmp(s + len - 4, "\xE2\x80\x99", 3) == 0)
		len -= 4;
	for (sp = 0; sp < len && s[sp] != ' '; sp++)
		;
	if (sp < len)
	{
		int32_t		hl = (sp > 0 && s[sp - 1] == '.') ? sp - 1 : sp;

		if (hl > 0 && (ws_lex_classes(s, hl) & WS_LEX_HONORIFIC) &&
			!(ws_lex_classes(s, hl) & (WS_LEX_MALE | WS_LEX_FEMALE)))
		{
			s += sp + 1;
			len -= sp + 1;
		}
	}
	if (len <= 0)
		return -1;
	if ((r = by_exact_name(a, s, len)) >= 0)
		return r;
	/* a person's surname */
	for (int32_t i = 0; i < a->nactors; i++)
	{
		const char *nm = a->actors[i].name;
		const char *last = strrchr(nm, ' ');

		if (a->actors[i].kind == WS_PERSON && last && fold_eq(s, len, last + 1))
			return i;
	}
	return -1;
}
