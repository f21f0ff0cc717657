/*
 * whosaid_pg.h — shared glue of the PostgreSQL layer: text to engine
 * document, engine spans to int4range, the per-backend tagger model.
 */
#ifndef WHOSAID_PG_H
#define WHOSAID_PG_H

#include "postgres.h"
#include "pg_compat.h"
#include "fmgr.h"
#include "ws.h"

/*
 * The longest text the extraction functions take, in bytes of UTF-8: their
 * working memory is about 80 times the text (docs/limits.md).
 */
#define WHOSAID_MAX_TEXT (8 * 1024 * 1024)

/*
 * Tokenize a text datum; texts over WHOSAID_MAX_TEXT are refused. The arena and everything derived from it are
 * palloc'd in CurrentMemoryContext. Errors if the database encoding is
 * neither UTF8 nor convertible (SQL_ASCII is read as UTF-8 bytes).
 */
ws_doc	   *whosaid_doc(text *body);

/*
 * Set up materialize mode for a set-returning function, as
 * InitMaterializedSRF does, without leaving anything behind per call.
 */
void		whosaid_materialize(FunctionCallInfo fcinfo);

/* int4range [cb+1, ce+1) in 1-based characters, or NULL when s is absent. */
Datum		whosaid_range(ws_span s, bool *isnull);

/* text datum (database encoding) from an engine UTF-8 string, or NULL. */
Datum		whosaid_cstring_text(const char *s, bool *isnull);

/*
 * The columns of one row of whosaid.quotes() (9) and of whosaid.actors() (7),
 * shared with whosaid._track_extract(): quotes.c and actors.c.
 */
#define WHOSAID_QUOTE_COLS 9
#define WHOSAID_ACTOR_COLS 7
void		whosaid_quote_row(const ws_quote *q, int32 n, Datum *values, bool *nulls);

/*
 * A text's actors (actors.c), or its quotes after its actors (quotes.c),
 * tagged in a new memory context *work that the caller deletes when done.
 */
ws_actors  *whosaid_find_actors(text *body, MemoryContext *work, ws_doc **doc);
ws_quotes  *whosaid_find_quotes(text *body, MemoryContext *work, ws_actors **actors);
void		whosaid_actor_row(const ws_actor *x, Datum *values, bool *nulls);

/*
 * The tagger model, loaded (memory-mapped) on first use in this backend from
 * $sharedir/extension/whosaid_ner.model. Errors clearly if it is missing or
 * damaged. Defined in model.c.
 */
const ws_model *whosaid_model(void);

/* Loads the model now if it can, without an error (shared_preload_libraries). */
bool		whosaid_model_preload(void);

/* operator_support.c: a function form's selectivity as its operator's */
struct SupportRequestSelectivity;
struct SupportRequestSelectivity *whosaid_call_selectivity(struct SupportRequestSelectivity *req);

#endif
