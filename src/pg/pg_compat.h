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

/* PostgreSQL 15 renamed EmitWarningsOnPlaceholders (utils/guc.h). */
#if PG_VERSION_NUM < 150000
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

/*
 * The library is built with -fvisibility=hidden (the Makefile; PostgreSQL 16
 * does the same for every module), so that only the SQL-callable functions,
 * _PG_init and the magic block are exported, not the engine. PostgreSQL 16
 * marks those PGDLLEXPORT itself; on 15 the mark is empty and
 * PG_FUNCTION_INFO_V1 leaves the function unmarked, so both are given the
 * default visibility here.
 */
#include "fmgr.h"
#if PG_VERSION_NUM < 160000 && defined(__GNUC__) && !defined(WIN32)
#undef PGDLLEXPORT
#define PGDLLEXPORT __attribute__((visibility("default")))
#undef PG_FUNCTION_INFO_V1
#define PG_FUNCTION_INFO_V1(funcname) \
extern PGDLLEXPORT Datum funcname(PG_FUNCTION_ARGS); \
extern PGDLLEXPORT const Pg_finfo_record * CppConcat(pg_finfo_,funcname)(void); \
const Pg_finfo_record * \
CppConcat(pg_finfo_,funcname) (void) \
{ \
	static const Pg_finfo_record my_finfo = { 1 }; \
	return &my_finfo; \
} \
extern int no_such_variable
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

/* 18 tells vacuum_delay_point() whether ANALYZE is the caller. */
#if PG_VERSION_NUM >= 180000
#define ws_analyze_delay_point() vacuum_delay_point(true)
#else
#define ws_analyze_delay_point() vacuum_delay_point()
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

/* The statistics target of a column being analyzed: PostgreSQL 17 moved it. */
#if PG_VERSION_NUM >= 170000
#define WHOSAID_STATTARGET(stats) ((stats)->attstattarget)
#else
#define WHOSAID_STATTARGET(stats) ((stats)->attr->attstattarget)
#endif

#endif
