/*
 * actorvec_gin.c — the default GIN operator class of whosaid.actorvec.
 *
 * Keys are int4: the hash of one folded name token with its low three
 * bits replaced by the actor's kind and speaker flag. Every token of an
 * actor gives the plain key (bits 000) and, when the actor has a kind or
 * is quoted, the qualified key (kind << 1 | speaker). A name in a query
 * asks, per token, for the plain key or for the qualified keys its
 * prefixes allow. Keys are lossy (three hash bits are dropped and tokens
 * of different actors combine), so matches are rechecked; an absent key
 * is exact, which makes "definitely not" and "! of definitely not" exact.
 *
 * Strategies: 1 @@ actorquery, 2 @> actorvec, 3 && actorvec. The last two
 * are turned into a query (AND resp. OR of the actors' names).
 */
#include "actorvec.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "miscadmin.h"

#define AV_STRAT_MATCH 1
#define AV_STRAT_CONTAINS 2
#define AV_STRAT_OVERLAP 3

static inline int32
make_key(uint32 tok, int kind, int speaker)
{
	return (int32) ((tok & ~(uint32) 7) | (uint32) (kind << 1) | (uint32) speaker);
}

PG_FUNCTION_INFO_V1(actorvec_gin_extract_value);

Datum
actorvec_gin_extract_value(PG_FUNCTION_ARGS)
{
	ActorVec   *p = PG_GETARG_ACTORVEC_P(0);
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	ws_av		v;
	Datum	   *keys;
	int32		n = 0,
				cap = 0;

	actorvec_view(p, &v);
	for (int32 i = 0; i < v.n; i++)
		cap += v.entries[i].ntoks * ((v.entries[i].kind || v.entries[i].flags) ? 2 : 1);
	keys = palloc(sizeof(Datum) * Max(cap, 1));
	for (int32 i = 0; i < v.n; i++)
	{
		const ws_av_entry *e = &v.entries[i];
		int			spk = (e->flags & WS_AV_SPEAKER) ? 1 : 0;

		for (int32 k = 0; k < e->ntoks; k++)
		{
			uint32		t = v.toks[e->tok + k];

			keys[n++] = Int32GetDatum(make_key(t, 0, 0));
			if (e->kind || spk)
				keys[n++] = Int32GetDatum(make_key(t, e->kind, spk));
		}
	}
	*nentries = n;
	PG_RETURN_POINTER(keys);
}

/* What extractQuery leaves for consistent: the query and its key layout. */
typedef struct GinPlan
{
	ws_aq		q;
	int32	   *first;			/* per node: its first key (names only) */
} GinPlan;

/* The (kind, speaker) pairs whose keys satisfy a name's prefixes. */
static int
key_combos(const ws_aq_node *nd, int kinds[4], int spk[4])
{
	bool		s = (nd->flags & WS_AV_SPEAKER) != 0;

	if (nd->kind == 0 && !s)
	{
		kinds[0] = 0;
		spk[0] = 0;
		return 1;
	}
	if (nd->kind == 0)
	{
		for (int k = 0; k < 4; k++)
		{
			kinds[k] = k;
			spk[k] = 1;
		}
		return 4;
	}
	kinds[0] = kinds[1] = nd->kind;
	spk[0] = 1;
	spk[1] = 0;
	return s ? 1 : 2;
}

static int
leaf_false(void *ctx, int32 node)
{
	return WS_FALSE;
}

/* The query of @> (AND) or && (OR) over the actors of b. */
static ws_aq *
query_of_vec(ws_arena *a, const ws_av *b, bool overlap, bool *unusable)
{
	ws_aq_raw  *raw = palloc0(sizeof(ws_aq_raw) * (b->n + 1));
	int32		n = 1,
				names = 0;
	ws_fmt_error err;
	ws_aq	   *q;

	*unusable = false;
	raw[0].type = overlap ? WS_AQ_OR : WS_AQ_AND;
	for (int32 i = 0; i < b->n; i++)
	{
		const char *name = ws_av_name(b, i);
		uint32	   *t;

		if (ws_av_tokens(a, name, strlen(name), &t, NULL) == 0)
		{
			/* a name without tokens has no key: it cannot narrow an OR */
			if (overlap)
				*unusable = true;
			continue;
		}
		raw[n].type = WS_AQ_NAME;
		raw[n].kind = overlap ? 0 : b->entries[i].kind;
		raw[n].flags = overlap ? 0 : b->entries[i].flags;
		raw[n].name = name;
		raw[n].namelen = strlen(name);
		n++;
		names++;
	}
	if (names == 0)
		return ws_aq_assemble(a, NULL, 0, &err);
	if (names == 1)
		q = ws_aq_assemble(a, raw + 1, 1, &err);
	else
	{
		raw[0].nargs = names;
		q = ws_aq_assemble(a, raw, n, &err);
	}
	if (q == NULL)
		elog(ERROR, "could not build index query from actorvec: %s", err.msg);
	return q;
}

PG_FUNCTION_INFO_V1(actorvec_gin_extract_query);

Datum
actorvec_gin_extract_query(PG_FUNCTION_ARGS)
{
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	Pointer   **extra_data = (Pointer **) PG_GETARG_POINTER(4);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	GinPlan    *plan = palloc0(sizeof(GinPlan));
	Datum	   *keys;
	int32		nk = 0,
				cap = 0;
	bool		all = false;

	*searchMode = GIN_SEARCH_MODE_DEFAULT;
	if (strategy == AV_STRAT_MATCH)
		actorquery_view(PG_GETARG_ACTORQUERY_P(0), &plan->q);
	else if (strategy == AV_STRAT_CONTAINS || strategy == AV_STRAT_OVERLAP)
	{
		ws_av		b;
		bool		unusable;

		actorvec_view(PG_GETARG_ACTORVEC_P(0), &b);
		plan->q = *query_of_vec(ws_arena_new(), &b, strategy == AV_STRAT_OVERLAP, &unusable);
		if (strategy == AV_STRAT_CONTAINS && plan->q.n == 0)
			all = true;			/* everything contains the empty vector */
		if (unusable)
			plan->q.n = 0;		/* no keys at all: scan everything, recheck */
		if (unusable)
			all = true;
	}
	else
		elog(ERROR, "unrecognized strategy number: %d", strategy);

	plan->first = palloc0(sizeof(int32) * Max(plan->q.n, 1));
	for (int32 i = 0; i < plan->q.n; i++)
	{
		const ws_aq_node *nd = &plan->q.nodes[i];
		int			kinds[4],
					spk[4];

		if (nd->type == WS_AQ_NAME)
			cap += nd->nargs * key_combos(nd, kinds, spk);
	}
	keys = palloc(sizeof(Datum) * Max(cap, 1));
	for (int32 i = 0; i < plan->q.n; i++)
	{
		const ws_aq_node *nd = &plan->q.nodes[i];
		int			kinds[4],
					spk[4],
					nc;

		if (nd->type != WS_AQ_NAME)
			continue;
		plan->first[i] = nk;
		nc = key_combos(nd, kinds, spk);
		for (int32 t = 0; t < nd->nargs; t++)
			for (int c = 0; c < nc; c++)
				keys[nk++] = Int32GetDatum(make_key(plan->q.toks[nd->tok + t], kinds[c], spk[c]));
	}

	/* a query a row without any of the keys can satisfy (!x) scans all */
	if (plan->q.n > 0 && ws_aq_eval(&plan->q, leaf_false, NULL) != WS_FALSE)
		all = true;
	if (all)
		*searchMode = GIN_SEARCH_MODE_ALL;
	if (nk > 0)
	{
		*extra_data = palloc(sizeof(Pointer) * nk);
		for (int32 k = 0; k < nk; k++)
			(*extra_data)[k] = (Pointer) plan;
	}
	*nentries = nk;
	PG_RETURN_POINTER(keys);
}

typedef struct CheckCtx
{
	const GinPlan *plan;
	const bool *check;			/* consistent */
	const GinTernaryValue *tri; /* triConsistent */
} CheckCtx;

static int
key_state(const CheckCtx *c, int32 k)
{
	if (c->tri)
		return c->tri[k] == GIN_TRUE ? WS_TRUE : c->tri[k] == GIN_MAYBE ? WS_MAYBE : WS_FALSE;
	return c->check[k] ? WS_TRUE : WS_FALSE;
}

/* A name: every token needs one of its keys; never more than "maybe". */
static int
leaf_keys(void *ctx, int32 node)
{
	CheckCtx   *c = ctx;
	const ws_aq_node *nd = &c->plan->q.nodes[node];
	int			kinds[4],
				spk[4];
	int			nc = key_combos(nd, kinds, spk);
	int32		k = c->plan->first[node];

	for (int32 t = 0; t < nd->nargs; t++)
	{
		int			best = WS_FALSE;

		for (int j = 0; j < nc; j++, k++)
		{
			int			s = key_state(c, k);

			if (s != WS_FALSE)
				best = WS_MAYBE;
		}
		if (best == WS_FALSE)
			return WS_FALSE;
	}
	return WS_MAYBE;
}

PG_FUNCTION_INFO_V1(actorvec_gin_consistent);

Datum
actorvec_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);
	CheckCtx	c = {0};
	int			r;

	*recheck = true;
	if (nkeys == 0 || extra_data == NULL)
		PG_RETURN_BOOL(true);	/* full scan without keys: recheck decides */
	c.plan = (const GinPlan *) extra_data[0];
	c.check = check;
	r = ws_aq_eval(&c.plan->q, leaf_keys, &c);
	*recheck = (r != WS_TRUE);
	PG_RETURN_BOOL(r != WS_FALSE);
}

PG_FUNCTION_INFO_V1(actorvec_gin_triconsistent);

Datum
actorvec_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	CheckCtx	c = {0};
	int			r;

	if (nkeys == 0 || extra_data == NULL)
		PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	c.plan = (const GinPlan *) extra_data[0];
	c.tri = check;
	r = ws_aq_eval(&c.plan->q, leaf_keys, &c);
	PG_RETURN_GIN_TERNARY_VALUE(r == WS_TRUE ? GIN_TRUE : r == WS_MAYBE ? GIN_MAYBE : GIN_FALSE);
}
