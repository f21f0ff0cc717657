/*
 * operator_support.c — the planner support function of the operators'
 * function forms (whosaid.matches(), whosaid.actorvec_matches(), ...).
 *
 * A function call is not an operator, so without help the planner cannot use
 * the GIN index for whosaid.matches(actors, q). Given the call, this function
 * returns the operator clause it stands for (actors @@ q), which the index
 * supports, the way PostGIS's ST_Intersects gives &&. It also estimates the
 * call's selectivity as the operator's. The operator is found by its
 * qualified name, so none of this depends on search_path: the function
 * forms are how a session without whosaid on its path queries with an index.
 */
#include "whosaid_pg.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "optimizer/plancat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

/* C implementation of an operator (pg_proc.prosrc) -> the operator's name */
static const struct
{
	const char *prosrc;
	const char *opname;
}			forms[] = {
	{"actorvec_matches", "@@"},
	{"actorquery_matches", "@@"},
	{"actorvec_contains", "@>"},
	{"actorvec_contained", "<@"},
	{"actorvec_overlaps", "&&"},
	{"claim_matches", "%"},
};

/*
 * The operator a two-argument call of funcid stands for, looked up in the
 * function's own schema by name and argument types; InvalidOid if none.
 */
static Oid
operator_of(Oid funcid, List *args)
{
	HeapTuple	tup;
	Datum		src;
	bool		isnull;
	char	   *prosrc;
	Oid			nsp;
	Oid			opno = InvalidOid;
	size_t		i;

	if (list_length(args) != 2)
		return InvalidOid;
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcid));
	if (!HeapTupleIsValid(tup))
		return InvalidOid;
	nsp = ((Form_pg_proc) GETSTRUCT(tup))->pronamespace;
	src = SysCacheGetAttr(PROCOID, tup, Anum_pg_proc_prosrc, &isnull);
	prosrc = isnull ? NULL : TextDatumGetCString(src);
	ReleaseSysCache(tup);
	for (i = 0; prosrc != NULL && i < lengthof(forms); i++)
		if (strcmp(prosrc, forms[i].prosrc) == 0)
		{
			List	   *name = list_make2(makeString(get_namespace_name(nsp)),
										  makeString(pstrdup(forms[i].opname)));

			opno = OpernameGetOprid(name, exprType(linitial(args)), exprType(lsecond(args)));
			break;
		}
	return opno;
}

PG_FUNCTION_INFO_V1(actorvec_support);

Datum
actorvec_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);

	if (IsA(rawreq, SupportRequestIndexCondition))
	{
		SupportRequestIndexCondition *req = (SupportRequestIndexCondition *) rawreq;
		FuncExpr   *call;
		Oid			opno;
		Node	   *indexed;
		Node	   *other;

		if (!IsA(req->node, FuncExpr))
			PG_RETURN_POINTER(NULL);
		call = (FuncExpr *) req->node;
		opno = operator_of(call->funcid, call->args);
		if (!OidIsValid(opno) || req->indexarg > 1)
			PG_RETURN_POINTER(NULL);
		/* the index column must be the operator's left operand */
		if (req->indexarg == 1)
			opno = get_commutator(opno);
		if (!OidIsValid(opno) || !op_in_opfamily(opno, req->opfamily))
			PG_RETURN_POINTER(NULL);
		indexed = list_nth(call->args, req->indexarg);
		other = list_nth(call->args, 1 - req->indexarg);
		if (!is_pseudo_constant_for_index(req->root, other, req->index))
			PG_RETURN_POINTER(NULL);
		req->lossy = false;		/* the operator is exactly the function */
		PG_RETURN_POINTER(list_make1(make_opclause(opno, BOOLOID, false,
												   (Expr *) indexed, (Expr *) other,
												   InvalidOid, call->inputcollid)));
	}
	if (IsA(rawreq, SupportRequestSelectivity))
		PG_RETURN_POINTER(whosaid_call_selectivity((SupportRequestSelectivity *) rawreq));
	PG_RETURN_POINTER(NULL);
}

/*
 * The selectivity of a function form as its operator's (also for
 * claim_matches(), whose support function is claimvec.c's); NULL when the
 * function stands for no operator.
 */
SupportRequestSelectivity *
whosaid_call_selectivity(SupportRequestSelectivity *req)
{
	Oid			opno = operator_of(req->funcid, req->args);

	if (!OidIsValid(opno))
		return NULL;
	if (req->is_join)
		req->selectivity = join_selectivity(req->root, opno, req->args, req->inputcollid,
											req->jointype, req->sjinfo);
	else
		req->selectivity = restriction_selectivity(req->root, opno, req->args,
												   req->inputcollid, req->varRelid);
	return req;
}
