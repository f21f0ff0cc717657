/*
 * pg_compat.h — the one place that knows PostgreSQL major versions.
 * Every version test of the PostgreSQL layer lives here; the .c files use
 * what it defines.
 */
#ifndef WHOSAID_PG_COMPAT_H
#define WHOSAID_PG_COMPAT_H

#include "postgres.h"

/* PostgreSQL 16 moved the varlena macros (VARSIZE, SET_VARSIZE, ...) here. */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
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
