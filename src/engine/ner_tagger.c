/*
 * ner_tagger.c — the named-entity tagger: hashed features over the
 * engine's own tokens, scored by an averaged-perceptron model (ner_model.c)
 * and decoded greedily left to right under BIO constraints.
 *
 * Features of token i: its folded form, exact-case form, shape, affixes,
 * casing and position flags, lexicon classes (ws_tok.lex), gazetteer
 * phrase marks, the words and shapes of a ±2 window, the two previous
 * labels, whether the word also occurs in lower case in the document, the
 * label the document last gave the same word ("history"), and name evidence
 * from all of the word's occurrences (after a title, after a first name,
 * before an organisation word; enum doc_evidence). Training
 * (src/cli/train.c) calls the same ws_ner_features, so what is learnt is
 * exactly what is seen at run time.
 */
#include "lexicon.h"
#include "ner.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define INTERRUPT_EVERY 4096

typedef struct tok_feats
{
	uint32_t	shape;			/* collapsed word shape (Xx, X.X., dd-dd) */
	uint32_t	exact;			/* case-sensitive form */
	uint32_t	pre2,
				pre3,
				suf2,
				suf3,
				suf4;
	uint8_t		len;			/* code points, capped */
	uint8_t		gaz_b,
				gaz_i;
	uint8_t		lower_seen;		/* capitalised, and seen in lower case elsewhere */
	uint8_t		caps_para;		/* the whole line is upper case (headline) */
	uint8_t		doc_ev;			/* enum doc_evidence, over every occurrence */
} tok_feats;

/*
 * Name evidence gathered over the whole document for a capitalised word, so
 * that `Woods` in `Tiger Woods` knows of a `Mr Woods` further on.
 */
enum doc_evidence
{
	EV_AFTER_TITLE = 1 << 0,	/* some occurrence follows an honorific (Mr Woods) */
	EV_AFTER_FIRST = 1 << 1,	/* ... follows a capitalised first name */
	EV_BEFORE_ORGWORD = 1 << 2, /* ... precedes an organisation word (Woods Inc) */
	EV_FIRST_NAME = 1 << 3,		/* a first name followed by a capitalised word */
};

struct ws_ner_doc
{
	const ws_doc *d;
	tok_feats  *tf;
	/* history: word hash -> last entity type given to it (1..4), 0 none */
	uint32_t   *hist_key;
	uint8_t    *hist_val;
	uint32_t	hist_mask;
};

/* ------------------------------------------------------------ hashing */

static inline uint32_t
F1(uint32_t tmpl, uint32_t a)
{
	return ws_mix32(a * 0x9E3779B1u ^ (tmpl * 0x27d4eb2fu + 0x165667b1u));
}

static inline uint32_t
F2(uint32_t tmpl, uint32_t a, uint32_t b)
{
	return ws_mix32(F1(tmpl, a) ^ (b * 0x85ebca77u + 0x2f7a1c3du));
}

static inline uint32_t
F3(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
	return ws_mix32(F2(tmpl, a, b) ^ (c * 0xc2b2ae3du + 0x61c88647u));
}

static uint32_t
bytes_hash(const char *s, int32_t n)
{
	uint32_t	h = 2166136261u;

	for (int32_t i = 0; i < n; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 16777619u;
	}
	return h ^ (uint32_t) n;
}

/* ------------------------------------------------------------ per token */

static void
token_feats(const ws_doc *d, int32_t i, tok_feats *f)
{
	const char *s = WS_TOK_PTR(d, i);
	int32_t		len = WS_TOK_LEN(d, i);
	char		shape[32];
	int32_t		ns = 0;
	char		fold[64];
	int32_t		nf;
	int32_t		ncp = 0;

	for (int32_t j = 0; j < len;)
	{
		UChar32		c;
		char		k;

		U8_NEXT(s, j, len, c);
		ncp++;
		if (c < 0)
			k = '?';
		else if (c < 0x80)
		{
			if (c >= 'A' && c <= 'Z')
				k = 'X';
			else if (c >= 'a' && c <= 'z')
				k = 'x';
			else if (c >= '0' && c <= '9')
				k = 'd';
			else
				k = (char) c;
		}
		else if (u_isupper(c) || u_istitle(c))
			k = 'X';
		else if (u_isalpha(c))
			k = 'x';
		else if (u_isdigit(c))
			k = 'd';
		else if (c == 0x2019)
			k = '\'';
		else
			k = 'o';
		/* collapse runs: Xxxxx -> Xx, ddd -> d */
		if (ns > 0 && shape[ns - 1] == k)
			continue;
		if (ns < (int32_t) sizeof(shape))
			shape[ns++] = k;
	}
	f->shape = bytes_hash(shape, ns);
	f->exact = bytes_hash(s, len < 64 ? len : 64);
	f->len = (uint8_t) (ncp > 12 ? 12 : ncp);
	nf = ws_fold(s, len, fold, sizeof(fold));
	f->pre2 = nf >= 2 ? bytes_hash(fold, 2) : 0;
	f->pre3 = nf >= 3 ? bytes_hash(fold, 3) : 0;
	f->suf2 = nf >= 2 ? bytes_hash(fold + nf - 2, 2) : 0;
	f->suf3 = nf >= 3 ? bytes_hash(fold + nf - 3, 3) : 0;
	f->suf4 = nf >= 4 ? bytes_hash(fold + nf - 4, 4) : 0;
}

/*
 * Which capitalised words also occur in lower case in the document (lower is
 * an empty open-addressing set of lmask + 1 slots; 0 is its empty marker, so
 * a word hashing to 0 is lost).
 */
static void
mark_lower_seen(ws_ner_doc *nd, uint32_t *lower, uint32_t lmask)
{
	const ws_doc *d = nd->d;

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		const ws_tok *t = &d->toks[i];

		if ((t->flags & WS_T_WORD) && !(t->flags & WS_T_CAP) && t->hash != 0)
		{
			uint32_t	s = ws_mix32(t->hash) & lmask;

			while (lower[s] != 0 && lower[s] != t->hash)
				s = (s + 1) & lmask;
			lower[s] = t->hash;
		}
	}
	for (int32_t i = 0; i < d->ntoks; i++)
	{
		const ws_tok *t = &d->toks[i];

		if ((t->flags & WS_T_CAP) && t->hash != 0)
		{
			uint32_t	s = ws_mix32(t->hash) & lmask;

			while (lower[s] != 0 && lower[s] != t->hash)
				s = (s + 1) & lmask;
			nd->tf[i].lower_seen = lower[s] == t->hash;
		}
	}
}

/*
 * Document evidence (enum doc_evidence): gathered per exact word, then handed
 * back to every occurrence. ek / ev: an empty set of mask + 1 slots.
 */
static void
mark_doc_evidence(ws_ner_doc *nd, uint32_t *ek, uint8_t *ev, uint32_t mask)
{
	const ws_doc *d = nd->d;
	int32_t		n = d->ntoks;

	for (int pass = 0; pass < 2; pass++)
		for (int32_t i = 0; i < n; i++)
		{
			const ws_tok *t = &d->toks[i];
			uint32_t	key = nd->tf[i].exact | 1;
			uint8_t		bits = 0;
			uint32_t	s;

			if (!(t->flags & WS_T_CAP) || (t->flags & WS_T_ALLCAPS))
				continue;
			if (pass == 0)
			{
				const ws_tok *p = (i > 0 && d->toks[i - 1].para == t->para) ? &d->toks[i - 1] : NULL;
				const ws_tok *x = (i + 1 < n && d->toks[i + 1].para == t->para) ? &d->toks[i + 1] : NULL;

				if (p && (p->flags & WS_T_CAP) && (p->lex & WS_LEX_HONORIFIC))
					bits |= EV_AFTER_TITLE;
				if (p && (p->flags & WS_T_CAP) && (p->lex & (WS_LEX_MALE | WS_LEX_FEMALE)))
					bits |= EV_AFTER_FIRST;
				if (x && (x->flags & WS_T_CAP) && (x->lex & WS_LEX_ORGWORD))
					bits |= EV_BEFORE_ORGWORD;
				if (x && (x->flags & WS_T_CAP) && !(x->flags & WS_T_ALLCAPS) &&
					(t->lex & (WS_LEX_MALE | WS_LEX_FEMALE)))
					bits |= EV_FIRST_NAME;
			}
			s = ws_mix32(key) & mask;
			while (ek[s] != 0 && ek[s] != key)
				s = (s + 1) & mask;
			if (pass == 0)
			{
				ek[s] = key;
				ev[s] |= bits;
			}
			else
				nd->tf[i].doc_ev = ev[s];
		}
}

/* Upper-case lines (headlines): paragraphs of two words or more, none in lower case. */
static void
mark_caps_paragraphs(ws_ner_doc *nd)
{
	const ws_doc *d = nd->d;
	int32_t		n = d->ntoks;

	for (int32_t i = 0; i < n;)
	{
		int32_t		j = i;
		int32_t		words = 0;
		bool		allcaps = true;

		while (j < n && d->toks[j].para == d->toks[i].para)
		{
			const ws_tok *t = &d->toks[j];

			if ((t->flags & WS_T_WORD) && !(t->flags & WS_T_NUM))
			{
				words++;
				if (!(t->flags & WS_T_ALLCAPS) &&
					!((t->flags & WS_T_CAP) && WS_TOK_LEN(d, j) == 1))
					allcaps = false;
			}
			j++;
		}
		if (allcaps && words >= 2)
			for (int32_t k = i; k < j; k++)
				nd->tf[k].caps_para = 1;
		i = j;
	}
}

ws_ner_doc *
ws_ner_prepare(const ws_doc *d)
{
	ws_ner_doc *nd = ws_arena_alloc(d->arena, sizeof(ws_ner_doc));
	int32_t		n = d->ntoks;
	uint8_t    *gb,
			   *gi;
	uint32_t	size = 64;
	uint32_t   *lower;
	uint32_t	lmask;

	nd->d = d;
	if (n == 0)
		return nd;
	nd->tf = ws_arena_alloc(d->arena, sizeof(tok_feats) * (size_t) n);
	gb = ws_arena_alloc(d->arena, (size_t) n * 2);
	gi = gb + n;
	ws_gazetteer_mark(d, gb, gi);

	while (size < (uint32_t) n * 2)
		size <<= 1;
	lower = ws_arena_alloc(d->arena, sizeof(uint32_t) * size);
	lmask = size - 1;
	nd->hist_key = ws_arena_alloc(d->arena, sizeof(uint32_t) * size);
	nd->hist_val = ws_arena_alloc(d->arena, size);
	nd->hist_mask = lmask;

	for (int32_t i = 0; i < n; i++)
	{
		if (i % INTERRUPT_EVERY == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		token_feats(d, i, &nd->tf[i]);
		nd->tf[i].gaz_b = gb[i];
		nd->tf[i].gaz_i = gi[i];
	}
	mark_lower_seen(nd, lower, lmask);
	mark_doc_evidence(nd, ws_arena_alloc(d->arena, sizeof(uint32_t) * size),
					  ws_arena_alloc(d->arena, size), lmask);
	mark_caps_paragraphs(nd);
	return nd;
}

static inline uint8_t
label_type(uint8_t y)
{
	return y == WS_NER_O ? 0 : (uint8_t) ((y + 1) / 2);	/* 1 PER 2 ORG 3 LOC 4 MISC */
}

static uint8_t
hist_get(const ws_ner_doc *nd, uint32_t key)
{
	uint32_t	s = ws_mix32(key) & nd->hist_mask;

	while (nd->hist_key[s] != 0)
	{
		if (nd->hist_key[s] == key)
			return nd->hist_val[s];
		s = (s + 1) & nd->hist_mask;
	}
	return 0;
}

void
ws_ner_commit(ws_ner_doc *nd, int32_t i, uint8_t label)
{
	const ws_tok *t = &nd->d->toks[i];
	uint32_t	key = nd->tf[i].exact | 1;
	uint32_t	s;

	if (!(t->flags & WS_T_CAP))
		return;
	s = ws_mix32(key) & nd->hist_mask;
	while (nd->hist_key[s] != 0 && nd->hist_key[s] != key)
		s = (s + 1) & nd->hist_mask;
	nd->hist_key[s] = key;
	nd->hist_val[s] = (uint8_t) (label_type(label) + 1);
}

bool
ws_ner_allowed(uint8_t prev, uint8_t y)
{
	if (y == WS_NER_O || (y & 1))
		return true;			/* O and B-X always */
	return prev == y || prev == y - 1;	/* I-X after B-X or I-X */
}

/* token word / shape at offset, with sentinels outside the line */
#define PAD_WORD 0x5bd1e995u
#define PAD_SHAPE 0x1b873593u

/* Word, shape and word classes of tokens i-2 .. i+2, padded outside the line. */
static inline void
ner_window(const ws_ner_doc *nd, int32_t i, uint32_t *w, uint32_t *sh, uint32_t *lx)
{
	const ws_doc *d = nd->d;

	for (int k = -2; k <= 2; k++)
	{
		int32_t		j = i + k;

		if (j < 0 || j >= d->ntoks || d->toks[j].para != d->toks[i].para)
		{
			w[k + 2] = PAD_WORD + (uint32_t) k;
			sh[k + 2] = PAD_SHAPE + (uint32_t) k;
			lx[k + 2] = 0xffff;
		}
		else
		{
			w[k + 2] = d->toks[j].hash;
			sh[k + 2] = nd->tf[j].shape;
			lx[k + 2] = d->toks[j].lex;
		}
	}
}

int
ws_ner_features(ws_ner_doc *nd, int32_t i, const uint8_t *labels, uint32_t *out)
{
	const ws_doc *d = nd->d;
	const ws_tok *t = &d->toks[i];
	const tok_feats *f = &nd->tf[i];
	uint32_t	w[5],
				sh[5],
				lx[5];
	uint32_t	y1,
				y2;
	uint32_t	capfl;
	uint8_t		h;
	int			n = 0;

	ner_window(nd, i, w, sh, lx);
	y1 = (i > 0 && d->toks[i - 1].para == t->para) ? labels[i - 1] : 99;
	y2 = (i > 1 && d->toks[i - 2].para == t->para) ? labels[i - 2] : 99;
	capfl = ((t->flags & WS_T_CAP) ? 1 : 0) | ((t->flags & WS_T_ALLCAPS) ? 2 : 0) |
		((t->flags & WS_T_SENT_START) ? 4 : 0) | (f->caps_para ? 8 : 0);

	out[n++] = F1(1, 0);
	out[n++] = F1(2, w[2]);
	out[n++] = F1(3, f->exact);
	out[n++] = F1(4, sh[2]);
	out[n++] = F2(5, sh[2], capfl);
	if (f->pre2)
		out[n++] = F1(6, f->pre2);
	if (f->pre3)
		out[n++] = F1(7, f->pre3);
	if (f->suf2)
		out[n++] = F1(8, f->suf2);
	if (f->suf3)
		out[n++] = F1(9, f->suf3);
	if (f->suf4)
		out[n++] = F1(10, f->suf4);
	out[n++] = F1(11, w[1]);
	out[n++] = F1(12, w[3]);
	out[n++] = F1(13, w[0]);
	out[n++] = F1(14, w[4]);
	out[n++] = F1(15, sh[1]);
	out[n++] = F1(16, sh[3]);
	out[n++] = F2(17, sh[0], sh[1]);
	out[n++] = F2(18, sh[3], sh[4]);
	out[n++] = F2(19, w[1], w[2]);
	out[n++] = F2(20, w[2], w[3]);
	out[n++] = F3(21, sh[1], sh[2], sh[3]);
	out[n++] = F2(22, lx[2], capfl);
	out[n++] = F1(23, lx[1]);
	out[n++] = F1(24, lx[3]);
	out[n++] = F2(25, f->gaz_b, f->gaz_i);
	out[n++] = F3(26, f->gaz_b, f->gaz_i, capfl);
	if (i + 1 < d->ntoks)
	{
		out[n++] = F2(27, nd->tf[i + 1].gaz_b, nd->tf[i + 1].gaz_i);
		if (d->toks[i + 1].flags & WS_T_POSSESSIVE)
			out[n++] = F1(28, sh[2]);
	}
	if (i > 0)
		out[n++] = F2(29, nd->tf[i - 1].gaz_b, nd->tf[i - 1].gaz_i);
	out[n++] = F2(30, f->lower_seen, capfl);
	out[n++] = F2(31, f->len, capfl);
	out[n++] = F1(32, (t->flags & (WS_T_ABBREV | WS_T_POSSESSIVE | WS_T_PARA_START | WS_T_QUOTE)));
	out[n++] = F1(33, y1);
	out[n++] = F2(34, y2, y1);
	out[n++] = F2(35, y1, w[2]);
	out[n++] = F2(36, y1, sh[2]);
	out[n++] = F3(37, y1, sh[2], sh[3]);
	out[n++] = F2(38, w[1], w[3]);
	h = (t->flags & WS_T_CAP) ? hist_get(nd, f->exact | 1) : 0;
	out[n++] = F2(39, h, capfl);
	out[n++] = F2(40, h, y1);
	out[n++] = F3(41, w[2], f->caps_para, 0);
	out[n++] = F2(42, f->doc_ev, capfl);
	out[n++] = F2(43, f->doc_ev, y1);
	if (i + 1 < d->ntoks && d->toks[i + 1].para == t->para)
		out[n++] = F2(44, nd->tf[i + 1].doc_ev, capfl);
	return n;
}

/* ------------------------------------------------------------ decoding */

void
ws_ner_tag(const ws_model *m, const ws_doc *d, uint8_t *labels)
{
	ws_ner_doc *nd;
	uint32_t	feats[WS_NER_MAXFEAT];

	if (d->ntoks == 0)
		return;
	if (m == NULL)
	{
		memset(labels, WS_NER_O, (size_t) d->ntoks);
		return;
	}
	nd = ws_ner_prepare(d);
	for (int32_t i = 0; i < d->ntoks; i++)
	{
		int32_t		sc[WS_NER_NLABELS] = {0};
		int			nfeat;
		uint8_t		prev,
					best = WS_NER_O;
		int32_t		bestsc = INT32_MIN;

		if (i % INTERRUPT_EVERY == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		prev = (i > 0 && d->toks[i - 1].para == d->toks[i].para) ? labels[i - 1] : WS_NER_O;

		/*
		 * Outside a name, a token with no capital letter that no gazetteer
		 * entry starts at does not start one: most of a text is decided
		 * here without touching the weights. (What it costs in accuracy is
		 * measured by make eval; see the README.)
		 */
		if (prev == WS_NER_O && !(d->toks[i].flags & WS_T_CAP) && nd->tf[i].gaz_b == 0)
		{
			labels[i] = WS_NER_O;
			continue;
		}
		nfeat = ws_ner_features(nd, i, labels, feats);
		/* the rows are scattered over megabytes: ask for all before adding any */
		for (int k = 0; k < nfeat; k++)
			__builtin_prefetch(m->w + (size_t) (feats[k] & m->mask) * WS_NER_NLABELS);
		for (int k = 0; k < nfeat; k++)
		{
			const int16_t *row = m->w + (size_t) (feats[k] & m->mask) * WS_NER_NLABELS;
			int			y;

			/* whole groups of 8 first: a loop of 8 is one that -O2 vectorizes */
			for (y = 0; y < (WS_NER_NLABELS & ~7); y++)
				sc[y] += row[y];
			for (; y < WS_NER_NLABELS; y++)
				sc[y] += row[y];
		}
		for (int y = 0; y < WS_NER_NLABELS; y++)
			if (sc[y] > bestsc && ws_ner_allowed(prev, (uint8_t) y))
			{
				bestsc = sc[y];
				best = (uint8_t) y;
			}
		labels[i] = best;
		ws_ner_commit(nd, i, best);
	}
	ws_ner_consistency(d, labels);
}
