/*
 * actorquery_format.c — the actorquery type's values: assembling the
 * flattened tree from nodes in prefix order, parsing the text form
 * (names, kind and speaker prefixes, !, &, |, parentheses) and printing it
 * (actorvec_format.h). Every input is untrusted: the parser reports the
 * character position of the first error and never reads past len.
 */
#include "format_common.h"

#include <string.h>

/* ------------------------------------------------------------ assemble */

/* The tree being assembled: open operators on a stack, names' tokens and strings. */
typedef struct assembler
{
	ws_arena   *a;
	ws_arena  **scratch;		/* folding buffers of a few names at a time */
	ws_aq_node *nodes;
	int32_t    *stk_idx;		/* per open operator: its node */
	int32_t    *stk_left;		/* per open operator: operands still to come */
	int32_t		sp;
	ws_fmt_pool p;				/* names' tokens and strings */
	int64_t		names,
				bytes;
	ws_fmt_error *err;
} assembler;

/* Name node i: check and fold it, then close every operator it completes. */
static bool
assemble_name(assembler *as, const ws_aq_raw *r, int32_t i)
{
	ws_aq_node *nd = &as->nodes[i];
	uint32_t   *t;
	int32_t		nt;

	if (r->kind > WS_PLACE || (r->flags & ~WS_AV_SPEAKER))
	{
		ws_fmt_set_error(as->err, i + 1, "invalid name prefix", NULL);
		return false;
	}
	if (!ws_fmt_check_name(r->name, r->namelen, i + 1, "name", as->err) ||
		!ws_fmt_count_name(&as->names, &as->bytes, r->namelen, i + 1, as->err))
		return false;
	if ((as->names & 255) == 0)
	{
		ws_arena_free(*as->scratch);
		*as->scratch = ws_arena_new();
	}
	nt = ws_av_tokens(*as->scratch, r->name, r->namelen, &t, NULL);
	if (nt == 0)
	{
		ws_fmt_set_error(as->err, i + 1, "name has no letters or digits", NULL);
		return false;
	}
	nd->kind = r->kind;
	nd->flags = r->flags;
	nd->size = 1;
	nd->nargs = nt;
	nd->tok = as->p.ntoks;
	ws_fmt_add_tokens(&as->p, as->a, t, nt);
	nd->str = ws_fmt_add_string(&as->p, as->a, r->name, r->namelen);
	while (as->sp > 0 && as->stk_left[as->sp - 1] == 0)
	{
		as->nodes[as->stk_idx[as->sp - 1]].size = i - as->stk_idx[as->sp - 1] + 1;
		as->sp--;
	}
	return true;
}

/* Operator node i of n: open it, waiting for its operands. */
static bool
assemble_operator(assembler *as, const ws_aq_raw *r, int32_t i, int32_t n)
{
	if (r->type == WS_AQ_NOT ? r->nargs != 1 : (r->nargs < 2 || r->nargs > n - i - 1))
	{
		ws_fmt_set_error(as->err, i + 1, "operator has a wrong number of operands", NULL);
		return false;
	}
	if (as->sp >= WS_AQ_MAX_DEPTH)
	{
		ws_fmt_set_limit_error(as->err, i + 1, "operators nested too deeply", WS_AQ_MAX_DEPTH);
		return false;
	}
	as->nodes[i].nargs = r->nargs;
	as->stk_idx[as->sp] = i;
	as->stk_left[as->sp] = r->nargs;
	as->sp++;
	return true;
}

static ws_aq *
assemble(ws_arena *a, ws_arena **scratch, const ws_aq_raw *raw, int32_t n,
		 ws_fmt_error *err)
{
	ws_aq	   *q = ws_arena_alloc(a, sizeof(ws_aq));
	assembler	as = {a, scratch};

	as.nodes = ws_arena_alloc(a, sizeof(ws_aq_node) * (size_t) (n > 0 ? n : 1));
	as.err = err;
	if (n < 0)
		n = 0;
	if (n > WS_AQ_MAX_NODES)
	{
		ws_fmt_set_limit_error(err, 1, "too many nodes", WS_AQ_MAX_NODES);
		return NULL;
	}
	as.stk_idx = ws_arena_alloc(a, sizeof(int32_t) * (size_t) (WS_AQ_MAX_DEPTH + 1));
	as.stk_left = ws_arena_alloc(a, sizeof(int32_t) * (size_t) (WS_AQ_MAX_DEPTH + 1));
	for (int32_t i = 0; i < n; i++)
	{
		const ws_aq_raw *r = &raw[i];
		bool		ok;

		if (as.sp == 0 && i > 0)
		{
			ws_fmt_set_error(err, i + 1, "nodes after the end of the query", NULL);
			return NULL;
		}
		as.nodes[i].type = r->type;
		if (as.sp > 0)
			as.stk_left[as.sp - 1]--;
		switch (r->type)
		{
			case WS_AQ_NAME:
				ok = assemble_name(&as, r, i);
				break;
			case WS_AQ_NOT:
			case WS_AQ_AND:
			case WS_AQ_OR:
				ok = assemble_operator(&as, r, i, n);
				break;
			default:
				ws_fmt_set_error(err, i + 1, "invalid node type", NULL);
				ok = false;
		}
		if (!ok)
			return NULL;
	}
	if (as.sp > 0)
	{
		ws_fmt_set_error(err, n + 1, "query ends before its operators have all their operands", NULL);
		return NULL;
	}
	q->n = n;
	q->nodes = as.nodes;
	q->ntoks = as.p.ntoks;
	q->toks = as.p.toks ? as.p.toks : ws_arena_alloc(a, sizeof(uint32_t));
	q->strsize = as.p.strsize;
	q->strs = as.p.strs ? as.p.strs : ws_arena_alloc(a, 1);
	return q;
}

ws_aq *
ws_aq_assemble(ws_arena *a, const ws_aq_raw *raw, int32_t n, ws_fmt_error *err)
{
	/* folding buffers of a few names at a time */
	ws_arena   *scratch = ws_arena_new();
	ws_aq	   *q = assemble(a, &scratch, raw, n, err);

	ws_arena_free(scratch);
	return q;
}

/* ------------------------------------------------------------ parse */

typedef struct pnode
{
	uint8_t		type,
				kind,
				flags;
	const char *name;
	int32_t		namelen;
	struct pnode **kids;
	int32_t		nkids;
} pnode;

typedef struct qparser
{
	ws_arena   *a;
	const char *s;
	int32_t		len;
	int32_t		i;				/* byte offset */
	int32_t		depth;
	int64_t		nodes,			/* against the limits of ws_aq_assemble */
				names,
				bytes;
	ws_arena   *scratch;		/* folding buffers of a few names at a time */
	ws_fmt_error *err;
} qparser;

static bool
is_bare_char(char c)
{
	return !ws_fmt_is_space(c) && c != '&' && c != '|' && c != '!' && c != '(' &&
		c != ')' && c != '"' && c != ':';
}

static bool
qerror(qparser *p, int32_t off, const char *msg)
{
	ws_fmt_set_error(p->err, ws_fmt_char_pos(p->s, off), "%s", msg);
	return false;
}

static void
qskip(qparser *p)
{
	p->i = ws_fmt_skip_space(p->s, p->len, p->i);
}

static pnode *parse_chain(qparser *p, uint8_t kind, uint8_t flags, bool is_or);

static pnode *
new_op(qparser *p, uint8_t type, pnode **kids, int32_t n)
{
	pnode	   *nd = ws_arena_alloc(p->a, sizeof(pnode));
	int32_t		total = 0,
				o = 0;

	nd->type = type;
	if (++p->nodes > WS_AQ_MAX_NODES)
	{
		ws_fmt_set_limit_error(p->err, ws_fmt_char_pos(p->s, p->i), "too many nodes", WS_AQ_MAX_NODES);
		return NULL;
	}
	/* flatten a & (b & c) into one n-ary node */
	for (int32_t k = 0; k < n; k++)
		total += kids[k]->type == type ? kids[k]->nkids : 1;
	nd->kids = ws_arena_alloc(p->a, sizeof(pnode *) * (size_t) total);
	for (int32_t k = 0; k < n; k++)
	{
		if (kids[k]->type == type)
			for (int32_t m = 0; m < kids[k]->nkids; m++)
				nd->kids[o++] = kids[k]->kids[m];
		else
			nd->kids[o++] = kids[k];
	}
	nd->nkids = total;
	return nd;
}

/* A name at p->i: "quoted, with "" for a quote" or bare; its text in the arena. */
static char *
read_query_name(qparser *p, int32_t *n)
{
	int32_t		q = p->i;
	char	   *out;

	if (p->s[p->i] == '"')
		return ws_fmt_read_quoted(p->a, p->s, p->len, &p->i, '"', n, p->err);
	while (q < p->len && is_bare_char(p->s[q]))
		q++;
	out = ws_arena_strndup(p->a, p->s + p->i, (size_t) (q - p->i));
	*n = q - p->i;
	p->i = q;
	return out;
}

/* The name out of n bytes read at start is valid, within the limits, and has a token. */
static bool
check_query_name(qparser *p, int32_t start, const char *out, int32_t n)
{
	uint32_t   *t;

	if (n == 0)
		return qerror(p, start, "empty name");
	if (n > WS_AV_MAX_NAME)
		return qerror(p, start, "name is too long");
	if (memchr(out, '\0', (size_t) n) != NULL)
		return qerror(p, start, "name contains a NUL byte");
	if (++p->nodes > WS_AQ_MAX_NODES)
	{
		ws_fmt_set_limit_error(p->err, ws_fmt_char_pos(p->s, start), "too many nodes", WS_AQ_MAX_NODES);
		return false;
	}
	if (!ws_fmt_count_name(&p->names, &p->bytes, n, 0, p->err))
	{
		p->err->pos = ws_fmt_char_pos(p->s, start);
		return false;
	}
	if ((p->names & 255) == 0)
	{
		ws_arena_free(p->scratch);
		p->scratch = ws_arena_new();
	}
	if (ws_av_tokens(p->scratch, out, n, &t, NULL) == 0)
		return qerror(p, start, "name has no letters or digits");
	return true;
}

static pnode *
parse_name(qparser *p, uint8_t kind, uint8_t flags)
{
	pnode	   *nd = ws_arena_alloc(p->a, sizeof(pnode));
	int32_t		start = p->i,
				n = 0;
	char	   *out;

	nd->type = WS_AQ_NAME;
	nd->kind = kind;
	nd->flags = flags;
	out = read_query_name(p, &n);
	if (out == NULL || !check_query_name(p, start, out, n))
		return NULL;
	nd->name = out;
	nd->namelen = n;
	return nd;
}

static pnode *parse_unary(qparser *p, uint8_t kind, uint8_t flags);

/* ! unary, after the '!' */
static pnode *
parse_not(qparser *p, uint8_t kind, uint8_t flags)
{
	pnode	   *kid = parse_unary(p, kind, flags),
			   *r;

	if (kid == NULL)
		return NULL;
	if (++p->nodes > WS_AQ_MAX_NODES)
	{
		ws_fmt_set_limit_error(p->err, ws_fmt_char_pos(p->s, p->i), "too many nodes", WS_AQ_MAX_NODES);
		return NULL;
	}
	r = ws_arena_alloc(p->a, sizeof(pnode));
	r->type = WS_AQ_NOT;
	r->kids = ws_arena_alloc(p->a, sizeof(pnode *));
	r->kids[0] = kid;
	r->nkids = 1;
	return r;
}

/* Prefixes: each a word immediately followed by ':'. false on a wrong one. */
static bool
parse_prefixes(qparser *p, uint8_t *kind, uint8_t *flags, bool *prefixed)
{
	for (;;)
	{
		int32_t		q = p->i;
		uint8_t		k;

		while (q < p->len && is_bare_char(p->s[q]))
			q++;
		if (q == p->i || q >= p->len || p->s[q] != ':')
			return true;
		k = ws_fmt_kind_word(p->s + p->i, q - p->i);
		if (k != 0)
		{
			if (*kind != 0 && *kind != k)
				return qerror(p, p->i, "conflicting kind prefixes");
			*kind = k;
		}
		else if (ws_fmt_word_is(p->s + p->i, q - p->i, "speaker"))
			*flags |= WS_AV_SPEAKER;
		else
			return qerror(p, p->i, "unknown prefix; expected speaker:, person:, org: or place:");
		p->i = q + 1;
		*prefixed = true;
		qskip(p);
	}
}

/* ( chain ), at the '(' */
static pnode *
parse_group(qparser *p, uint8_t kind, uint8_t flags)
{
	int32_t		open = p->i;
	pnode	   *r;

	p->i++;
	r = parse_chain(p, kind, flags, true);
	if (r == NULL)
		return NULL;
	qskip(p);
	if (p->i >= p->len || p->s[p->i] != ')')
	{
		if (p->i >= p->len)
			qerror(p, open, "unbalanced parenthesis");
		else
			qerror(p, p->i, "expected \")\"");
		return NULL;
	}
	p->i++;
	return r;
}

/* unary := '!' unary | prefix* ( '(' or ')' | name ) */
static pnode *
parse_unary(qparser *p, uint8_t kind, uint8_t flags)
{
	pnode	   *r;
	bool		prefixed = false;

	qskip(p);
	/* each level is a ! or a parenthesis over an operator, or the name: one more than the operators */
	if (++p->depth > WS_AQ_MAX_DEPTH + 1)
	{
		ws_fmt_set_limit_error(p->err, ws_fmt_char_pos(p->s, p->i), "operators nested too deeply", WS_AQ_MAX_DEPTH);
		return NULL;
	}
	if (p->i < p->len && p->s[p->i] == '!')
	{
		p->i++;
		r = parse_not(p, kind, flags);
	}
	else if (!parse_prefixes(p, &kind, &flags, &prefixed))
		return NULL;
	else if (p->i >= p->len)
	{
		qerror(p, p->i, "unexpected end of query; expected a name");
		return NULL;
	}
	else if (p->s[p->i] == '(')
		r = parse_group(p, kind, flags);
	else if (p->s[p->i] == '"' || is_bare_char(p->s[p->i]))
		r = parse_name(p, kind, flags);
	else
	{
		qerror(p, p->i, prefixed ? "expected a name or \"(\" after the prefix" :
			   "expected a name, \"(\" or \"!\"");
		return NULL;
	}
	if (r != NULL)
		p->depth--;
	return r;
}

/*
 * a & b & … (is_or false) or a | b | … (is_or true, over & chains): one
 * n-ary node per chain, so long flat queries stay shallow.
 */
static pnode *
parse_chain(qparser *p, uint8_t kind, uint8_t flags, bool is_or)
{
	pnode	  **kids = NULL;
	int32_t		n = 0,
				cap = 0;
	char		opch = is_or ? '|' : '&';
	pnode	   *k = is_or ? parse_chain(p, kind, flags, false) : parse_unary(p, kind, flags);

	if (k == NULL)
		return NULL;
	for (;;)
	{
		kids = ws_arena_grow(p->a, kids, n, &cap, n + 1, sizeof(pnode *));
		kids[n++] = k;
		qskip(p);
		if (p->i >= p->len || p->s[p->i] != opch)
			break;
		p->i++;
		if ((n & 1023) == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		k = is_or ? parse_chain(p, kind, flags, false) : parse_unary(p, kind, flags);
		if (k == NULL)
			return NULL;
	}
	return n == 1 ? kids[0] : new_op(p, is_or ? WS_AQ_OR : WS_AQ_AND, kids, n);
}

static int32_t
count_nodes(const pnode *nd)
{
	int32_t		n = 1;

	for (int32_t k = 0; k < nd->nkids; k++)
		n += count_nodes(nd->kids[k]);
	return n;
}

static void
emit(const pnode *nd, ws_aq_raw *raw, int32_t *n)
{
	ws_aq_raw  *r = &raw[(*n)++];

	r->type = nd->type;
	r->kind = nd->kind;
	r->flags = nd->flags;
	r->nargs = nd->nkids;
	r->name = nd->name;
	r->namelen = nd->namelen;
	for (int32_t k = 0; k < nd->nkids; k++)
		emit(nd->kids[k], raw, n);
}

ws_aq *
ws_aq_parse(ws_arena *a, const char *s, int32_t len, ws_fmt_error *err)
{
	qparser		p = {a, s, len, 0, 0, 0, 0, 0, NULL, err};
	pnode	   *root;
	ws_aq_raw  *raw;
	int32_t		n = 0;

	err->pos = 0;
	err->limit = false;
	err->msg[0] = '\0';
	qskip(&p);
	if (p.i >= len)
		return ws_aq_assemble(a, NULL, 0, err);
	p.scratch = ws_arena_new();
	root = parse_chain(&p, 0, 0, true);
	ws_arena_free(p.scratch);
	if (root == NULL)
		return NULL;
	qskip(&p);
	if (p.i < len)
	{
		char		c = s[p.i];

		if (c == ')')
			qerror(&p, p.i, "unbalanced parenthesis");
		else if (c == '"' || is_bare_char(c) || c == '(' || c == '!')
			qerror(&p, p.i, "expected & or | between names (quote a multi-word name: \"Sheryl Sandberg\")");
		else
			qerror(&p, p.i, "unexpected character");
		return NULL;
	}
	raw = ws_arena_alloc(a, sizeof(ws_aq_raw) * (size_t) count_nodes(root));
	emit(root, raw, &n);
	{
		ws_aq	   *q = ws_aq_assemble(a, raw, n, err);

		if (q == NULL)
			err->pos = 1;
		return q;
	}
}

/* ------------------------------------------------------------ actorquery: print */

static bool
can_be_bare(const char *s)
{
	if (*s == '\0')
		return false;
	for (const char *p = s; *p; p++)
		if (!is_bare_char(*p))
			return false;
	return true;
}

static void
format_node(ws_fmt_buf *b, const ws_aq *q, int32_t i, uint8_t parent)
{
	const ws_aq_node *nd = &q->nodes[i];

	if (nd->type == WS_AQ_NAME)
	{
		const char *name = q->strs + nd->str;

		if (nd->flags & WS_AV_SPEAKER)
			ws_fmt_append(b, "speaker:", 8);
		if (nd->kind == WS_PERSON)
			ws_fmt_append(b, "person:", 7);
		else if (nd->kind == WS_ORGANIZATION)
			ws_fmt_append(b, "org:", 4);
		else if (nd->kind == WS_PLACE)
			ws_fmt_append(b, "place:", 6);
		if (can_be_bare(name))
			ws_fmt_append(b, name, (int32_t) strlen(name));
		else
			ws_fmt_append_quoted(b, name, '"');
		return;
	}
	if (nd->type == WS_AQ_NOT)
	{
		ws_fmt_append(b, "!", 1);
		format_node(b, q, i + 1, WS_AQ_NOT);
		return;
	}
	{
		/* parentheses where the parent binds tighter: ! > & > | */
		bool		paren = parent == WS_AQ_NOT ||
			(parent == WS_AQ_AND && nd->type == WS_AQ_OR) ||
			(parent == nd->type);
		int32_t		j = i + 1;

		if (paren)
			ws_fmt_append(b, "( ", 2);
		for (int32_t k = 0; k < nd->nargs; k++)
		{
			if (k > 0)
				ws_fmt_append(b, nd->type == WS_AQ_AND ? " & " : " | ", 3);
			format_node(b, q, j, nd->type);
			j += q->nodes[j].size;
		}
		if (paren)
			ws_fmt_append(b, " )", 2);
	}
}

char *
ws_aq_format(ws_arena *a, const ws_aq *q)
{
	ws_fmt_buf	b;

	ws_fmt_buf_init(&b, a);
	if (q->n > 0)
		format_node(&b, q, 0, 0);
	return b.data;
}
