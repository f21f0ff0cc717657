/*
 * claimvec.c — normalising a quotation into sorted hashed word grams and
 * the containment similarity of two of them (see claimvec.h). Input is
 * untrusted: any bytes normalise to some (possibly empty) value; only the
 * size limit is an error.
 */
#include "claimvec.h"
#include "actorvec_format.h"
#include "lexicon.h"			/* ws_hash_bytes */
#include "ner.h"				/* ws_mix32 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u
#define INTERRUPT_EVERY 4096

/* ------------------------------------------------------------ words */

static bool
is_word_char(UChar32 c)
{
	int8_t		t;

	if (c < 0)
		return false;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	t = u_charType(c);
	return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
		t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static bool
is_apostrophe(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static bool
is_digit_char(UChar32 c)
{
	return c >= 0 && u_isdigit(c);
}

/* The code point at byte i of s (n bytes), or -1 at the end. */
static UChar32
peek(const char *s, int32_t i, int32_t n)
{
	UChar32		c;

	if (i >= n)
		return -1;
	U8_NEXT(s, i, n, c);
	return c;
}

/* One word of the normalised text: its hash and its segment. */
typedef struct cv_word
{
	uint32_t	hash;
	int32_t		seg;
} cv_word;

/* FNV-1a from h over the bytes of the hashes of words[0..n-1] */
static uint32_t
words_fnv(uint32_t h, const cv_word *w, int n)
{
	for (int i = 0; i < n; i++)
		for (int b = 0; b < 32; b += 8)
			h = (h ^ ((w[i].hash >> b) & 0xffu)) * FNV_PRIME;
	return h;
}

/*
 * Hash of the gram words[0..n-1] (FNV-1a over the length and the words'
 * hashes), its length in the low three bits.
 */
static uint32_t
gram_hash(const cv_word *w, int n)
{
	uint32_t	h = words_fnv((FNV_OFFSET ^ (uint32_t) n) * FNV_PRIME, w, n);

	return (h & ~7u) | (uint32_t) n;
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t	a = *(const uint32_t *) x,
				b = *(const uint32_t *) y;

	return (a > b) - (a < b);
}

static int32_t
sort_unique(uint32_t *v, int32_t n)
{
	int32_t		o = 0;

	if (n == 0)
		return 0;
	qsort(v, (size_t) n, sizeof(uint32_t), cmp_u32);
	for (int32_t i = 0; i < n; i++)
		if (o == 0 || v[o - 1] != v[i])
			v[o++] = v[i];
	return o;
}

static const char ELLIPSIS[] = " \xE2\x80\xA6 ";	/* " … " */

/* The folded text being split into words, and the normalised text and words so far. */
typedef struct cv_reader
{
	const char *f;				/* folded input */
	int32_t		flen,
				i;				/* byte offset in f */
	char	   *text;			/* normalised: words, ' ' and " … " between segments */
	int32_t		tlen;
	cv_word    *words;
	int32_t		nwords,
				nsegs,
				seglen;			/* words in the current segment */
	uint32_t	h;				/* hash of the word being read */
	bool		inword,
				pending_seg;	/* an ellipsis since the last word */
	UChar32		prev;
} cv_reader;

/* A word starts: its separator in the text (" … " after an ellipsis), a new hash. */
static void
start_word(cv_reader *r)
{
	if (r->nwords > 0)
	{
		if (r->pending_seg && r->seglen > 0)
		{
			memcpy(r->text + r->tlen, ELLIPSIS, sizeof(ELLIPSIS) - 1);
			r->tlen += sizeof(ELLIPSIS) - 1;
			r->nsegs++;
			r->seglen = 0;
		}
		else
			r->text[r->tlen++] = ' ';
	}
	if (r->nsegs == 0)
		r->nsegs = 1;
	r->pending_seg = false;
	r->inword = true;
	r->h = FNV_OFFSET;
}

/* Word character c goes on the text and the word's hash. */
static void
add_char(cv_reader *r, UChar32 c)
{
	/* fold again: NFKD can make capitals (ℜ -> R, Ⅻ -> XII) */
	UChar32		lc = u_foldCase(c, U_FOLD_CASE_DEFAULT);
	int32_t		b = r->tlen;
	UBool		bad = false;

	U8_APPEND((uint8_t *) r->text, r->tlen, r->tlen + 4, lc, bad);
	if (bad)
		r->tlen = b;
	for (; b < r->tlen; b++)
		r->h = (r->h ^ (uint8_t) r->text[b]) * FNV_PRIME;
}

/* Joiners keep the word going: don't, U.S., 1,000. */
static bool
joins_word(const cv_reader *r, UChar32 c)
{
	UChar32		next;

	if (!r->inword || !(is_apostrophe(c) || c == '.' || c == ','))
		return false;
	next = peek(r->f, r->i, r->flen);
	return is_word_char(next) &&
		(c != ',' || (is_digit_char(r->prev) && is_digit_char(next)));
}

static void
end_word(cv_reader *r)
{
	r->words[r->nwords].hash = r->h;
	r->words[r->nwords].seg = r->nsegs - 1;
	r->nwords++;
	r->seglen++;
	r->inword = false;
	if (ws_interrupt_hook && (r->nwords % INTERRUPT_EVERY) == 0)
		ws_interrupt_hook();
}

/* After a period: an ellipsis is two or more, spaces allowed between them. */
static void
skip_ellipsis(cv_reader *r)
{
	int32_t		j = r->i;

	while (j < r->flen && (r->f[j] == ' ' || r->f[j] == '\t'))
		j++;
	if (j < r->flen && r->f[j] == '.')
	{
		while (j < r->flen && (r->f[j] == '.' || r->f[j] == ' ' || r->f[j] == '\t'))
			j++;
		r->i = j;
		r->pending_seg = true;
	}
}

/* Split the folded text into words and segments. */
static void
read_words(cv_reader *r)
{
	while (r->i <= r->flen)
	{
		UChar32		c = -1;

		if (r->i < r->flen)
			U8_NEXT(r->f, r->i, r->flen, c);
		else
			r->i++;
		if (is_word_char(c))
		{
			r->prev = c;
			if (!r->inword)
				start_word(r);
			add_char(r, c);
			continue;
		}
		if (joins_word(r, c))
		{
			r->prev = c;
			continue;
		}
		r->prev = c;
		if (r->inword)
			end_word(r);
		if (c == '.')
			skip_ellipsis(r);
	}
}

/* Grams of 1..k words inside each segment into v->keys; segments shorter than k into v->shorts. */
static void
make_grams(ws_arena *a, ws_cv *v, const cv_word *words, int32_t nwords, int32_t nsegs, int k)
{
	uint32_t   *keys = ws_arena_alloc(a, sizeof(uint32_t) * ((size_t) nwords * (size_t) k + 1)),
			   *shorts = ws_arena_alloc(a, sizeof(uint32_t) * ((size_t) nsegs + 1));
	int32_t		nkeys = 0,
				nshort = 0;

	for (int32_t b = 0; b < nwords;)
	{
		int32_t		e = b;

		while (e < nwords && words[e].seg == words[b].seg)
			e++;
		for (int32_t w = b; w < e; w++)
		{
			for (int n = 1; n <= k && w + n <= e; n++)
				keys[nkeys++] = gram_hash(&words[w], n);
			if (ws_interrupt_hook && (w % INTERRUPT_EVERY) == 0)
				ws_interrupt_hook();
		}
		if (e - b < k)
			shorts[nshort++] = gram_hash(&words[b], (int) (e - b));
		b = e;
	}
	v->nkeys = sort_unique(keys, nkeys);
	v->nshort = sort_unique(shorts, nshort);
	v->keys = keys;
	v->shorts = shorts;
}

ws_cv *
ws_cv_build(ws_arena *a, const char *s, int32_t len, int k, char err[160])
{
	cv_reader	r = {0};
	ws_cv	   *v;

	if (len < 0)
		len = 0;
	if (len > WS_CV_MAX_BYTES)
	{
		snprintf(err, 160, "text is too long for a claimvec (%d bytes, at most %d)",
				 (int) len, WS_CV_MAX_BYTES);
		return NULL;
	}
	if (k < 1 || k > WS_CV_MAX_K)
	{
		snprintf(err, 160, "invalid shingle size %d (1 to %d)", k, WS_CV_MAX_K);
		return NULL;
	}
	r.f = ws_av_fold(a, s, len, &r.flen);
	/*
	 * a word costs at least one input byte and one separator, " … " five
	 * bytes for at least two; a folded code point at most 4 bytes for 1
	 */
	r.text = ws_arena_alloc(a, (size_t) r.flen * 4 + 8);
	r.words = ws_arena_alloc(a, sizeof(cv_word) * ((size_t) r.flen / 2 + 2));
	r.h = FNV_OFFSET;
	r.prev = -1;
	read_words(&r);

	v = ws_arena_alloc(a, sizeof(ws_cv));
	v->k = (uint8_t) k;
	v->nwords = r.nwords;
	v->nsegs = r.nsegs;
	make_grams(a, v, r.words, r.nwords, r.nsegs, k);
	v->text = r.text;
	v->textlen = r.tlen;
	return v;
}

/* ------------------------------------------------------------ matching */

bool
ws_cv_is_feature(const ws_cv *v, uint32_t x, int32_t *cursor)
{
	if (WS_CV_ORDER(x) == v->k)
		return true;
	while (*cursor < v->nshort && v->shorts[*cursor] < x)
		(*cursor)++;
	return *cursor < v->nshort && v->shorts[*cursor] == x;
}

int32_t
ws_cv_nfeatures(const ws_cv *v)
{
	int32_t		n = v->nshort;

	for (int32_t i = 0; i < v->nkeys; i++)
		if (WS_CV_ORDER(v->keys[i]) == v->k)
			n++;
	return n;
}

/* Share of s's features among l's keys (one merge pass over both). */
static double
contained(const ws_cv *s, const ws_cv *l)
{
	int32_t		nf = 0,
				hit = 0,
				cur = 0,
				j = 0;

	for (int32_t i = 0; i < s->nkeys; i++)
	{
		uint32_t	x = s->keys[i];

		if (ws_interrupt_hook && (i % (16 * INTERRUPT_EVERY)) == 0)
			ws_interrupt_hook();
		if (!ws_cv_is_feature(s, x, &cur))
			continue;
		nf++;
		while (j < l->nkeys && l->keys[j] < x)
			j++;
		if (j < l->nkeys && l->keys[j] == x)
			hit++;
	}
	return nf > 0 ? (double) hit / nf : 0.0;
}

/* The words of a value, read back from its normalised text. */
static int32_t
text_words(ws_arena *a, const ws_cv *v, cv_word **out)
{
	cv_word    *w = ws_arena_alloc(a, sizeof(cv_word) * ((size_t) v->nwords + 1));
	int32_t		n = 0,
				seg = 0,
				i = 0;

	while (i < v->textlen && n < v->nwords)
	{
		uint32_t	h = FNV_OFFSET;

		if (v->text[i] == ' ')
		{
			i++;
			continue;
		}
		if (v->textlen - i >= 3 && memcmp(v->text + i, ELLIPSIS + 1, 3) == 0)
		{
			seg++;
			i += 3;
			continue;
		}
		while (i < v->textlen && v->text[i] != ' ')
			h = (h ^ (uint8_t) v->text[i++]) * FNV_PRIME;
		w[n].hash = h;
		w[n].seg = seg;
		n++;
	}
	*out = w;
	return n;
}

typedef struct pos_gram
{
	uint32_t	h;
	int32_t		pos;
} pos_gram;

static int
cmp_pos_gram(const void *x, const void *y)
{
	const pos_gram *a = x,
			   *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/*
 * contained() for a shorter quotation of several segments, which must
 * match in order: its features are looked for in its word order, each at
 * the first place in l after the previous match. A feature counts once,
 * when some occurrence of it matches in order, so the result is never more
 * than contained()'s, which the index's bound relies on.
 */
static double
contained_in_order(const ws_cv *s, const ws_cv *l)
{
	ws_arena   *a = ws_arena_new();
	cv_word    *sw,
			   *lw;
	int32_t		ns = text_words(a, s, &sw),
				nl = text_words(a, l, &lw),
				ng = 0,
				nm = 0,
				hits = 0,
				pos = 0,
				nf = ws_cv_nfeatures(s);
	pos_gram   *lg = ws_arena_alloc(a, sizeof(pos_gram) * ((size_t) nl * l->k + 1));
	uint32_t   *matched = ws_arena_alloc(a, sizeof(uint32_t) * ((size_t) ns + 1));
	double		r;

	for (int32_t p = 0; p < nl; p++)
		for (int n = 1; n <= l->k && p + n <= nl && lw[p + n - 1].seg == lw[p].seg; n++)
		{
			lg[ng].h = gram_hash(&lw[p], n);
			lg[ng].pos = p;
			ng++;
		}
	qsort(lg, (size_t) ng, sizeof(pos_gram), cmp_pos_gram);
	for (int32_t b = 0; b < ns;)
	{
		int32_t		e = b,
					n,
					last;

		while (e < ns && sw[e].seg == sw[b].seg)
			e++;
		/* the segment's features: its k-grams, or itself when shorter */
		n = e - b >= s->k ? s->k : e - b;
		last = e - n;
		for (int32_t p = b; p <= last; p++)
		{
			uint32_t	g = gram_hash(&sw[p], (int) n);
			int32_t		lo = 0,
						hi = ng;

			if (ws_interrupt_hook && (p % INTERRUPT_EVERY) == 0)
				ws_interrupt_hook();
			while (lo < hi)
			{
				int32_t		mid = lo + (hi - lo) / 2;

				if (lg[mid].h < g || (lg[mid].h == g && lg[mid].pos < pos))
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < ng && lg[lo].h == g)
			{
				matched[nm++] = g;
				pos = lg[lo].pos + 1;
			}
		}
		b = e;
	}
	if (nm > 0)
	{
		qsort(matched, (size_t) nm, sizeof(uint32_t), cmp_u32);
		for (int32_t i = 0; i < nm; i++)
			if (i == 0 || matched[i] != matched[i - 1])
				hits++;
	}
	r = nf > 0 ? (double) hits / nf : 0.0;
	ws_arena_free(a);
	return r;
}

/* s in l: in order when s has several segments */
static double
contained_as_shorter(const ws_cv *s, const ws_cv *l)
{
	return s->nsegs > 1 ? contained_in_order(s, l) : contained(s, l);
}

double
ws_cv_containment(const ws_cv *a, const ws_cv *b)
{
	if (a->nwords < b->nwords)
		return contained_as_shorter(a, b);
	if (b->nwords < a->nwords)
		return contained_as_shorter(b, a);
	{
		double		x = contained_as_shorter(a, b),
					y = contained_as_shorter(b, a);

		return x > y ? x : y;
	}
}

double
ws_cv_similarity(const ws_cv *a, const ws_cv *b)
{
	double		c = ws_cv_containment(a, b);
	int32_t		lo = a->nwords < b->nwords ? a->nwords : b->nwords,
				hi = a->nwords < b->nwords ? b->nwords : a->nwords;

	if (c <= 0.0 || hi == 0)
		return 0.0;
	return (1.0 - WS_CV_LENGTH_WEIGHT) * c + WS_CV_LENGTH_WEIGHT * ((double) lo / hi);
}

double
ws_cv_min_containment(double t)
{
	return (t - WS_CV_LENGTH_WEIGHT) / (1.0 - WS_CV_LENGTH_WEIGHT);
}

/* ------------------------------------------------------------ anchors */

static int
cmp_i32(const void *x, const void *y)
{
	int32_t		a = *(const int32_t *) x,
				b = *(const int32_t *) y;

	return (a > b) - (a < b);
}

/* Winnow the run hashes h[0..n-1] of one segment into out; returns the count added. */
static int32_t
winnow(const uint32_t *h, int32_t n, int32_t *out)
{
	int32_t		added = 0,
				last = -1;

	for (int32_t start = 0; n > 0 && (start == 0 || start + WS_CV_ANCHOR_WINDOW <= n); start++)
	{
		int32_t		end = start + WS_CV_ANCHOR_WINDOW < n ? start + WS_CV_ANCHOR_WINDOW : n,
					best = start;

		/* the rightmost minimum, so a window sliding over it keeps it */
		for (int32_t i = start + 1; i < end; i++)
			if (h[i] <= h[best])
				best = i;
		if (best != last)
			out[added++] = (int32_t) h[best];
		last = best;
	}
	return added;
}

int32_t
ws_cv_anchors(ws_arena *a, const ws_cv *v, int32_t **out)
{
	cv_word    *w;
	int32_t		nw = text_words(a, v, &w),
				nout = 0,
				o = 0;
	uint32_t   *runs = ws_arena_alloc(a, sizeof(uint32_t) * ((size_t) nw + 1));
	int32_t    *res = ws_arena_alloc(a, sizeof(int32_t) * ((size_t) nw + 1));

	for (int32_t b = 0; b < nw;)
	{
		int32_t		e = b,
					nruns;

		while (e < nw && w[e].seg == w[b].seg)
			e++;
		nruns = e - b - WS_CV_ANCHOR_WORDS + 1;
		/* the winnowing minimum needs well-spread hashes */
		for (int32_t r = 0; r < nruns; r++)
			runs[r] = ws_mix32(words_fnv(FNV_OFFSET, w + b + r, WS_CV_ANCHOR_WORDS));
		nout += winnow(runs, nruns, res + nout);
		b = e;
	}
	if (nout > 0)
		qsort(res, (size_t) nout, sizeof(int32_t), cmp_i32);
	for (int32_t i = 0; i < nout; i++)
		if (o == 0 || res[o - 1] != res[i])
			res[o++] = res[i];
	*out = res;
	return o;
}

/* ------------------------------------------------------------ grouping */

typedef struct anchor_pos
{
	int32_t		anchor;
	int32_t		pos;
} anchor_pos;

static int
cmp_anchor_pos(const void *x, const void *y)
{
	const anchor_pos *a = x,
			   *b = y;

	if (a->anchor != b->anchor)
		return a->anchor < b->anchor ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The first index of ap[lo..hi) not below (anchor, pos). */
static int32_t
lower_bound(const anchor_pos *ap, int32_t lo, int32_t hi, int32_t anchor, int32_t pos)
{
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (ap[mid].anchor < anchor || (ap[mid].anchor == anchor && ap[mid].pos < pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A run ap[x..hi) of one anchor's positions, ascending; a min-heap of runs by their next position. */
typedef struct
{
	int32_t		x,
				hi;
} pos_run;

static void
run_sift(const anchor_pos *ap, pos_run *h, int32_t n, int32_t i)
{
	for (;;)
	{
		int32_t		m = i,
					l = 2 * i + 1,
					r = l + 1;
		pos_run		tmp;

		if (l < n && ap[h[l].x].pos < ap[h[m].x].pos)
			m = l;
		if (r < n && ap[h[r].x].pos < ap[h[m].x].pos)
			m = r;
		if (m == i)
			return;
		tmp = h[i];
		h[i] = h[m];
		h[m] = tmp;
		i = m;
	}
}

/*
 * For each of v[0..n-1], the first earlier value of the same text (hence
 * the same value), or -1: one open-addressing pass over the texts.
 */
static int32_t *
first_same_text(ws_arena *a, const ws_cv *const *v, int32_t n)
{
	int32_t    *first = ws_arena_alloc(a, sizeof(int32_t) * ((size_t) n + 1));
	size_t		size = 16;
	int32_t    *slot;				/* index + 1; 0 is empty */

	while (size < 2 * (size_t) n)
		size *= 2;
	slot = ws_arena_alloc(a, sizeof(int32_t) * size);
	for (int32_t j = 0; j < n; j++)
	{
		size_t		i = ws_hash_bytes(v[j]->text, v[j]->textlen) & (size - 1);

		first[j] = -1;
		if (v[j]->nwords == 0)
			continue;			/* scores 0, even against itself */
		for (; slot[i] != 0; i = (i + 1) & (size - 1))
		{
			const ws_cv *o = v[slot[i] - 1];

			if (o->textlen == v[j]->textlen && o->k == v[j]->k &&
				memcmp(o->text, v[j]->text, (size_t) o->textlen) == 0)
			{
				first[j] = slot[i] - 1;
				break;
			}
		}
		if (first[j] < 0)
			slot[i] = j + 1;
	}
	return first;
}

void
ws_cv_group(ws_arena *a, const ws_cv *const *v, int32_t n, double threshold, int32_t *root)
{
	int32_t   **anchors = ws_arena_alloc(a, sizeof(int32_t *) * ((size_t) n + 1));
	int32_t    *nanchors = ws_arena_alloc(a, sizeof(int32_t) * ((size_t) n + 1));
	int32_t    *same;
	int64_t		total = 0;
	anchor_pos *ap;
	pos_run    *runs = NULL;
	int32_t		rcap = 0;
	float		t = (float) threshold;

	/*
	 * A value equal to an earlier one (a quote syndicated word for word)
	 * joins that one's claim: every earlier candidate they share scores the
	 * same against both, and the earlier one scores 1 against it. It is left
	 * out of the candidates, as the earlier one is tried first and matches
	 * whatever it would. (Identical values score exactly 1.)
	 */
	if (t <= 1.0f)
		same = first_same_text(a, v, n);
	else
	{
		same = ws_arena_alloc(a, sizeof(int32_t) * ((size_t) n + 1));
		for (int32_t j = 0; j < n; j++)
			same[j] = -1;
	}
	for (int32_t j = 0; j < n; j++)
	{
		if (same[j] >= 0)
			continue;
		nanchors[j] = ws_cv_anchors(a, v[j], &anchors[j]);
		total += nanchors[j];
		if (ws_interrupt_hook && (j % 256) == 0)
			ws_interrupt_hook();
	}
	if (total > INT32_MAX / 2)
		ws_error(WS_ERROR_OUT_OF_MEMORY, "too many anchors to group (%lld)", (long long) total);
	ap = ws_arena_alloc(a, sizeof(anchor_pos) * ((size_t) total + 1));
	total = 0;
	for (int32_t j = 0; j < n; j++)
		for (int32_t k = 0; k < nanchors[j]; k++)
		{
			ap[total].anchor = anchors[j][k];
			ap[total].pos = j;
			total++;
		}
	qsort(ap, (size_t) total, sizeof(anchor_pos), cmp_anchor_pos);

	for (int32_t j = 0; j < n; j++)
	{
		int32_t		nr = 0,
					last = -1,
					tested = 0;

		root[j] = same[j] >= 0 ? root[same[j]] : j;
		/* the earlier quotations sharing an anchor: each anchor's prefix before j */
		runs = ws_arena_grow(a, runs, 0, &rcap, nanchors[j], sizeof(pos_run));
		for (int32_t k = 0; k < nanchors[j]; k++)
		{
			int32_t		lo = lower_bound(ap, 0, (int32_t) total, anchors[j][k], 0),
						hi = lower_bound(ap, lo, (int32_t) total, anchors[j][k], j);

			if (lo < hi)
				runs[nr++] = (pos_run) {lo, hi};
		}
		for (int32_t r = nr / 2 - 1; r >= 0; r--)
			run_sift(ap, runs, nr, r);
		/* merged earliest first, each position once, until the first match */
		while (nr > 0)
		{
			int32_t		pos = ap[runs[0].x].pos;

			if (++runs[0].x == runs[0].hi)
				runs[0] = runs[--nr];
			run_sift(ap, runs, nr, 0);
			if (pos == last)
				continue;
			last = pos;
			if (ws_interrupt_hook && (++tested % 256) == 0)
				ws_interrupt_hook();
			if ((float) ws_cv_similarity(v[pos], v[j]) >= t)
			{
				root[j] = root[pos];
				break;
			}
		}
		if (ws_interrupt_hook && (j % 256) == 0)
			ws_interrupt_hook();
	}
}
