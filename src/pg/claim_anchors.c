/*
 * claim_anchors.c — the engine's claim blocking (claimvec.h: ws_cv_anchors,
 * ws_cv_group) for claim assignment in tracked tables (55_claims.sql):
 *
 *   whosaid._claim_anchors(claimvec) -> int4[]    a quotation's anchors, the
 *       keys <prefix>_claim_anchors holds and new quotes are joined on
 *   whosaid._claims_group(i int8, cv claimvec, threshold real)
 *       -> int8[]    for each quotation in the order of i (sorted here, so
 *       the call needs no ORDER BY, which would sort the claimvecs), the i
 *       of the quotation whose claim it joins: its own when no earlier one
 *       matches
 */
#include "claimvec_pg.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(_claim_anchors);

Datum
_claim_anchors(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	ws_cv		v;
	ws_arena   *a = ws_arena_new();
	int32	   *out;
	int32		n;
	Datum	   *d;
	ArrayType  *r;

	claimvec_view(p, &v);
	n = ws_cv_anchors(a, &v, &out);
	d = palloc((Size) Max(n, 1) * sizeof(Datum));
	for (int32 k = 0; k < n; k++)
		d[k] = Int32GetDatum(out[k]);
	r = construct_array(d, n, INT4OID, sizeof(int32), true, TYPALIGN_INT);
	ws_arena_free(a);
	PG_RETURN_ARRAYTYPE_P(r);
}

/* The quotations of _claims_group(), in the aggregate's memory context. */
typedef struct group_state
{
	int32		n,
				cap;
	int64	   *ids;
	ClaimVec  **cvs;
	double		threshold;
} group_state;

PG_FUNCTION_INFO_V1(_claims_group_add);

Datum
_claims_group_add(PG_FUNCTION_ARGS)
{
	MemoryContext aggcx,
				old;
	group_state *st;

	if (!AggCheckCallContext(fcinfo, &aggcx))
		elog(ERROR, "_claims_group_add called in non-aggregate context");
	st = PG_ARGISNULL(0) ? NULL : (group_state *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("whosaid._claims_group() takes no null arguments")));
	old = MemoryContextSwitchTo(aggcx);
	if (st == NULL)
	{
		st = palloc0(sizeof(group_state));
		st->cap = 64;
		st->ids = palloc(sizeof(int64) * st->cap);
		st->cvs = palloc(sizeof(ClaimVec *) * st->cap);
		st->threshold = PG_GETARG_FLOAT4(3);
	}
	else if (PG_GETARG_FLOAT4(3) != st->threshold)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("whosaid._claims_group() takes one threshold for all its rows")));
	if (st->n == st->cap)
	{
		if (st->cap >= (int32) (MaxAllocSize / sizeof(int64) / 2))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many quotations to group into claims in one statement")));
		st->cap *= 2;
		st->ids = repalloc(st->ids, sizeof(int64) * st->cap);
		st->cvs = repalloc(st->cvs, sizeof(ClaimVec *) * st->cap);
	}
	st->ids[st->n] = PG_GETARG_INT64(1);
	/* a copy: the input may be a pointer into a tuple that goes away */
	st->cvs[st->n] = (ClaimVec *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(2));
	st->n++;
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

/* The positions of the quotations sorted by i, then by arrival (qsort_arg). */
static int
cmp_by_id(const void *x, const void *y, void *arg)
{
	const int64 *ids = arg;
	int32		a = *(const int32 *) x,
				b = *(const int32 *) y;

	if (ids[a] != ids[b])
		return ids[a] < ids[b] ? -1 : 1;
	return (a > b) - (a < b);
}

PG_FUNCTION_INFO_V1(_claims_group_result);

Datum
_claims_group_result(PG_FUNCTION_ARGS)
{
	group_state *st = PG_ARGISNULL(0) ? NULL : (group_state *) PG_GETARG_POINTER(0);
	ws_arena   *a;
	ws_cv	   *views;
	const ws_cv **vp;
	int32	   *order,
			   *root;
	Datum	   *d;
	ArrayType  *r;

	if (st == NULL)
		PG_RETURN_NULL();
	a = ws_arena_new();
	views = palloc_extended(sizeof(ws_cv) * st->n, MCXT_ALLOC_HUGE);
	vp = palloc_extended(sizeof(ws_cv *) * st->n, MCXT_ALLOC_HUGE);
	order = palloc_extended(sizeof(int32) * st->n, MCXT_ALLOC_HUGE);
	root = palloc_extended(sizeof(int32) * st->n, MCXT_ALLOC_HUGE);
	for (int32 j = 0; j < st->n; j++)
		order[j] = j;
	qsort_arg(order, st->n, sizeof(int32), cmp_by_id, st->ids);
	for (int32 j = 0; j < st->n; j++)
	{
		claimvec_view(st->cvs[order[j]], &views[j]);
		if (views[j].k != views[0].k)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("cannot compare claimvecs of shingle sizes %d and %d", views[0].k, views[j].k),
					 errhint("Recompute both values with whosaid.to_claimvec().")));
		vp[j] = &views[j];
	}
	ws_cv_group(a, vp, st->n, st->threshold, root);
	d = palloc(sizeof(Datum) * st->n);
	for (int32 j = 0; j < st->n; j++)
		d[j] = Int64GetDatum(st->ids[order[root[j]]]);
	r = construct_array(d, st->n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	ws_arena_free(a);
	PG_RETURN_ARRAYTYPE_P(r);
}
