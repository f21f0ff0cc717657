/*
 * pg_compat.h — the one place that knows PostgreSQL major versions.
 * Every version test of the PostgreSQL layer lives here; the .c files use
 * what it defines. Built and tested on 15, 17 and 18 (test/matrix.sh).
 */
#ifndef WHOSAID_PG_COMPAT_H
#define WHOSAID_PG_COMPAT_H

#include "postgres.h"

/* PostgreSQL 16 moved the varlena macros (VARSIZE, SET_VARSIZE, ...) here. */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * The module's magic block. 18 records the name and version, which
 * pg_get_loaded_modules() shows; WS_EXTVERSION comes from the Makefile.
 */
#if PG_VERSION_NUM >= 180000
#define WS_MODULE_MAGIC PG_MODULE_MAGIC_EXT(.name = "whosaid", .version = WS_EXTVERSION)
#else
#define WS_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/*
 * Soft input errors: errsave on PostgreSQL 16+, so that pg_input_is_valid()
 * and COPY ... ON_ERROR work; a plain ERROR on 15, where input functions
 * get no error context (WS_ESCONTEXT is then NULL).
 */
#if PG_VERSION_NUM >= 160000
#define WS_ESCONTEXT(fcinfo) ((fcinfo)->context)
#define WS_SOFT_ERROR(escontext, ...) errsave(escontext, __VA_ARGS__)
#define WS_INPUT_ERROR(fcinfo, ...) \
	do { errsave((fcinfo)->context, __VA_ARGS__); PG_RETURN_NULL(); } while (0)
#else
#define WS_ESCONTEXT(fcinfo) ((Node *) NULL)
#define WS_SOFT_ERROR(escontext, ...) ereport(ERROR, __VA_ARGS__)
#define WS_INPUT_ERROR(fcinfo, ...) \
	do { ereport(ERROR, __VA_ARGS__); PG_RETURN_NULL(); } while (0)
#endif

/* make_range() takes an error context from 16 on; ours never fails softly. */
#if PG_VERSION_NUM >= 160000
#define ws_make_range(typcache, lo, hi, empty) make_range(typcache, lo, hi, empty, NULL)
#else
#define ws_make_range(typcache, lo, hi, empty) make_range(typcache, lo, hi, empty)
#endif

/* 18 asks whether a deferrable primary key will do; ours must be immediate. */
#if PG_VERSION_NUM >= 180000
#define ws_primary_key_index(rel) RelationGetPrimaryKeyIndex((rel), false)
#else
#define ws_primary_key_index(rel) RelationGetPrimaryKeyIndex(rel)
#endif

/*
 * Ownership and ACL checks: PostgreSQL 16 replaced the per-catalog functions
 * (pg_class_ownercheck, pg_namespace_aclcheck) with object_ownercheck and
 * object_aclcheck.
 */
#include "catalog/pg_class.h"
#include "catalog/pg_namespace.h"
#include "utils/acl.h"
#if PG_VERSION_NUM >= 160000
#define whosaid_rel_ownercheck(relid, roleid) \
	object_ownercheck(RelationRelationId, (relid), (roleid))
#define whosaid_namespace_aclcheck(nsp, roleid, mode) \
	object_aclcheck(NamespaceRelationId, (nsp), (roleid), (mode))
#else
#define whosaid_rel_ownercheck(relid, roleid) pg_class_ownercheck((relid), (roleid))
#define whosaid_namespace_aclcheck(nsp, roleid, mode) \
	pg_namespace_aclcheck((nsp), (roleid), (mode))
#endif

#endif
