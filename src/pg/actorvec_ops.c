/*
 * actorvec_ops.c — the operators: actorvec @@ actorquery (and its
 * commutator), @> and <@ (containment of actors) and && (a shared actor).
 * Semantics live in the engine (ws_av_matches, ws_av_contains,
 * ws_av_overlaps); see README.md, "Querying actors".
 */
#include "actorvec.h"

#include "fmgr.h"

/* actorvec @@ actorquery, with the two in argument positions vec_arg and query_arg */
static bool
matches(FunctionCallInfo fcinfo, int vec_arg, int query_arg)
{
	ActorVec   *vp = PG_GETARG_ACTORVEC_P(vec_arg);
	ActorQuery *qp = PG_GETARG_ACTORQUERY_P(query_arg);
	ws_av		v;
	ws_aq		q;
	bool		r;

	actorvec_view(vp, &v);
	actorquery_view(qp, &q);
	r = ws_av_matches(&v, &q);
	PG_FREE_IF_COPY(vp, vec_arg);
	PG_FREE_IF_COPY(qp, query_arg);
	return r;
}

PG_FUNCTION_INFO_V1(actorvec_matches);

Datum
actorvec_matches(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(matches(fcinfo, 0, 1));
}

PG_FUNCTION_INFO_V1(actorquery_matches);

Datum
actorquery_matches(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(matches(fcinfo, 1, 0));
}

typedef bool (*av_pred) (const ws_av *a, const ws_av *b);

static Datum
compare2(FunctionCallInfo fcinfo, av_pred pred, bool swap)
{
	ActorVec   *ap = PG_GETARG_ACTORVEC_P(0);
	ActorVec   *bp = PG_GETARG_ACTORVEC_P(1);
	ws_av		a,
				b;
	bool		r;

	actorvec_view(ap, &a);
	actorvec_view(bp, &b);
	r = swap ? pred(&b, &a) : pred(&a, &b);
	PG_FREE_IF_COPY(ap, 0);
	PG_FREE_IF_COPY(bp, 1);
	PG_RETURN_BOOL(r);
}

PG_FUNCTION_INFO_V1(actorvec_contains);

Datum
actorvec_contains(PG_FUNCTION_ARGS)
{
	return compare2(fcinfo, ws_av_contains, false);
}

PG_FUNCTION_INFO_V1(actorvec_contained);

Datum
actorvec_contained(PG_FUNCTION_ARGS)
{
	return compare2(fcinfo, ws_av_contains, true);
}

PG_FUNCTION_INFO_V1(actorvec_overlaps);

Datum
actorvec_overlaps(PG_FUNCTION_ARGS)
{
	return compare2(fcinfo, ws_av_overlaps, false);
}
