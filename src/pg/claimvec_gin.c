/*
 * claimvec_gin.c — the default GIN operator class of whosaid.claimvec,
 * for a % b (claim_similarity(a, b) >= whosaid.claim_threshold).
 *
 * Keys are int4: a gram hash (claimvec.h) with bit 3 replaced by a flag.
 * A row gives every gram it holds with the flag clear ("holds g") and
 * every one of its features with the flag set and bits 4..6 replaced by
 * the row's size class ("needs g", class b). The similarity is the
 * containment of the shorter quotation in the longer, and the index
 * cannot know which of the row and the query is shorter, so a row can only
 * match when one of these holds:
 *   A. the row is the longer: at least ceil(c_min * |F(q)|) of the query's
 *      features are "held" by the row, c_min = ws_cv_min_containment(t);
 *   B. the row is the shorter: at least ceil(c_min * |F(r)|) of its
 *      features are grams of the query. The query asks, for each size
 *      class b, for the "needs g, b" keys of its grams g, and a row of
 *      class b must have at least ceil(c_min * 2^b) of them. Class 0 is a
 *      row of one feature or of several segments (whose in-order
 *      containment may count a feature twice): one key is enough. Class b
 *      in 1..7 is a row of one segment with 2^b <= |F(r)| < 2^(b+1)
 *      (class 7: 128 or more), whose features are all its k-grams.
 *      Asking for one key only, as before, made every row sharing a common
 *      word pair ("of the") with the query a candidate to recheck.
 * Keys are lossy (hash bits are dropped) and the bounds are only necessary,
 * so every match is rechecked; a lost bit can only add present keys. A
 * short fragment ("going dark") has its whole-segment gram as its one
 * feature: A asks for the rows holding that two-word gram, B for the rows
 * that are one of its grams. A threshold of zero matches everything, empty
 * quotations included: a full scan.
 */
#include "claimvec_pg.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "miscadmin.h"

#include <math.h>

#define CLAIM_STRAT_SIMILAR 1
#define FEATURE_BIT (1u << 3)
#define CLASS_SHIFT 4
#define NCLASSES 8
#define CLASS_MASK ((uint32) (NCLASSES - 1) << CLASS_SHIFT)

/* "holds g" (cls < 0) or "needs g" of a row of size class cls */
static inline Datum
gin_key(uint32 g, int cls)
{
	if (cls < 0)
		return Int32GetDatum((int32) (g & ~FEATURE_BIT));
	return Int32GetDatum((int32) ((g & ~(FEATURE_BIT | CLASS_MASK)) | FEATURE_BIT |
								  ((uint32) cls << CLASS_SHIFT)));
}

/* The size class of a row (see the top of the file). */
static int
size_class(const ws_cv *v)
{
	int32		f = ws_cv_nfeatures(v);
	int			b = 0;

	if (v->nsegs > 1 || f < 2)
		return 0;
	while (b < NCLASSES - 1 && f >= (2 << b))
		b++;
	return b;
}

PG_FUNCTION_INFO_V1(claimvec_gin_extract_value);

Datum
claimvec_gin_extract_value(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	ws_cv		v;
	Datum	   *keys;
	int32		n = 0,
				cur = 0;

	int			cls;

	claimvec_view(p, &v);
	cls = size_class(&v);
	keys = palloc(sizeof(Datum) * Max(2 * v.nkeys, 1));
	for (int32 i = 0; i < v.nkeys; i++)
	{
		keys[n++] = gin_key(v.keys[i], -1);
		if (ws_cv_is_feature(&v, v.keys[i], &cur))
			keys[n++] = gin_key(v.keys[i], cls);
	}
	*nentries = n;
	PG_RETURN_POINTER(keys);
}

/*
 * What extractQuery leaves for consistent: keys [0, na) are condition A's,
 * then keys [start[c], start[c + 1]) are B's for class c of ncls.
 */
typedef struct ClaimPlan
{
	int32		na;
	int32		need;			/* of them, for A */
	int32		ncls;
	int32		start[NCLASSES + 1];
	int32		cneed[NCLASSES];	/* of class c's keys, for B */
} ClaimPlan;

PG_FUNCTION_INFO_V1(claimvec_gin_extract_query);

Datum
claimvec_gin_extract_query(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	Pointer   **extra_data = (Pointer **) PG_GETARG_POINTER(4);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	ClaimPlan  *plan = palloc0(sizeof(ClaimPlan));
	ws_cv		q;
	Datum	   *keys;
	int32		n = 0,
				nk = 0,
				cur = 0;
	double		cmin;

	if (strategy != CLAIM_STRAT_SIMILAR)
		elog(ERROR, "unrecognized strategy number: %d", strategy);
	claimvec_view(p, &q);
	*searchMode = GIN_SEARCH_MODE_DEFAULT;
	*nentries = 0;
	/* a little below the threshold: the bound must never exclude a match */
	cmin = ws_cv_min_containment((double) (float4) whosaid_claim_threshold - 1e-6);
	if (whosaid_claim_threshold <= 0.0)
	{
		*searchMode = GIN_SEARCH_MODE_ALL;
		PG_RETURN_POINTER(NULL);
	}
	keys = palloc(sizeof(Datum) * Max((NCLASSES + 1) * q.nkeys, 1));
	for (int32 i = 0; i < q.nkeys; i++)
		if (ws_cv_is_feature(&q, q.keys[i], &cur))
			keys[n++] = gin_key(q.keys[i], -1);
	plan->na = n;
	plan->need = Max(1, (int32) ceil(cmin * n - 1e-9));
	for (int32 i = 0; i < q.nkeys; i++)
		if (WS_CV_ORDER(q.keys[i]) == q.k)
			nk++;
	for (int c = 0; c < NCLASSES; c++)
	{
		int32		need = c == 0 ? 1 : Max(1, (int32) ceil(cmin * (1 << c) - 1e-9));

		/* a row of class c needs more of the query's k-grams than it has */
		if (c > 0 && need > nk)
			break;
		plan->start[c] = n;
		plan->cneed[c] = need;
		for (int32 i = 0; i < q.nkeys; i++)
			if (c == 0 || WS_CV_ORDER(q.keys[i]) == q.k)
				keys[n++] = gin_key(q.keys[i], c);
		plan->ncls = c + 1;
	}
	plan->start[plan->ncls] = n;
	/* no words: nothing is similar to it (default mode with no keys) */
	if (n > 0)
	{
		*extra_data = palloc(sizeof(Pointer) * n);
		for (int32 k = 0; k < n; k++)
			(*extra_data)[k] = (Pointer) plan;
	}
	*nentries = n;
	PG_RETURN_POINTER(keys);
}

/* GIN_FALSE, or GIN_MAYBE when condition A or B can still hold. */
static GinTernaryValue
decide(const ClaimPlan *plan, int32 nkeys, const GinTernaryValue *tri, const bool *check)
{
	int32		held = 0;

	Assert(nkeys == plan->start[plan->ncls]);
	for (int32 k = 0; k < plan->na; k++)
		if (tri ? tri[k] != GIN_FALSE : check[k])
			if (++held >= plan->need)
				return GIN_MAYBE;	/* A */
	for (int c = 0; c < plan->ncls; c++)
	{
		int32		got = 0;

		for (int32 k = plan->start[c]; k < plan->start[c + 1]; k++)
			if (tri ? tri[k] != GIN_FALSE : check[k])
				if (++got >= plan->cneed[c])
					return GIN_MAYBE;	/* B */
	}
	return GIN_FALSE;
}

PG_FUNCTION_INFO_V1(claimvec_gin_consistent);

Datum
claimvec_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);

	*recheck = true;
	if (nkeys == 0 || extra_data == NULL)
		PG_RETURN_BOOL(true);	/* full scan: recheck decides */
	PG_RETURN_BOOL(decide((const ClaimPlan *) extra_data[0], nkeys, NULL, check) != GIN_FALSE);
}

PG_FUNCTION_INFO_V1(claimvec_gin_triconsistent);

Datum
claimvec_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);

	if (nkeys == 0 || extra_data == NULL)
		PG_RETURN_GIN_TERNARY_VALUE(GIN_MAYBE);
	PG_RETURN_GIN_TERNARY_VALUE(decide((const ClaimPlan *) extra_data[0], nkeys, check, NULL));
}
