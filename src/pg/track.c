/*
 * track.c — what the tracked-table procedures cannot ask in SQL.
 */
#include "whosaid_pg.h"

#include "access/xact.h"

/*
 * Whether the caller runs inside a transaction block (BEGIN ... or several
 * statements sent as one), where a procedure cannot COMMIT: whosaid.backfill()
 * asks first, to say so and what to do instead of failing at its first COMMIT.
 */
PG_FUNCTION_INFO_V1(_track_in_transaction_block);
Datum
_track_in_transaction_block(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(IsTransactionBlock());
}
