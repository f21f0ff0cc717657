/*
 * ner_consistency.c — document-level consistency of the tagger's output.
 *
 * The tagger decides each token left to right; a name can come out a person
 * in one sentence and an organisation in the next, or `Tiger Woods` an
 * organisation while `Woods` is a person. This pass, run on the decoded
 * labels of one document (ws_ner_tag calls it last), makes a person's name
 * one person:
 *
 *  1. a one-word name that is the last word of a person's full name in the
 *     document (`Woods` after `Tiger Woods`) is a person;
 *  2. a full name whose last word is tagged a person on its own elsewhere
 *     (`Tiger Woods` with `Woods` a person) is a person, unless it ends in
 *     an organisation or place word (`Woods Foundation`, `Woods Hole`);
 *  3. a name tagged a person more often than anything else in the document
 *     is a person everywhere, and one tagged a person less often than some
 *     other kind is that kind (ties go to its first occurrence). Between
 *     organisation, place and miscellaneous nothing is changed: a city is a
 *     team on the sports page and a place on the next, and the tagger reads
 *     that from the context better than a vote does;
 *  4. a capitalised word left untagged that is a person's surname in the
 *     document, and not part of a longer capitalised run, becomes a person.
 *
 * Each rule was kept because it measured better on CoNLL-2003 testa and the
 * GUM held-out documents (docs/tagger.md); a title or first name forcing a
 * person, and a vote among all kinds, measured worse and are features of
 * the model instead (title and first-name evidence) or left out.
 *
 * Linear in the number of tokens: names are keyed by the hash of their exact
 * words in one open-addressing table.
 */
#include "lexicon.h"
#include "ner.h"


typedef struct span
{
	int32_t		b,
				e;				/* tokens [b, e) */
	uint32_t	key;			/* exact words */
	uint32_t	last;			/* exact last word */
	uint8_t		type;			/* 1 PER 2 ORG 3 LOC 4 MISC */
} span;

typedef struct slot
{
	uint32_t	key;			/* 0: empty */
	int32_t		votes[5];		/* per type, weighted */
	int32_t		first;			/* type of the first occurrence */
	int32_t		single_per;		/* one-word spans of these words tagged PER */
	int32_t		surname;		/* last word of a multi-word PER span */
} slot;

typedef struct table
{
	slot	   *s;
	uint32_t	mask;
} table;

static uint32_t
words_key(const ws_doc *d, int32_t b, int32_t e)
{
	uint32_t	h = 2166136261u;

	for (int32_t i = b; i < e; i++)
	{
		const unsigned char *s = (const unsigned char *) WS_TOK_PTR(d, i);
		int32_t		n = WS_TOK_LEN(d, i);

		for (int32_t k = 0; k < n; k++)
			h = (h ^ s[k]) * 16777619u;
		h = (h ^ 0x20) * 16777619u;
	}
	return h | 1;				/* never 0, the empty marker */
}

static slot *
lookup(table *t, uint32_t key, bool add)
{
	uint32_t	i = ws_mix32(key) & t->mask;

	while (t->s[i].key != 0)
	{
		if (t->s[i].key == key)
			return &t->s[i];
		i = (i + 1) & t->mask;
	}
	if (!add)
		return NULL;
	t->s[i].key = key;
	return &t->s[i];
}

static inline uint8_t
type_of(uint8_t label)
{
	return label == WS_NER_O ? 0 : (uint8_t) ((label + 1) / 2);
}

/* the kind a name gets most votes for; ties to its first occurrence */
static uint8_t
vote(const slot *sl)
{
	int32_t		best = sl->first;

	for (int y = 1; y <= 4; y++)
		if (sl->votes[y] > sl->votes[best])
			best = y;
	return (uint8_t) best;
}

static void
relabel(uint8_t *labels, const span *sp, uint8_t type)
{
	labels[sp->b] = (uint8_t) (2 * type - 1);
	for (int32_t i = sp->b + 1; i < sp->e; i++)
		labels[i] = (uint8_t) (2 * type);
}

/* Spans, as the actor resolver reads them: B-X I-X* within a line. Returns their number. */
static int32_t
collect_spans(const ws_doc *d, const uint8_t *labels, span *sp)
{
	int32_t		n = d->ntoks,
				nsp = 0;

	for (int32_t i = 0; i < n;)
	{
		uint8_t		ty = type_of(labels[i]);
		int32_t		j = i + 1;

		if (ty == 0)
		{
			i++;
			continue;
		}
		while (j < n && labels[j] == 2 * ty && d->toks[j].para == d->toks[i].para)
			j++;
		sp[nsp].b = i;
		sp[nsp].e = j;
		sp[nsp].type = ty;
		sp[nsp].key = words_key(d, i, j);
		sp[nsp].last = words_key(d, j - 1, j);
		nsp++;
		i = j;
	}
	return nsp;
}

/* Votes and person-name parts of every name. */
static void
count_names(table *t, const span *sp, int32_t nsp)
{
	for (int32_t k = 0; k < nsp; k++)
	{
		const span *s = &sp[k];
		slot	   *sl;

		if (k % 4096 == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		sl = lookup(t, s->key, true);
		if (sl->first == 0)
			sl->first = s->type;
		sl->votes[s->type]++;
		if (s->type == 1 && s->e - s->b == 1)
			sl->single_per++;
		if (s->type == 1 && s->e - s->b >= 2)
			lookup(t, s->last, true)->surname++;
	}
}

/* Rules 1-3: surnames, full names of a surname, and the vote. */
static void
settle_names(const ws_doc *d, uint8_t *labels, table *t, span *sp, int32_t nsp)
{
	for (int32_t k = 0; k < nsp; k++)
	{
		span	   *s = &sp[k];
		slot	   *sl = lookup(t, s->key, false);
		slot	   *last = lookup(t, s->last, false);
		uint8_t		ty;

		if (s->e - s->b == 1 && sl->surname > 0)
			ty = 1;
		else if (s->e - s->b >= 2 && s->type != 1 &&
				 !(d->toks[s->e - 1].lex & (WS_LEX_ORGWORD | WS_LEX_PLACE)) &&
				 last != NULL && last->single_per > 0)
			ty = 1;
		else
		{
			ty = vote(sl);
			if (ty != 1 && s->type != 1)
				ty = s->type;
		}
		if (ty != s->type)
		{
			s->type = ty;
			relabel(labels, s, ty);
		}
	}
}

/*
 * 5. a one-word name opening a sentence (or a quotation that opens one)
 * that is a role noun, a closed-class word or a sentence adverb
 * (`Officials told`, `"No comment,"`, `Instead,`) is no name; 6. a word
 * inside a sentence left untagged or tagged miscellaneous on its own that
 * is a one-word organisation name of the lexicon (`called on Facebook`,
 * `Facebook's chief`) is that organisation; 7. an untagged word opening a
 * sentence before a colon and a quotation mark (`Clinton: "…"`) is a
 * person.
 */
static void
settle_single_words(const ws_doc *d, uint8_t *labels)
{
	int32_t		n = d->ntoks;

	for (int32_t i = 0; i < n; i++)
	{
		const ws_tok *tk = &d->toks[i];
		bool		alone = (i + 1 >= n || labels[i + 1] != labels[i] + 1 ||
							 d->toks[i + 1].para != tk->para);
		bool		initial = (tk->flags & (WS_T_SENT_START | WS_T_PARA_START)) ||
			(i > 0 && (d->toks[i - 1].flags & WS_T_QUOTE) &&
			 (d->toks[i - 1].flags & (WS_T_SENT_START | WS_T_PARA_START)));

		/* sentence adverbs the lexicon's closed-class list lacks (data/lexicons: tagger_adverbs) */
		if ((labels[i] & 1) && alone && initial &&
			((tk->lex & (WS_LEX_ROLE | WS_LEX_FUNCTION)) || ws_tok_in(d, i, ws_qw_tagger_adverbs)) &&
			!(tk->lex & (WS_LEX_MALE | WS_LEX_FEMALE)))
			labels[i] = WS_NER_O;
		else if ((labels[i] == WS_NER_O || (labels[i] == WS_NER_B_MISC && alone)) &&
				 (tk->lex & WS_LEX_ORG) && (tk->flags & WS_T_CAP) &&
				 (!(tk->flags & (WS_T_SENT_START | WS_T_PARA_START)) ||
				  (i + 1 < n && (d->toks[i + 1].flags & WS_T_POSSESSIVE))) &&
				 (i == 0 || labels[i - 1] == WS_NER_O || d->toks[i - 1].para != tk->para) &&
				 (i + 1 >= n || !(d->toks[i + 1].flags & WS_T_CAP) || d->toks[i + 1].para != tk->para))
			labels[i] = WS_NER_B_ORG;
		else if (labels[i] == WS_NER_O && (tk->flags & WS_T_CAP) && !(tk->lex & WS_LEX_FUNCTION) &&
				 (tk->flags & (WS_T_SENT_START | WS_T_PARA_START)) && i + 2 < n &&
				 WS_TOK_LEN(d, i + 1) == 1 && d->text[d->toks[i + 1].b] == ':' &&
				 (d->toks[i + 2].flags & WS_T_QUOTE))
			labels[i] = WS_NER_B_PER;
	}
}

/* 4. untagged surnames */
static void
tag_surnames(const ws_doc *d, uint8_t *labels, table *t)
{
	int32_t		n = d->ntoks;

	for (int32_t i = 0; i < n; i++)
	{
		const ws_tok *tk = &d->toks[i];
		slot	   *sl;

		if (labels[i] != WS_NER_O || !(tk->flags & WS_T_CAP) || (tk->flags & WS_T_ALLCAPS))
			continue;
		if (i + 1 < n && (d->toks[i + 1].flags & WS_T_CAP) && d->toks[i + 1].para == tk->para)
			continue;
		if (i > 0 && labels[i - 1] != WS_NER_O && d->toks[i - 1].para == tk->para)
			continue;
		sl = lookup(t, words_key(d, i, i + 1), false);
		if (sl != NULL && sl->surname > 0)
			labels[i] = WS_NER_B_PER;
	}
}

void
ws_ner_consistency(const ws_doc *d, uint8_t *labels)
{
	int32_t		nsp;
	span	   *sp;
	table		t;
	uint32_t	size = 16;

	if (d->ntoks == 0)
		return;
	sp = ws_arena_alloc(d->arena, sizeof(span) * (size_t) d->ntoks);
	nsp = collect_spans(d, labels, sp);
	if (nsp == 0)
		return;
	while (size < (uint32_t) nsp * 4)
		size <<= 1;
	t.s = ws_arena_alloc(d->arena, sizeof(slot) * size);
	t.mask = size - 1;
	count_names(&t, sp, nsp);
	settle_names(d, labels, &t, sp, nsp);
	settle_single_words(d, labels);
	tag_surnames(d, labels, &t);
}
