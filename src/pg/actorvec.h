/*
 * actorvec.h — the on-disk forms of whosaid.actorvec and whosaid.actorquery
 * and their views as the engine's flat structures (actorvec_format.h).
 *
 * Both are a 4-aligned varlena: a 20-byte header carrying the format
 * version and a reserved field (zero; recv rejects anything else, so the
 * format can evolve), then the engine's arrays exactly as it builds them.
 */
#ifndef WHOSAID_ACTORVEC_H
#define WHOSAID_ACTORVEC_H

#include "whosaid_pg.h"

#include "lib/stringinfo.h"

#include "actorvec_format.h"

typedef struct ActorVec
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* WS_AV_VERSION */
	uint8		reserved1;		/* zero */
	uint16		reserved2;		/* zero */
	int32		n;				/* entries */
	int32		ntoks;
	int32		strsize;
	/* ws_av_entry entries[n]; uint32 toks[ntoks]; char strs[strsize] */
} ActorVec;

typedef struct ActorQuery
{
	int32		vl_len_;
	uint8		version;
	uint8		reserved1;
	uint16		reserved2;
	int32		n;				/* nodes; 0 = empty query */
	int32		ntoks;
	int32		strsize;
	/* ws_aq_node nodes[n]; uint32 toks[ntoks]; char strs[strsize] */
} ActorQuery;

#define ACTORVEC_HDRSZ sizeof(ActorVec)
#define ACTORQUERY_HDRSZ sizeof(ActorQuery)

#define DatumGetActorVecP(X) ((ActorVec *) PG_DETOAST_DATUM(X))
#define PG_GETARG_ACTORVEC_P(n) DatumGetActorVecP(PG_GETARG_DATUM(n))
#define DatumGetActorQueryP(X) ((ActorQuery *) PG_DETOAST_DATUM(X))
#define PG_GETARG_ACTORQUERY_P(n) DatumGetActorQueryP(PG_GETARG_DATUM(n))

/* Copy an engine vector / query into a palloc'd varlena. */
ActorVec   *actorvec_pack(const ws_av *v);
ActorQuery *actorquery_pack(const ws_aq *q);

/* Point an engine view at the arrays inside a detoasted value. */
void		actorvec_view(const ActorVec *p, ws_av *v);
void		actorquery_view(const ActorQuery *p, ws_aq *q);

/* The actorvec of a text: engine actors with the speaker flag from quotes. */
ActorVec   *actorvec_of_text(text *body);

/*
 * The actors of one text as an engine actorvec in arena a: the names and
 * aliases the type can hold, kinds, and the speaker flag the engine set
 * (ws_find_quotes must have run). Entries merge actors of the same name
 * and kind; actorvec_kind() is the kind an actor's entry carries.
 */
ws_av	   *actorvec_of_actors(ws_arena *a, const ws_actors *ac);
uint8		actorvec_kind(const ws_actor *act);

/* The input as shown in an error message: its first 200 bytes. */
char	   *actorvec_shown(const char *str, int len);

/* An engine message as an errdetail sentence: capitalised, with a period. */
char	   *actorvec_sentence(const char *msg);

/* Binary strings: int32 length, then the bytes in the client encoding. */
void		actorvec_send_string(StringInfo buf, const char *utf8);
char	   *actorvec_recv_string(StringInfo buf, int32 *outlen);	/* UTF-8 */

#endif
