/*
 * actor_match.c — matching of the query-layer types: an actorquery against
 * an actorvec (@@, and which entries a query's names match, for
 * highlighting), and one actorvec against another (@> containment, &&
 * overlap) by folded name, kind and speaker flag (actorvec_format.h).
 */
#include "format_common.h"

#include <stdlib.h>
#include <string.h>

static int
eval_node(const ws_aq *q, int32_t i, int (*leaf) (void *, int32_t), void *ctx)
{
	const ws_aq_node *nd = &q->nodes[i];
	int			res,
				r;
	int32_t		j = i + 1;

	switch (nd->type)
	{
		case WS_AQ_NAME:
			return leaf(ctx, i);
		case WS_AQ_NOT:
			r = eval_node(q, i + 1, leaf, ctx);
			return r == WS_MAYBE ? WS_MAYBE : (r == WS_TRUE ? WS_FALSE : WS_TRUE);
		case WS_AQ_AND:
		case WS_AQ_OR:
			{
				/* one false operand decides an AND, one true an OR */
				int			decides = nd->type == WS_AQ_AND ? WS_FALSE : WS_TRUE;

				res = nd->type == WS_AQ_AND ? WS_TRUE : WS_FALSE;
				for (int32_t k = 0; k < nd->nargs; k++, j += q->nodes[j].size)
				{
					r = eval_node(q, j, leaf, ctx);
					if (r == decides)
						return decides;
					if (r == WS_MAYBE)
						res = WS_MAYBE;
				}
				return res;
			}
		default:
			return WS_FALSE;
	}
}

int
ws_aq_eval(const ws_aq *q, int (*leaf) (void *ctx, int32_t node), void *ctx)
{
	if (q->n <= 0)
		return WS_FALSE;
	return eval_node(q, 0, leaf, ctx);
}

bool
ws_aq_name_matches_entry(const ws_aq *q, int32_t node, const ws_av *v, int32_t i)
{
	const ws_aq_node *nd = &q->nodes[node];
	const ws_av_entry *e = &v->entries[i];

	if (nd->kind != 0 && nd->kind != e->kind)
		return false;
	if ((nd->flags & WS_AV_SPEAKER) && !(e->flags & WS_AV_SPEAKER))
		return false;
	for (int32_t k = 0; k < nd->nargs; k++)
		if (!ws_av_has_token(v, i, q->toks[nd->tok + k]))
			return false;
	return true;
}

/*
 * Matching is near-linear in the sizes of both sides. A vector and a query
 * that are both small are compared pairwise. Otherwise the vector's tokens
 * get an inverted index (token -> entries, sorted), and a name of the query
 * is checked only against the entries of its rarest token; names that are
 * the same (tokens, kind and prefix) are looked up once.
 */
#define PAIRWISE_MAX 4096		/* entries x names compared without an index */

typedef struct posting
{
	uint32_t	tok;
	int32_t		entry;
} posting;

typedef struct leaf_key
{
	const uint32_t *toks;
	int32_t		ntoks;
	uint8_t		kind,
				flags;
	int32_t		node;
} leaf_key;

typedef struct match_ctx
{
	const ws_av *v;
	const ws_aq *q;
	ws_arena   *ar;				/* the index, when one is built */
	posting    *idx;
	int32_t		nidx;
	int32_t    *group;			/* per node: its group of equal names */
	int8_t	   *memo;			/* per group: -1 not known yet, else the result */
	uint32_t	work;
} match_ctx;

static void
tick(uint32_t *work)
{
	if ((++*work & 1023) == 0 && ws_interrupt_hook)
		ws_interrupt_hook();
}

static int
cmp_posting(const void *x, const void *y)
{
	const posting *a = x,
			   *b = y;

	if (a->tok != b->tok)
		return a->tok < b->tok ? -1 : 1;
	return (a->entry > b->entry) - (a->entry < b->entry);
}

/* Token sequences: shorter first, then token by token. */
static int
cmp_tok_seq(const uint32_t *a, int32_t na, const uint32_t *b, int32_t nb)
{
	if (na != nb)
		return na < nb ? -1 : 1;
	for (int32_t k = 0; k < na; k++)
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	return 0;
}

static int
cmp_leaf_key(const void *x, const void *y)
{
	const leaf_key *a = x,
			   *b = y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->flags != b->flags)
		return a->flags < b->flags ? -1 : 1;
	return cmp_tok_seq(a->toks, a->ntoks, b->toks, b->ntoks);
}

/* First posting with a token >= t. */
static int32_t
posting_lower(const posting *idx, int32_t n, uint32_t t)
{
	int32_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (idx[mid].tok < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
build_index(match_ctx *m)
{
	const ws_av *v = m->v;
	const ws_aq *q = m->q;
	leaf_key   *keys;
	int32_t		nkeys = 0,
				ngroups = 0;

	m->ar = ws_arena_new();
	m->idx = ws_arena_alloc(m->ar, sizeof(posting) * (size_t) (v->ntoks > 0 ? v->ntoks : 1));
	for (int32_t i = 0; i < v->n; i++)
	{
		const ws_av_entry *e = &v->entries[i];

		for (int32_t k = 0; k < e->ntoks && m->nidx < v->ntoks; k++)
		{
			m->idx[m->nidx].tok = v->toks[e->tok + k];
			m->idx[m->nidx].entry = i;
			m->nidx++;
		}
		tick(&m->work);
	}
	qsort(m->idx, (size_t) m->nidx, sizeof(posting), cmp_posting);

	keys = ws_arena_alloc(m->ar, sizeof(leaf_key) * (size_t) (q->n > 0 ? q->n : 1));
	for (int32_t i = 0; i < q->n; i++)
	{
		const ws_aq_node *nd = &q->nodes[i];

		if (nd->type != WS_AQ_NAME)
			continue;
		keys[nkeys].toks = q->toks + nd->tok;
		keys[nkeys].ntoks = nd->nargs;
		keys[nkeys].kind = nd->kind;
		keys[nkeys].flags = nd->flags;
		keys[nkeys].node = i;
		nkeys++;
	}
	qsort(keys, (size_t) nkeys, sizeof(leaf_key), cmp_leaf_key);
	m->group = ws_arena_alloc(m->ar, sizeof(int32_t) * (size_t) (q->n > 0 ? q->n : 1));
	for (int32_t k = 0; k < nkeys; k++)
	{
		if (k == 0 || cmp_leaf_key(&keys[k - 1], &keys[k]) != 0)
			ngroups++;
		m->group[keys[k].node] = ngroups - 1;
	}
	m->memo = ws_arena_alloc(m->ar, (size_t) (ngroups > 0 ? ngroups : 1));
	memset(m->memo, -1, (size_t) (ngroups > 0 ? ngroups : 1));
}

/*
 * The postings [*lo, *hi) of the name's rarest token: the entries that
 * carry it are the only ones the name can match.
 */
static void
rarest_token(match_ctx *m, const ws_aq_node *nd, int32_t *lo, int32_t *hi)
{
	*lo = 0;
	*hi = -1;
	for (int32_t k = 0; k < nd->nargs; k++)
	{
		uint32_t	t = m->q->toks[nd->tok + k];
		int32_t		b = posting_lower(m->idx, m->nidx, t),
					e = t == UINT32_MAX ? m->nidx : posting_lower(m->idx, m->nidx, t + 1);

		if (*hi < 0 || e - b < *hi - *lo)
		{
			*lo = b;
			*hi = e;
		}
		tick(&m->work);
	}
}

static int
match_leaf(void *ctx, int32_t node)
{
	match_ctx  *m = ctx;
	const ws_aq_node *nd = &m->q->nodes[node];
	int32_t		best_lo = 0,
				best_hi = -1,
				g;
	int			r = WS_FALSE;

	if (m->idx == NULL)
	{
		for (int32_t i = 0; i < m->v->n; i++)
		{
			tick(&m->work);
			if (ws_aq_name_matches_entry(m->q, node, m->v, i))
				return WS_TRUE;
		}
		return WS_FALSE;
	}
	g = m->group[node];
	if (m->memo[g] >= 0)
		return m->memo[g];
	rarest_token(m, nd, &best_lo, &best_hi);
	for (int32_t j = best_lo; j < best_hi; j++)
	{
		tick(&m->work);
		if (ws_aq_name_matches_entry(m->q, node, m->v, m->idx[j].entry))
		{
			r = WS_TRUE;
			break;
		}
	}
	m->memo[g] = (int8_t) r;
	return r;
}

bool
ws_av_matches(const ws_av *v, const ws_aq *q)
{
	match_ctx	m = {v, q};
	int64_t		names = 0;
	bool		r;

	for (int32_t i = 0; i < q->n; i++)
		names += q->nodes[i].type == WS_AQ_NAME;
	if (names * v->n > PAIRWISE_MAX)
		build_index(&m);
	r = ws_aq_eval(q, match_leaf, &m) == WS_TRUE;
	if (m.ar != NULL)
		ws_arena_free(m.ar);
	return r;
}

void
ws_av_mark_matches(const ws_av *v, const ws_aq *q, const bool *want, bool *matched)
{
	match_ctx	m = {v, q};
	int64_t		names = 0;

	for (int32_t i = 0; i < q->n; i++)
		names += q->nodes[i].type == WS_AQ_NAME && want[i];
	if (names * v->n > PAIRWISE_MAX)
		build_index(&m);
	for (int32_t node = 0; node < q->n; node++)
	{
		const ws_aq_node *nd = &q->nodes[node];
		int32_t		lo = 0,
					hi = v->n;
		bool		via_index = m.idx != NULL;

		if (nd->type != WS_AQ_NAME || !want[node])
			continue;
		if (via_index)
		{
			/* an equal name marked its entries already */
			if (m.memo[m.group[node]] >= 0)
				continue;
			m.memo[m.group[node]] = 1;
			rarest_token(&m, nd, &lo, &hi);
		}
		for (int32_t j = lo; j < hi; j++)
		{
			int32_t		e = via_index ? m.idx[j].entry : j;

			tick(&m.work);
			if (!matched[e] && ws_aq_name_matches_entry(q, node, v, e))
				matched[e] = true;
		}
	}
	if (m.ar != NULL)
		ws_arena_free(m.ar);
}

/*
 * Containment and overlap compare actors by name: the same name is the
 * same folded token sequence (and so the same namehash). Small vectors are
 * compared pairwise. Otherwise the names of a are sorted by (namehash,
 * token sequence), each run of equal names keeps a mask of the (kind,
 * speaker) pairs it has, and each actor of b is one binary search and one
 * mask test: linear in the names, however many share one.
 */
typedef struct name_key
{
	uint32_t	h;				/* namehash */
	int32_t		ntoks;
	const uint32_t *toks;		/* in name order */
	int32_t		entry;
	uint8_t		mask;			/* of its run: bit kind * 2 + speaker */
} name_key;

static int
cmp_name_key(const void *x, const void *y)
{
	const name_key *a = x,
			   *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return cmp_tok_seq(a->toks, a->ntoks, b->toks, b->ntoks);
}

/* Tokens of entry i's name, in name order, in ar (folding buffers in *scratch). */
static void
entry_key(ws_arena *ar, ws_arena **scratch, const ws_av *v, int32_t i, name_key *key)
{
	const char *name = ws_av_name(v, i);
	uint32_t   *t;
	uint32_t   *copy;

	if ((i & 255) == 0)
	{
		ws_arena_free(*scratch);
		*scratch = ws_arena_new();
		if (ws_interrupt_hook)
			ws_interrupt_hook();
	}
	key->h = v->entries[i].namehash;
	key->ntoks = ws_av_tokens(*scratch, name, (int32_t) strlen(name), &t, NULL);
	copy = ws_arena_alloc(ar, sizeof(uint32_t) * (size_t) (key->ntoks > 0 ? key->ntoks : 1));
	if (key->ntoks > 0)
		memcpy(copy, t, sizeof(uint32_t) * (size_t) key->ntoks);
	key->toks = copy;
	key->entry = i;
}

static uint8_t
kind_bits(uint8_t kind, bool speaker_only)
{
	return (uint8_t) ((speaker_only ? 2 : 3) << (kind * 2));
}

/* Does an actor with these flags in b fit some actor of a's run `mask`? */
static bool
mask_fits(uint8_t mask, const ws_av_entry *eb, bool overlap)
{
	bool		spk = (eb->flags & WS_AV_SPEAKER) != 0;

	if (overlap)
		return eb->kind == 0 ? mask != 0 :
			(mask & (kind_bits(0, false) | kind_bits(eb->kind, false))) != 0;
	if (eb->kind != 0)
		return (mask & kind_bits(eb->kind, spk)) != 0;
	for (uint8_t k = 0; k <= WS_PLACE; k++)
		if (mask & kind_bits(k, spk))
			return true;
	return false;
}

/* Same actor name, case- and accent-insensitively (pairwise path). */
static bool
same_name(const ws_av *a, int32_t i, const ws_av *b, int32_t j)
{
	ws_arena   *ar,
			   *scratch;
	name_key	x,
				y;
	bool		r;

	if (a->entries[i].namehash != b->entries[j].namehash)
		return false;
	if (strcmp(ws_av_name(a, i), ws_av_name(b, j)) == 0)
		return true;
	/* equal hashes of different bytes: compare the token sequences */
	ar = ws_arena_new();
	scratch = ws_arena_new();
	entry_key(ar, &scratch, a, i, &x);
	entry_key(ar, &scratch, b, j, &y);
	r = cmp_name_key(&x, &y) == 0;
	ws_arena_free(scratch);
	ws_arena_free(ar);
	return r;
}

/* The (kind, speaker) bit of entry e, as mask_fits reads it. */
static uint8_t
entry_bits(const ws_av_entry *e)
{
	return kind_bits(e->kind, false) & ((e->flags & WS_AV_SPEAKER) ? 0xAA : 0x55);
}

/* av_compare of small vectors: every pair. */
static bool
compare_pairwise(const ws_av *a, const ws_av *b, bool overlap)
{
	for (int32_t j = 0; j < b->n; j++)
	{
		const ws_av_entry *eb = &b->entries[j];
		bool		found = false;

		for (int32_t i = 0; i < a->n && !found; i++)
			found = mask_fits(entry_bits(&a->entries[i]), eb, overlap) && same_name(a, i, b, j);
		if (found == overlap)
			return overlap;
	}
	return !overlap;
}

static bool
av_compare(const ws_av *a, const ws_av *b, bool overlap)
{
	ws_arena   *ar,
			   *scratch;
	name_key   *keys;
	bool		result = !overlap;
	uint32_t	work = 0;

	if ((int64_t) a->n * b->n <= PAIRWISE_MAX)
		return compare_pairwise(a, b, overlap);

	ar = ws_arena_new();
	scratch = ws_arena_new();
	keys = ws_arena_alloc(ar, sizeof(name_key) * (size_t) (a->n > 0 ? a->n : 1));
	for (int32_t i = 0; i < a->n; i++)
		entry_key(ar, &scratch, a, i, &keys[i]);
	qsort(keys, (size_t) a->n, sizeof(name_key), cmp_name_key);
	for (int32_t i = 0; i < a->n;)
	{
		int32_t		j = i;
		uint8_t		mask = 0;

		for (; j < a->n && cmp_name_key(&keys[i], &keys[j]) == 0; j++)
			mask |= entry_bits(&a->entries[keys[j].entry]);
		for (; i < j; i++)
			keys[i].mask = mask;
		tick(&work);
	}
	for (int32_t j = 0; j < b->n; j++)
	{
		name_key	key;
		int32_t		lo = 0,
					hi = a->n;
		bool		found;

		entry_key(ar, &scratch, b, j, &key);
		while (lo < hi)
		{
			int32_t		mid = lo + (hi - lo) / 2;

			if (cmp_name_key(&keys[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		found = lo < a->n && cmp_name_key(&keys[lo], &key) == 0 &&
			mask_fits(keys[lo].mask, &b->entries[j], overlap);
		if (found == overlap)
		{
			result = overlap;
			break;
		}
	}
	ws_arena_free(scratch);
	ws_arena_free(ar);
	return result;
}

bool
ws_av_contains(const ws_av *a, const ws_av *b)
{
	return av_compare(a, b, false);
}

bool
ws_av_overlaps(const ws_av *a, const ws_av *b)
{
	return av_compare(a, b, true);
}
