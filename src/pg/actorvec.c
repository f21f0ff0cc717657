/*
 * actorvec.c — the whosaid.actorvec type (input, output, binary send and
 * receive) and whosaid.to_actorvec(body), which runs the actor and quote
 * finders over a text. Parsing, sorting and folding are the engine's
 * (actorvec_format.c); this file moves bytes and reports errors.
 */
#include "actorvec.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* The engine's flat layout is copied to disk as is: pin its shape. */
StaticAssertDecl(sizeof(ws_av_entry) == 20, "ws_av_entry must be 20 bytes");
StaticAssertDecl(sizeof(ws_aq_node) == 20, "ws_aq_node must be 20 bytes");
StaticAssertDecl(sizeof(ActorVec) == 20 && sizeof(ActorQuery) == 20,
				 "type headers must be 20 bytes");

ActorVec *
actorvec_pack(const ws_av *v)
{
	Size		sz = ACTORVEC_HDRSZ + (Size) v->n * sizeof(ws_av_entry) +
		(Size) v->ntoks * sizeof(uint32) + (Size) v->strsize;
	ActorVec   *p;
	char	   *d;

	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("actorvec is too large (%zu bytes, at most %zu)", sz, (Size) MaxAllocSize)));
	p = palloc0(sz);
	SET_VARSIZE(p, sz);
	p->version = WS_AV_VERSION;
	p->n = v->n;
	p->ntoks = v->ntoks;
	p->strsize = v->strsize;
	d = (char *) p + ACTORVEC_HDRSZ;
	if (v->n > 0)
		memcpy(d, v->entries, (Size) v->n * sizeof(ws_av_entry));
	d += (Size) v->n * sizeof(ws_av_entry);
	if (v->ntoks > 0)
		memcpy(d, v->toks, (Size) v->ntoks * sizeof(uint32));
	d += (Size) v->ntoks * sizeof(uint32);
	if (v->strsize > 0)
		memcpy(d, v->strs, v->strsize);
	return p;
}

void
actorvec_view(const ActorVec *p, ws_av *v)
{
	const char *d = (const char *) p + ACTORVEC_HDRSZ;

	if (p->version != WS_AV_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported actorvec format version %d", p->version),
				 errhint("Recompute the value with whosaid.to_actorvec() or reinstall the extension.")));
	v->n = p->n;
	v->ntoks = p->ntoks;
	v->strsize = p->strsize;
	v->entries = (const ws_av_entry *) d;
	d += (Size) p->n * sizeof(ws_av_entry);
	v->toks = (const uint32 *) d;
	d += (Size) p->ntoks * sizeof(uint32);
	v->strs = d;
}

char *
actorvec_sentence(const char *msg)
{
	char	   *s = psprintf("%s.", msg);

	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char) (s[0] - 'a' + 'A');
	return s;
}

char *
actorvec_shown(const char *str, int len)
{
	int			clip;

	if (len <= 200)
		return pnstrdup(str, len);
	/* a whole multi-megabyte input in a message would flood the log */
	clip = pg_mbcliplen(str, len, 200);
	return psprintf("%.*s...", clip, str);
}

PG_FUNCTION_INFO_V1(actorvec_in);

Datum
actorvec_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int			len = strlen(str);
	char	   *u = pg_server_to_any(str, len, PG_UTF8);
	ws_arena   *a = ws_arena_new();
	ws_fmt_error err;
	ws_av	   *v;
	ActorVec   *p;

	if (u != str)
		len = strlen(u);
	v = ws_av_parse(a, u, len, &err);
	if (v == NULL && err.limit)
		WS_INPUT_ERROR(fcinfo,
					   errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					   errmsg("actorvec exceeds a size limit"),
					   errdetail("%s", actorvec_sentence(err.msg)),
					   errhint("An actorvec holds at most %d names (actors and aliases) and %d MB of them; see docs/limits.md.",
							   WS_AV_MAX_NAMES, WS_AV_MAX_BYTES / (1024 * 1024)));
	if (v == NULL)
		WS_INPUT_ERROR(fcinfo,
					   errcode(ERRCODE_SYNTAX_ERROR),
					   errmsg("syntax error at position %d in actorvec \"%s\"", err.pos, actorvec_shown(str, strlen(str))),
					   errdetail("%s", actorvec_sentence(err.msg)),
					   errhint("Write actors as 'Name'/'Alias':kind:speaker, separated by spaces, e.g. 'Andrew Parker'/'Parker':person:speaker."));
	p = actorvec_pack(v);
	ws_arena_free(a);
	PG_RETURN_POINTER(p);
}

PG_FUNCTION_INFO_V1(actorvec_out);

Datum
actorvec_out(PG_FUNCTION_ARGS)
{
	ActorVec   *p = PG_GETARG_ACTORVEC_P(0);
	ws_av		v;
	ws_arena   *a = ws_arena_new();
	char	   *s,
			   *out;

	actorvec_view(p, &v);
	s = ws_av_format(a, &v);
	out = pg_any_to_server(s, strlen(s), PG_UTF8);
	if (out == s)
		out = pstrdup(s);
	ws_arena_free(a);
	PG_RETURN_CSTRING(out);
}

void
actorvec_send_string(StringInfo buf, const char *utf8)
{
	int			len = strlen(utf8);
	char	   *srv = pg_any_to_server(utf8, len, PG_UTF8);
	char	   *cli;

	if (srv != utf8)
		len = strlen(srv);
	cli = pg_server_to_client(srv, len);
	if (cli != srv)
		len = strlen(cli);
	pq_sendint32(buf, len);
	pq_sendbytes(buf, cli, len);
}

char *
actorvec_recv_string(StringInfo buf, int32 *outlen)
{
	int32		len = pq_getmsgint(buf, 4);
	int			n;
	char	   *srv,
			   *u;

	if (len < 0 || len > buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid string length %d in binary actorvec or actorquery", len)));
	srv = pq_getmsgtext(buf, len, &n);	/* converts and validates */
	u = pg_server_to_any(srv, n, PG_UTF8);
	*outlen = (u == srv) ? n : (int32) strlen(u);
	return u;
}

PG_FUNCTION_INFO_V1(actorvec_send);

Datum
actorvec_send(PG_FUNCTION_ARGS)
{
	ActorVec   *p = PG_GETARG_ACTORVEC_P(0);
	ws_av		v;
	StringInfoData buf;

	actorvec_view(p, &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, WS_AV_VERSION);
	pq_sendbyte(&buf, 0);		/* reserved */
	pq_sendint32(&buf, v.n);
	for (int32 i = 0; i < v.n; i++)
	{
		const ws_av_entry *e = &v.entries[i];
		const char *s = ws_av_name(&v, i);

		pq_sendbyte(&buf, e->kind);
		pq_sendbyte(&buf, e->flags);
		actorvec_send_string(&buf, s);
		pq_sendint32(&buf, e->naliases);
		for (int k = 0; k < e->naliases; k++)
		{
			s += strlen(s) + 1;
			actorvec_send_string(&buf, s);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
bad_binary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary actorvec: %s", what)));
}

PG_FUNCTION_INFO_V1(actorvec_recv);

Datum
actorvec_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			reserved = pq_getmsgbyte(buf);
	int32		n;
	ws_av_item *items;
	ws_arena   *a;
	ws_fmt_error err;
	ws_av	   *v;
	ActorVec   *p;

	if (version != WS_AV_VERSION)
		bad_binary(psprintf("unsupported format version %d", version));
	if (reserved != 0)
		bad_binary("reserved byte is not zero");
	n = pq_getmsgint(buf, 4);
	/* every entry takes at least 10 bytes: a sane bound before allocating */
	if (n < 0 || n > (buf->len - buf->cursor) / 10)
		bad_binary(psprintf("invalid number of actors %d", n));
	if (n > WS_AV_MAX_NAMES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("actorvec exceeds a size limit"),
				 errdetail("It has %d actors, at most %d names are allowed.", n, WS_AV_MAX_NAMES)));
	a = ws_arena_new();
	items = palloc0(sizeof(ws_av_item) * (Size) Max(n, 1));
	for (int32 i = 0; i < n; i++)
	{
		ws_av_item *it = &items[i];
		int32		nal;

		it->kind = pq_getmsgbyte(buf);
		it->flags = pq_getmsgbyte(buf);
		it->name = actorvec_recv_string(buf, &it->namelen);
		nal = pq_getmsgint(buf, 4);
		if (nal < 0 || nal > WS_AV_MAX_ALIASES || nal > (buf->len - buf->cursor) / 4)
			bad_binary(psprintf("invalid number of aliases %d", nal));
		it->naliases = nal;
		if (nal > 0)
		{
			const char **al = palloc(sizeof(char *) * nal);
			int32	   *ll = palloc(sizeof(int32) * nal);

			for (int32 k = 0; k < nal; k++)
				al[k] = actorvec_recv_string(buf, &ll[k]);
			it->aliases = al;
			it->aliaslens = ll;
		}
		if ((i & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	v = ws_av_build(a, items, n, &err);
	if (v == NULL && err.limit)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("actorvec exceeds a size limit"),
				 errdetail("%s", actorvec_sentence(err.msg))));
	if (v == NULL)
		bad_binary(psprintf("actor %d: %s", err.pos, err.msg));
	p = actorvec_pack(v);
	ws_arena_free(a);
	PG_RETURN_POINTER(p);
}

/* Names the engine may produce that the type cannot hold are left out. */
static bool
storable(const char *s)
{
	size_t		n = s ? strlen(s) : 0;

	return n > 0 && n <= WS_AV_MAX_NAME;
}

uint8
actorvec_kind(const ws_actor *act)
{
	return (act->kind >= WS_PERSON && act->kind <= WS_PLACE) ? act->kind : 0;
}

ws_av *
actorvec_of_actors(ws_arena *a, const ws_actors *ac)
{
	ws_av_item *items = palloc0(sizeof(ws_av_item) * (Size) Max(ac->nactors, 1));
	int32		n = 0;
	ws_fmt_error err;
	ws_av	   *v;

	for (int32 i = 0; i < ac->nactors; i++)
	{
		const ws_actor *act = &ac->actors[i];
		ws_av_item *it;
		const char **al;
		int32	   *ll;

		if (!storable(act->name))
			continue;
		it = &items[n++];
		it->name = act->name;
		it->namelen = strlen(act->name);
		it->kind = actorvec_kind(act);
		/* the engine flags every actor a quote names as its speaker */
		it->flags = act->quoted ? WS_AV_SPEAKER : 0;
		al = palloc(sizeof(char *) * (Size) Max(act->naliases, 1));
		ll = palloc(sizeof(int32) * (Size) Max(act->naliases, 1));
		for (int32 k = 0; k < act->naliases && it->naliases < WS_AV_MAX_ALIASES; k++)
			if (storable(act->aliases[k]))
			{
				al[it->naliases] = act->aliases[k];
				ll[it->naliases] = strlen(act->aliases[k]);
				it->naliases++;
			}
		it->aliases = al;
		it->aliaslens = ll;
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	v = ws_av_build(a, items, n, &err);
	if (v == NULL && err.limit)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the text names too many actors for an actorvec"),
				 errdetail("%s", actorvec_sentence(err.msg)),
				 errhint("Split the text; see docs/limits.md.")));
	if (v == NULL)
		elog(ERROR, "could not build actorvec: %s", err.msg);
	return v;
}

ActorVec *
actorvec_of_text(text *body)
{
	const ws_model *model = whosaid_model();	/* loaded outside the short-lived context */
	MemoryContext work,
				old;
	ws_doc	   *d;
	ws_actors  *ac;
	ws_av	   *v;
	ActorVec   *p;

	work = AllocSetContextCreate(CurrentMemoryContext, "whosaid to_actorvec",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	d = whosaid_doc(body);
	ac = ws_find_actors(d, model);
	ws_find_quotes(d, ac);		/* sets the speaker flags */
	v = actorvec_of_actors(d->arena, ac);
	MemoryContextSwitchTo(old);
	p = actorvec_pack(v);
	MemoryContextDelete(work);
	return p;
}

PG_FUNCTION_INFO_V1(to_actorvec);

Datum
to_actorvec(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(actorvec_of_text(PG_GETARG_TEXT_PP(0)));
}
