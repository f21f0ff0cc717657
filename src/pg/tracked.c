/*
 * tracked.c — the privilege boundary of tracked tables (docs/security.md).
 *
 * track_trigger: the statement triggers of a tracked table
 * (whosaid.track_insert(), whosaid.track_update()) run their PL/pgSQL body
 * (whosaid._track_insert(), whosaid._track_update()) as the owner of the
 * table, in a security-restricted operation, the way PostgreSQL runs
 * foreign-key checks and maintenance commands. So whoever may write the table
 * needs no privilege on its derived tables, and a superuser writing another
 * role's table runs none of that role's code (triggers or defaults on the
 * derived tables, operators of its types) with superuser rights.
 *
 * owner_gate: the functions that write the catalog whosaid.tracked
 * (whosaid._tracked_add(), ...) check that the caller owns the table named by
 * their first argument, then call their SECURITY DEFINER body
 * (whosaid._tracked_add_definer(), ...), which no one else may execute. A
 * SECURITY DEFINER function cannot see who called it; this C function runs
 * with the caller's identity, so the check is made here.
 */
#include "whosaid_pg.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"

/*
 * The body of a front function: the function named prefix || own name ||
 * suffix, in the front function's own schema, with the same argument types.
 * Looked up by qualified name, so no search_path is involved; cached for the
 * life of the calling expression (fn_extra).
 */
static FmgrInfo *
body_of(FunctionCallInfo fcinfo, const char *prefix, const char *suffix)
{
	FmgrInfo   *body = fcinfo->flinfo->fn_extra;
	Oid			self = fcinfo->flinfo->fn_oid;
	Oid		   *argtypes;
	int			nargs;
	char	   *name;
	List	   *qualified;
	Oid			body_oid;

	if (body != NULL)
		return body;
	get_func_signature(self, &argtypes, &nargs);
	name = psprintf("%s%s%s", prefix, get_func_name(self), suffix);
	qualified = list_make2(makeString(get_namespace_name(get_func_namespace(self))),
						   makeString(name));
	body_oid = LookupFuncName(qualified, nargs, argtypes, false);
	body = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(FmgrInfo));
	fmgr_info_cxt(body_oid, body, fcinfo->flinfo->fn_mcxt);
	fcinfo->flinfo->fn_extra = body;
	return body;
}

PG_FUNCTION_INFO_V1(track_trigger);

Datum
track_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Oid			owner;
	Oid			nsp;
	FmgrInfo   *body;
	Oid			save_userid;
	int			save_sec;
	Datum		result;

	LOCAL_FCINFO(inner, 0);

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function %s must be fired as a trigger",
						get_func_name(fcinfo->flinfo->fn_oid))));
	owner = trigdata->tg_relation->rd_rel->relowner;
	nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	/*
	 * Without USAGE on the schema the body cannot even be compiled, and
	 * PL/pgSQL would print its whole source with the error: say what is
	 * missing instead.
	 */
	if (whosaid_namespace_aclcheck(nsp, owner, ACL_USAGE) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("role \"%s\" owns tracked table %s but has no USAGE on schema %s",
						GetUserNameFromId(owner, false),
						RelationGetRelationName(trigdata->tg_relation),
						get_namespace_name(nsp)),
				 errdetail("The quotes and actors of a tracked table are extracted with its owner's rights."),
				 errhint("GRANT USAGE ON SCHEMA %s TO %s;", get_namespace_name(nsp),
						 quote_identifier(GetUserNameFromId(owner, false)))));

	body = body_of(fcinfo, "_", "");
	InitFunctionCallInfoData(*inner, body, 0, InvalidOid, fcinfo->context, NULL);

	/* An error restores the user on (sub)transaction abort, as in ri_triggers.c. */
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(owner, save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	result = FunctionCallInvoke(inner);
	SetUserIdAndSecContext(save_userid, save_sec);
	return result;
}

PG_FUNCTION_INFO_V1(owner_gate);

Datum
owner_gate(PG_FUNCTION_ARGS)
{
	Oid			relid;
	FmgrInfo   *body;
	FunctionCallInfo inner;
	Datum		result;
	int			i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("table must not be null")));
	relid = PG_GETARG_OID(0);
	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	if (!whosaid_rel_ownercheck(relid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, get_relkind_objtype(get_rel_relkind(relid)),
					   get_rel_name(relid));

	body = body_of(fcinfo, "", "_definer");
	inner = palloc(SizeForFunctionCallInfo(fcinfo->nargs));
	InitFunctionCallInfoData(*inner, body, fcinfo->nargs, fcinfo->fncollation, NULL, NULL);
	for (i = 0; i < fcinfo->nargs; i++)
		inner->args[i] = fcinfo->args[i];
	result = FunctionCallInvoke(inner);
	fcinfo->isnull = inner->isnull;
	pfree(inner);
	return result;
}

/*
 * whosaid._track_key_ops(tbl, strategy): per primary key column of tbl, the
 * schema-qualified operator of its btree operator class for a strategy
 * (BTLessStrategyNumber .. BTGreaterStrategyNumber), as OPERATOR(nsp.op).
 * Generated SQL compares keys with these, so no operator is ever found
 * through a search_path. From the relcache and syscache: the triggers call
 * it on every statement, and the same catalog join in SQL took 0.2 ms.
 */
PG_FUNCTION_INFO_V1(track_key_ops);

Datum
track_key_ops(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	int32		strategy = PG_GETARG_INT32(1);
	Relation	rel;
	Relation	index;
	Oid			pk;
	Datum	   *ops;
	int			nkeys;
	int			i;
	ArrayType  *result;

	if (strategy < BTLessStrategyNumber || strategy > BTGreaterStrategyNumber)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("btree strategy must be between %d and %d",
						BTLessStrategyNumber, BTGreaterStrategyNumber)));
	rel = table_open(relid, AccessShareLock);
	pk = ws_primary_key_index(rel);
	if (!OidIsValid(pk))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table %s has no primary key", RelationGetRelationName(rel))));
	index = index_open(pk, AccessShareLock);
	nkeys = IndexRelationGetNumberOfKeyAttributes(index);
	ops = palloc(nkeys * sizeof(Datum));
	for (i = 0; i < nkeys; i++)
	{
		Oid			type = index->rd_opcintype[i];
		Oid			op = get_opfamily_member(index->rd_opfamily[i], type, type, (int16) strategy);
		HeapTuple	tup;
		Form_pg_operator form;

		if (!OidIsValid(op))
			elog(ERROR, "no operator of strategy %d in operator family %u",
				 strategy, index->rd_opfamily[i]);
		tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(op));
		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for operator %u", op);
		form = (Form_pg_operator) GETSTRUCT(tup);
		ops[i] = CStringGetTextDatum(psprintf("OPERATOR(%s.%s)",
											  quote_identifier(get_namespace_name(form->oprnamespace)),
											  NameStr(form->oprname)));
		ReleaseSysCache(tup);
	}
	index_close(index, AccessShareLock);
	table_close(rel, AccessShareLock);
	result = construct_array(ops, nkeys, TEXTOID, -1, false, TYPALIGN_INT);
	PG_RETURN_ARRAYTYPE_P(result);
}
