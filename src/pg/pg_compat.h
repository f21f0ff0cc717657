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

/* PostgreSQL 15 renamed EmitWarningsOnPlaceholders (utils/guc.h). */
#if PG_VERSION_NUM < 150000
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#endif
