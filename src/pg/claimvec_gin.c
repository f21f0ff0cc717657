/*
 * claimvec_gin.c — the default GIN operator class of whosaid.claimvec,
 * for a % b (claim_similarity(a, b) >= whosaid.claim_threshold).
 *
 * Keys are int4: a gram hash (claimvec.h) with bit 3 replaced by a flag.
 * A row gives every gram it holds with the flag clear ("holds g") and
 * every one of its features with the flag set ("needs g"). The similarity
 * is the containment of the shorter quotation in the longer, and the index
 * cannot know which of the row and the query is shorter, so a row can only
 * match when one of these holds:
 *   A. the row is the longer: at least ceil(c_min * |F(q)|) of the query's
 *      features are "held" by the row, c_min = ws_cv_min_containment(t);
 *   B. the row is the shorter: one of its features is a gram of the query,
 *      i.e. some "needs g" key for g among the query's grams.
 * Keys are lossy (a hash bit is dropped) and the bound is only necessary,
 * so every match is rechecked. A short fragment ("going dark") has its
 * whole-segment gram as its one feature: A asks for the rows holding that
 * two-word gram, B for the rows that are one of its grams. A threshold of
 * zero matches everything, empty quotations included: a full scan.
 */
#include "claimvec_pg.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "miscadmin.h"

#include <math.h>

#define CLAIM_STRAT_SIMILAR 1
#define FEATURE_BIT (1u << 3)

static inline Datum
gin_key(uint32 g, bool feature)
{
	return Int32GetDatum((int32) ((g & ~FEATURE_BIT) | (feature ? FEATURE_BIT : 0)));
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

	claimvec_view(p, &v);
	keys = palloc(sizeof(Datum) * Max(2 * v.nkeys, 1));
	for (int32 i = 0; i < v.nkeys; i++)
	{
		keys[n++] = gin_key(v.keys[i], false);
		if (ws_cv_is_feature(&v, v.keys[i], &cur))
			keys[n++] = gin_key(v.keys[i], true);
	}
	*nentries = n;
	PG_RETURN_POINTER(keys);
}

/* What extractQuery leaves for consistent: keys [0, na) are condition A's. */
typedef struct ClaimPlan
{
	int32		na;
	int32		need;			/* of them, for A */
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
	keys = palloc(sizeof(Datum) * Max(2 * q.nkeys, 1));
	for (int32 i = 0; i < q.nkeys; i++)
		if (ws_cv_is_feature(&q, q.keys[i], &cur))
			keys[n++] = gin_key(q.keys[i], false);
	plan->na = n;
	plan->need = Max(1, (int32) ceil(cmin * n - 1e-9));
	for (int32 i = 0; i < q.nkeys; i++)
		keys[n++] = gin_key(q.keys[i], true);
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

	for (int32 k = 0; k < nkeys; k++)
	{
		bool		present = tri ? tri[k] != GIN_FALSE : check[k];

		if (!present)
			continue;
		if (k >= plan->na)
			return GIN_MAYBE;	/* B */
		if (++held >= plan->need)
			return GIN_MAYBE;	/* A */
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
