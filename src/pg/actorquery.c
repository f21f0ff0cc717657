/*
 * actorquery.c — the whosaid.actorquery type (input, output, binary send
 * and receive) and whosaid.to_actorquery(text). The grammar and the flat
 * tree are the engine's (actorquery_format.c).
 */
#include "actorvec.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

ActorQuery *
actorquery_pack(const ws_aq *q)
{
	Size		sz = ACTORQUERY_HDRSZ + (Size) q->n * sizeof(ws_aq_node) +
		(Size) q->ntoks * sizeof(uint32) + (Size) q->strsize;
	ActorQuery *p;
	char	   *d;

	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("actorquery is too large (%zu bytes, at most %zu)", sz, (Size) MaxAllocSize)));
	p = palloc0(sz);
	SET_VARSIZE(p, sz);
	p->version = WS_AV_VERSION;
	p->n = q->n;
	p->ntoks = q->ntoks;
	p->strsize = q->strsize;
	d = (char *) p + ACTORQUERY_HDRSZ;
	if (q->n > 0)
		memcpy(d, q->nodes, (Size) q->n * sizeof(ws_aq_node));
	d += (Size) q->n * sizeof(ws_aq_node);
	if (q->ntoks > 0)
		memcpy(d, q->toks, (Size) q->ntoks * sizeof(uint32));
	d += (Size) q->ntoks * sizeof(uint32);
	if (q->strsize > 0)
		memcpy(d, q->strs, q->strsize);
	return p;
}

void
actorquery_view(const ActorQuery *p, ws_aq *q)
{
	const char *d = (const char *) p + ACTORQUERY_HDRSZ;

	if (p->version != WS_AV_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported actorquery format version %d", p->version)));
	q->n = p->n;
	q->ntoks = p->ntoks;
	q->strsize = p->strsize;
	q->nodes = (const ws_aq_node *) d;
	d += (Size) p->n * sizeof(ws_aq_node);
	q->toks = (const uint32 *) d;
	d += (Size) p->ntoks * sizeof(uint32);
	q->strs = d;
}

/*
 * Parse a query; NULL after a soft error (PostgreSQL 16+ with an error
 * context), otherwise an ERROR that says where.
 */
static ActorQuery *
parse_query(const char *str, int len, Node *escontext)
{
	char	   *u = pg_server_to_any(str, len, PG_UTF8);
	ws_arena   *a = ws_arena_new();
	ws_fmt_error err;
	ws_aq	   *q;
	ActorQuery *p;
	char	   *shown = actorvec_shown(str, len);

	if (u != str)
		len = strlen(u);
	q = ws_aq_parse(a, u, len, &err);
	if (q == NULL && err.limit)
	{
		WS_SOFT_ERROR(escontext,
					  errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					  errmsg("actorquery exceeds a size limit at position %d", err.pos),
					  errdetail("%s", actorvec_sentence(err.msg)),
					  errhint("An actorquery holds at most %d names (%d MB of them), %d nodes and %d nested operators; see docs/limits.md.",
							  WS_AV_MAX_NAMES, WS_AV_MAX_BYTES / (1024 * 1024),
							  WS_AQ_MAX_NODES, WS_AQ_MAX_DEPTH));
		return NULL;
	}
	if (q == NULL)
	{
		WS_SOFT_ERROR(escontext,
					  errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("syntax error at position %d in actorquery \"%s\"", err.pos, shown),
				 errdetail("%s", actorvec_sentence(err.msg)),
				 errhint("Combine names with & (and), | (or), ! (not) and parentheses; quote multi-word names (\"Sheryl Sandberg\"); prefixes are speaker:, person:, org: and place:."));
		return NULL;
	}
	p = actorquery_pack(q);
	ws_arena_free(a);
	return p;
}

PG_FUNCTION_INFO_V1(actorquery_in);

Datum
actorquery_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	ActorQuery *p;

	p = parse_query(str, strlen(str), WS_ESCONTEXT(fcinfo));
	if (p == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(to_actorquery);

Datum
to_actorquery(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_POINTER(parse_query(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL));
}

PG_FUNCTION_INFO_V1(actorquery_out);

Datum
actorquery_out(PG_FUNCTION_ARGS)
{
	ActorQuery *p = PG_GETARG_ACTORQUERY_P(0);
	ws_aq		q;
	ws_arena   *a = ws_arena_new();
	char	   *s,
			   *out;

	actorquery_view(p, &q);
	s = ws_aq_format(a, &q);
	out = pg_any_to_server(s, strlen(s), PG_UTF8);
	if (out == s)
		out = pstrdup(s);
	ws_arena_free(a);
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(actorquery_send);

Datum
actorquery_send(PG_FUNCTION_ARGS)
{
	ActorQuery *p = PG_GETARG_ACTORQUERY_P(0);
	ws_aq		q;
	StringInfoData buf;

	actorquery_view(p, &q);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, WS_AV_VERSION);
	pq_sendbyte(&buf, 0);		/* reserved */
	pq_sendint32(&buf, q.n);
	for (int32 i = 0; i < q.n; i++)
	{
		const ws_aq_node *nd = &q.nodes[i];

		pq_sendbyte(&buf, nd->type);
		if (nd->type == WS_AQ_NAME)
		{
			pq_sendbyte(&buf, nd->kind);
			pq_sendbyte(&buf, nd->flags);
			actorvec_send_string(&buf, q.strs + nd->str);
		}
		else
			pq_sendint32(&buf, nd->nargs);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
bad_binary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary actorquery: %s", what)));
}

PG_FUNCTION_INFO_V1(actorquery_recv);

Datum
actorquery_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			reserved = pq_getmsgbyte(buf);
	int32		n;
	ws_aq_raw  *raw;
	ws_arena   *a;
	ws_fmt_error err;
	ws_aq	   *q;
	ActorQuery *p;

	if (version != WS_AV_VERSION)
		bad_binary(psprintf("unsupported format version %d", version));
	if (reserved != 0)
		bad_binary("reserved byte is not zero");
	n = pq_getmsgint(buf, 4);
	/* every node takes at least 5 bytes */
	if (n < 0 || n > (buf->len - buf->cursor) / 5)
		bad_binary(psprintf("invalid number of nodes %d", n));
	if (n > WS_AQ_MAX_NODES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("actorquery exceeds a size limit"),
				 errdetail("It has %d nodes, at most %d are allowed.", n, WS_AQ_MAX_NODES)));
	raw = palloc0(sizeof(ws_aq_raw) * (Size) Max(n, 1));
	for (int32 i = 0; i < n; i++)
	{
		ws_aq_raw  *r = &raw[i];

		r->type = pq_getmsgbyte(buf);
		if (r->type == WS_AQ_NAME)
		{
			r->kind = pq_getmsgbyte(buf);
			r->flags = pq_getmsgbyte(buf);
			r->name = actorvec_recv_string(buf, &r->namelen);
		}
		else
			r->nargs = pq_getmsgint(buf, 4);
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	a = ws_arena_new();
	q = ws_aq_assemble(a, raw, n, &err);
	if (q == NULL && err.limit)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("actorquery exceeds a size limit at node %d", err.pos),
				 errdetail("%s", actorvec_sentence(err.msg))));
	if (q == NULL)
		bad_binary(psprintf("node %d: %s", err.pos, err.msg));
	p = actorquery_pack(q);
	ws_arena_free(a);
	PG_RETURN_POINTER(p);
}
