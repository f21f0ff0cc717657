/*
 * claimvec.c — the whosaid.claimvec type (input, output, binary send and
 * receive), whosaid.to_claimvec(), whosaid.claim_similarity(), the %
 * operator and its function form whosaid.claim_matches() with the planner
 * support that lets it use the GIN index, and the whosaid.claim_threshold
 * setting. Normalisation and matching are the engine's (claimvec.c).
 */
#include "claimvec_pg.h"
#include "actorvec.h"			/* string send/recv, soft input errors */

#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "port/pg_bswap.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "nodes/pathnodes.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#define CLAIM_STRAT_SIMILAR 1

StaticAssertDecl(sizeof(ClaimVec) == 28, "claimvec header must be 28 bytes");

double		whosaid_claim_threshold = 0.6;

void
whosaid_claims_init(void)
{
	DefineCustomRealVariable("whosaid.claim_threshold",
							 "Sets the least claim similarity at which the % operator holds.",
							 "Valid range is 0.0 .. 1.0; see docs/claims.md for how the default was measured.",
							 &whosaid_claim_threshold,
							 0.6, 0.0, 1.0,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

static ClaimVec *
claimvec_pack(const ws_cv *v)
{
	Size		sz = CLAIMVEC_HDRSZ + (Size) v->nkeys * sizeof(uint32) +
		(Size) v->nshort * sizeof(uint32) + (Size) v->textlen;
	ClaimVec   *p;
	char	   *d;

	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("claimvec is too large (%zu bytes, at most %zu)", sz, (Size) MaxAllocSize)));
	p = palloc0(sz);
	SET_VARSIZE(p, sz);
	p->version = WS_CV_VERSION;
	p->k = v->k;
	p->nwords = v->nwords;
	p->nsegs = v->nsegs;
	p->nkeys = v->nkeys;
	p->nshort = v->nshort;
	p->textlen = v->textlen;
	d = (char *) p + CLAIMVEC_HDRSZ;
	if (v->nkeys > 0)
		memcpy(d, v->keys, (Size) v->nkeys * sizeof(uint32));
	d += (Size) v->nkeys * sizeof(uint32);
	if (v->nshort > 0)
		memcpy(d, v->shorts, (Size) v->nshort * sizeof(uint32));
	d += (Size) v->nshort * sizeof(uint32);
	if (v->textlen > 0)
		memcpy(d, v->text, v->textlen);
	return p;
}

void
claimvec_view(const ClaimVec *p, ws_cv *v)
{
	const char *d = (const char *) p + CLAIMVEC_HDRSZ;

	if (p->version != WS_CV_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported claimvec format version %d", p->version),
				 errhint("Recompute the value with whosaid.to_claimvec() or reinstall the extension.")));
	v->k = p->k;
	v->nwords = p->nwords;
	v->nsegs = p->nsegs;
	v->nkeys = p->nkeys;
	v->nshort = p->nshort;
	v->textlen = p->textlen;
	v->keys = (const uint32 *) d;
	d += (Size) p->nkeys * sizeof(uint32);
	v->shorts = (const uint32 *) d;
	d += (Size) p->nshort * sizeof(uint32);
	v->text = d;
}

double
claimvec_similarity(const ws_cv *a, const ws_cv *b)
{
	if (a->k != b->k)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("cannot compare claimvecs of shingle sizes %d and %d", a->k, b->k),
				 errhint("Recompute both values with whosaid.to_claimvec().")));
	return ws_cv_similarity(a, b);
}

/* Normalise UTF-8 text; NULL with the reason in err when it is too long. */
static ClaimVec *
claimvec_of_utf8(const char *s, int len, char err[160])
{
	ws_arena   *a = ws_arena_new();
	ws_cv	   *v = ws_cv_build(a, s, len, WS_CV_K, err);
	ClaimVec   *p = v ? claimvec_pack(v) : NULL;

	ws_arena_free(a);
	return p;
}

#define TOO_LONG_HINT "Split the text, or match a passage of it: a claimvec is meant for a quotation or a paragraph."

PG_FUNCTION_INFO_V1(claimvec_in);

Datum
claimvec_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int			len = strlen(str);
	char	   *u = pg_server_to_any(str, len, PG_UTF8);
	char		err[160];
	ClaimVec   *p;

	if (u != str)
		len = strlen(u);
	p = claimvec_of_utf8(u, len, err);
	if (p == NULL)
		WS_INPUT_ERROR(fcinfo,
					   errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					   errmsg("%s", err),
					   errhint(TOO_LONG_HINT));
	PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(claimvec_out);

Datum
claimvec_out(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	ws_cv		v;
	char	   *s,
			   *out;

	claimvec_view(p, &v);
	s = pnstrdup(v.text, v.textlen);
	out = pg_any_to_server(s, v.textlen, PG_UTF8);
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(claimvec_send);

Datum
claimvec_send(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	ws_cv		v;
	StringInfoData buf;

	claimvec_view(p, &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, WS_CV_VERSION);
	pq_sendbyte(&buf, 0);		/* reserved */
	actorvec_send_string(&buf, pnstrdup(v.text, v.textlen));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(claimvec_recv);

Datum
claimvec_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			reserved = pq_getmsgbyte(buf);
	int32		len;
	char	   *u;
	char		err[160];
	ClaimVec   *p;

	if (version != WS_CV_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary claimvec: unsupported format version %d", version)));
	if (reserved != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary claimvec: reserved byte is not zero")));
	len = buf->len - buf->cursor >= 4 ? (int32) pg_ntoh32(*(uint32 *) (buf->data + buf->cursor)) : -1;
	if (len < 0 || len > buf->len - buf->cursor - 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary claimvec: text length %d, %d bytes left",
						len, Max(buf->len - buf->cursor - 4, 0))));
	/* the text is normalised again: any bytes that pass encoding checks are safe */
	u = actorvec_recv_string(buf, &len);
	p = claimvec_of_utf8(u, len, err);
	if (p == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary claimvec: %s", err)));
	PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(to_claimvec);

Datum
to_claimvec(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			enc = GetDatabaseEncoding();
	char	   *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	char		err[160];
	ClaimVec   *p;

	if (enc != PG_UTF8 && enc != PG_SQL_ASCII)
	{
		char	   *u = (char *) pg_do_encoding_conversion((unsigned char *) s, len, enc, PG_UTF8);

		if (u != s)
			len = strlen(u);
		s = u;
	}
	p = claimvec_of_utf8(s, len, err);
	if (p == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s", err),
				 errhint(TOO_LONG_HINT)));
	PG_RETURN_POINTER(p);
}

static double
similarity_args(FunctionCallInfo fcinfo)
{
	ClaimVec   *ap = PG_GETARG_CLAIMVEC_P(0);
	ClaimVec   *bp = PG_GETARG_CLAIMVEC_P(1);
	ws_cv		a,
				b;
	double		r;

	claimvec_view(ap, &a);
	claimvec_view(bp, &b);
	r = claimvec_similarity(&a, &b);
	PG_FREE_IF_COPY(ap, 0);
	PG_FREE_IF_COPY(bp, 1);
	return r;
}

PG_FUNCTION_INFO_V1(claim_similarity);

Datum
claim_similarity(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT4((float4) similarity_args(fcinfo));
}

/* % compares in float4, as claim_similarity() returns it. */
static bool
similar(FunctionCallInfo fcinfo)
{
	return (float4) similarity_args(fcinfo) >= (float4) whosaid_claim_threshold;
}

PG_FUNCTION_INFO_V1(claimvec_similar);

Datum
claimvec_similar(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(similar(fcinfo));
}

PG_FUNCTION_INFO_V1(claim_matches);

Datum
claim_matches(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(similar(fcinfo));
}

/*
 * Planner support of claim_matches(a, b): when a or b is a column (or
 * expression) with a GIN index of claimvec_ops, offer the indexable clause
 * "column % other". % is symmetric, so either argument may be the indexed
 * one; the clause is exactly the function, so it is not lossy. Its
 * selectivity is the operator's (operator_support.c), not the planner's
 * default third of the table, which made who_said() plan a parallel sort.
 */
PG_FUNCTION_INFO_V1(claim_matches_support);

Datum
claim_matches_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	SupportRequestIndexCondition *req;
	FuncExpr   *fe;
	Node	   *indexed,
			   *other;
	Oid			opno;

	if (IsA(rawreq, SupportRequestSelectivity))
		PG_RETURN_POINTER(whosaid_call_selectivity((SupportRequestSelectivity *) rawreq));
	if (!IsA(rawreq, SupportRequestIndexCondition))
		PG_RETURN_POINTER(NULL);
	req = (SupportRequestIndexCondition *) rawreq;
	if (!is_funcclause(req->node) || req->index->relam != GIN_AM_OID)
		PG_RETURN_POINTER(NULL);
	fe = (FuncExpr *) req->node;
	if (list_length(fe->args) != 2 || req->indexarg > 1)
		PG_RETURN_POINTER(NULL);
	indexed = list_nth(fe->args, req->indexarg);
	other = list_nth(fe->args, 1 - req->indexarg);
	if (!is_pseudo_constant_for_index(req->root, other, req->index))
		PG_RETURN_POINTER(NULL);
	opno = get_opfamily_member(req->opfamily, exprType(indexed), exprType(other),
							   CLAIM_STRAT_SIMILAR);
	if (!OidIsValid(opno))
		PG_RETURN_POINTER(NULL);
	req->lossy = false;
	PG_RETURN_POINTER(list_make1(make_opclause(opno, BOOLOID, false,
											   (Expr *) indexed, (Expr *) other,
											   InvalidOid, fe->inputcollid)));
}

PG_FUNCTION_INFO_V1(claim_words);

Datum
claim_words(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	int32		n = p->nwords;

	PG_FREE_IF_COPY(p, 0);
	PG_RETURN_INT32(n);
}
