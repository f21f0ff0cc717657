/*
 * actorvec_format.c — the actorvec type's values: building the flat layout
 * from items (sorted, merged, folded), reading the text form and printing
 * it (actorvec_format.h). Every input is untrusted: the parser reports the
 * character position of the first error and never reads past len.
 */
#include "format_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ build */

typedef struct build_item
{
	const ws_av_item *it;
	int32_t		idx;
} build_item;

static int
cmp_bytes(const char *a, int32_t alen, const char *b, int32_t blen)
{
	int			c = memcmp(a, b, (size_t) (alen < blen ? alen : blen));

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

static int
cmp_items(const void *x, const void *y)
{
	const build_item *a = x,
			   *b = y;
	int			c = cmp_bytes(a->it->name, a->it->namelen, b->it->name, b->it->namelen);

	if (c != 0)
		return c;
	if (a->it->kind != b->it->kind)
		return a->it->kind < b->it->kind ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

typedef struct strref
{
	const char *s;
	int32_t		len;
} strref;

static int
cmp_strref(const void *x, const void *y)
{
	const strref *a = x,
			   *b = y;

	return cmp_bytes(a->s, a->len, b->s, b->len);
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t	a = *(const uint32_t *) x,
				b = *(const uint32_t *) y;

	return (a > b) - (a < b);
}

/* Every item is valid, and all of them together are within the limits. */
static bool
check_items(const ws_av_item *items, int32_t n, ws_fmt_error *err)
{
	int64_t		names = 0,
				bytes = 0;

	for (int32_t i = 0; i < n; i++)
	{
		const ws_av_item *it = &items[i];

		if (!ws_fmt_check_name(it->name, it->namelen, i + 1, "actor name", err))
			return false;
		if (!ws_fmt_count_name(&names, &bytes, it->namelen, i + 1, err))
			return false;
		if (it->kind > WS_PLACE)
		{
			ws_fmt_set_error(err, i + 1, "invalid actor kind", NULL);
			return false;
		}
		if (it->flags & ~WS_AV_SPEAKER)
		{
			ws_fmt_set_error(err, i + 1, "invalid actor flags", NULL);
			return false;
		}
		if (it->naliases < 0 || it->naliases > WS_AV_MAX_ALIASES)
		{
			ws_fmt_set_error(err, i + 1, "too many aliases", NULL);
			return false;
		}
		for (int32_t k = 0; k < it->naliases; k++)
			if (!ws_fmt_check_name(it->aliases[k], it->aliaslens[k], i + 1, "alias", err) ||
				!ws_fmt_count_name(&names, &bytes, it->aliaslens[k], i + 1, err))
				return false;
	}
	return true;
}

/* The flat arrays an actorvec is built into. */
typedef struct av_builder
{
	ws_arena   *a;
	ws_arena   *scratch;		/* folding buffers and alias lists of a few entries */
	ws_fmt_pool p;
} av_builder;

/* The end of the run of sorted items that have order[i]'s name and kind. */
static int32_t
run_end(const build_item *order, int32_t n, int32_t i)
{
	const ws_av_item *first = order[i].it;
	int32_t		j = i;

	while (j < n && first->kind == order[j].it->kind &&
		   cmp_bytes(first->name, first->namelen, order[j].it->name,
					 order[j].it->namelen) == 0)
		j++;
	return j;
}

/*
 * The aliases of the run order[i..j), sorted, each once, without the name
 * itself; *nuniq of them.
 */
static strref *
merged_aliases(ws_arena *scratch, const build_item *order, int32_t i, int32_t j,
			   int32_t *nuniq)
{
	const ws_av_item *first = order[i].it;
	int32_t		nal = 0,
				n = 0;
	strref	   *al;

	for (int32_t k = i; k < j; k++)
		nal += order[k].it->naliases;
	al = ws_arena_alloc(scratch, sizeof(strref) * (size_t) (nal ? nal : 1));
	nal = 0;
	for (int32_t k = i; k < j; k++)
		for (int32_t m = 0; m < order[k].it->naliases; m++)
		{
			al[nal].s = order[k].it->aliases[m];
			al[nal].len = order[k].it->aliaslens[m];
			nal++;
		}
	qsort(al, (size_t) nal, sizeof(strref), cmp_strref);
	for (int32_t k = 0; k < nal; k++)
	{
		if (cmp_bytes(al[k].s, al[k].len, first->name, first->namelen) == 0)
			continue;
		if (n > 0 && cmp_strref(&al[n - 1], &al[k]) == 0)
			continue;
		al[n++] = al[k];
	}
	*nuniq = n;
	return al;
}

/* Append the tokens of one name (its joined hash in *joined, unless NULL). */
static void
add_tokens(av_builder *b, const char *s, int32_t len, uint32_t *joined)
{
	uint32_t   *t;
	int32_t		nt = ws_av_tokens(b->scratch, s, len, &t, joined);

	ws_fmt_add_tokens(&b->p, b->a, t, nt);
}

/* Sort the tokens from etok on (one entry's) and keep each once. */
static void
unique_tokens(av_builder *b, int32_t etok)
{
	int32_t		o = etok;

	qsort(b->p.toks + etok, (size_t) (b->p.ntoks - etok), sizeof(uint32_t), cmp_u32);
	for (int32_t k = etok; k < b->p.ntoks; k++)
		if (k == etok || b->p.toks[k] != b->p.toks[o - 1])
			b->p.toks[o++] = b->p.toks[k];
	b->p.ntoks = o;
}

/*
 * Entry e from the run order[i..j) of one name and kind: flags OR'ed,
 * aliases united, tokens of the name and every alias sorted and unique.
 * false (err set) when the run has too many aliases together.
 */
static bool
add_entry(av_builder *b, const build_item *order, int32_t i, int32_t j, ws_av_entry *e,
		  ws_fmt_error *err)
{
	const ws_av_item *first = order[i].it;
	int32_t		nuniq,
				etok = b->p.ntoks;
	uint8_t		flags = 0;
	uint32_t	joined;
	strref	   *al;

	for (int32_t k = i; k < j; k++)
		flags |= order[k].it->flags;
	al = merged_aliases(b->scratch, order, i, j, &nuniq);
	if (nuniq > WS_AV_MAX_ALIASES)
	{
		ws_fmt_set_error(err, order[i].idx + 1, "too many aliases", NULL);
		return false;
	}
	e->kind = first->kind;
	e->flags = flags;
	e->naliases = (uint16_t) nuniq;
	/* strings: name\0 alias\0 ... */
	e->str = ws_fmt_add_string(&b->p, b->a, first->name, first->namelen);
	for (int32_t k = 0; k < nuniq; k++)
		ws_fmt_add_string(&b->p, b->a, al[k].s, al[k].len);
	add_tokens(b, first->name, first->namelen, &joined);
	e->namehash = joined;
	for (int32_t k = 0; k < nuniq; k++)
		add_tokens(b, al[k].s, al[k].len, NULL);
	unique_tokens(b, etok);
	e->tok = etok;
	e->ntoks = b->p.ntoks - etok;
	return true;
}

ws_av *
ws_av_build(ws_arena *a, const ws_av_item *items, int32_t n, ws_fmt_error *err)
{
	ws_av	   *v = ws_arena_alloc(a, sizeof(ws_av));
	av_builder	b = {a};
	build_item *order;
	ws_av_entry *entries;
	int32_t		nent = 0;

	if (n < 0)
		n = 0;
	if (!check_items(items, n, err))
		return NULL;
	b.p.toks = ws_arena_grow(a, NULL, 0, &b.p.tokcap, 16, sizeof(uint32_t));
	b.p.strs = ws_arena_grow(a, NULL, 0, &b.p.strcap, 64, 1);
	order = ws_arena_alloc(a, sizeof(build_item) * (size_t) (n ? n : 1));
	for (int32_t i = 0; i < n; i++)
	{
		order[i].it = &items[i];
		order[i].idx = i;
	}
	qsort(order, (size_t) n, sizeof(build_item), cmp_items);
	entries = ws_arena_alloc(a, sizeof(ws_av_entry) * (size_t) (n ? n : 1));
	b.scratch = ws_arena_new();
	for (int32_t i = 0, j; i < n; i = j)
	{
		j = run_end(order, n, i);
		if (!add_entry(&b, order, i, j, &entries[nent++], err))
		{
			ws_arena_free(b.scratch);
			return NULL;
		}
		if ((nent & 255) == 0)
		{
			ws_arena_free(b.scratch);
			b.scratch = ws_arena_new();
			if (ws_interrupt_hook)
				ws_interrupt_hook();
		}
	}
	ws_arena_free(b.scratch);

	v->n = nent;
	v->entries = entries;
	v->ntoks = b.p.ntoks;
	v->toks = b.p.toks ? b.p.toks : ws_arena_alloc(a, sizeof(uint32_t));
	v->strsize = b.p.strsize;
	v->strs = b.p.strs ? b.p.strs : ws_arena_alloc(a, 1);
	return v;
}

const char *
ws_av_name(const ws_av *v, int32_t i)
{
	return v->strs + v->entries[i].str;
}

const char *
ws_av_alias(const ws_av *v, int32_t i, int32_t k)
{
	const char *s = ws_av_name(v, i);

	for (int32_t m = 0; m <= k; m++)
		s += strlen(s) + 1;
	return s;
}

bool
ws_av_has_token(const ws_av *v, int32_t i, uint32_t t)
{
	const uint32_t *p = v->toks + v->entries[i].tok;
	int32_t		lo = 0,
				hi = v->entries[i].ntoks;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (p[mid] == t)
			return true;
		if (p[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* ------------------------------------------------------------ text */

/*
 * Read a name at s[*i]: 'quoted, with '' for a quote' or a bare word (up to
 * white space, ', / or :). Returns the unescaped text in the arena.
 */
static char *
read_vec_word(ws_arena *a, const char *s, int32_t len, int32_t *i, int32_t *outlen,
			  ws_fmt_error *err)
{
	int32_t		p = *i,
				q = p;

	if (p < len && s[p] == '\'')
		return ws_fmt_read_quoted(a, s, len, i, '\'', outlen, err);
	while (q < len && !ws_fmt_is_space(s[q]) && s[q] != '\'' && s[q] != '/' && s[q] != ':')
		q++;
	if (q == p)
	{
		ws_fmt_set_error(err, ws_fmt_char_pos(s, p), "expected an actor name", NULL);
		return NULL;
	}
	*i = q;
	*outlen = q - p;
	return ws_arena_strndup(a, s + p, (size_t) (q - p));
}

/* The text being read and the items read so far. */
typedef struct vparser
{
	ws_arena   *a;
	const char *s;
	int32_t		len;
	int32_t		i;				/* byte offset */
	ws_av_item *items;
	int32_t    *alfirst;		/* per item: its first alias in al */
	const char **al;			/* the aliases of every item, in order */
	int32_t    *allen;
	int32_t		n,
				cap,
				fcap,
				nal,
				alcap,
				alcap2;
	int64_t		names,
				bytes;
	ws_fmt_error *err;
} vparser;

/* The alias after a '/' at s[j - 1]; *j moves past it. */
static bool
read_alias(vparser *p, ws_av_item *it, int32_t *j)
{
	int32_t		wl,
				ws;
	char	   *w;

	*j = ws_fmt_skip_space(p->s, p->len, *j);
	ws = *j;
	w = read_vec_word(p->a, p->s, p->len, j, &wl, p->err);
	if (w == NULL)
		return false;
	if (wl == 0 || wl > WS_AV_MAX_NAME)
	{
		ws_fmt_set_error(p->err, ws_fmt_char_pos(p->s, ws), wl ? "alias is too long" : "empty alias", NULL);
		return false;
	}
	if (it->naliases >= WS_AV_MAX_ALIASES)
	{
		ws_fmt_set_error(p->err, ws_fmt_char_pos(p->s, ws), "too many aliases", NULL);
		return false;
	}
	if (!ws_fmt_count_name(&p->names, &p->bytes, wl, 0, p->err))
	{
		p->err->pos = ws_fmt_char_pos(p->s, ws);
		return false;
	}
	p->al = ws_arena_grow(p->a, p->al, p->nal, &p->alcap, p->nal + 1, sizeof(char *));
	p->allen = ws_arena_grow(p->a, p->allen, p->nal, &p->alcap2, p->nal + 1, sizeof(int32_t));
	p->al[p->nal] = w;
	p->allen[p->nal] = wl;
	p->nal++;
	it->naliases++;
	return true;
}

/* The kind or speaker flag after a ':' at s[fs - 1]; returns where it ends, -1 on error. */
static int32_t
read_flag(vparser *p, ws_av_item *it, int32_t fs)
{
	const char *s = p->s;
	int32_t		fe;
	uint8_t		k;

	fs = ws_fmt_skip_space(s, p->len, fs);
	fe = fs;
	while (fe < p->len && ((s[fe] >= 'a' && s[fe] <= 'z') || (s[fe] >= 'A' && s[fe] <= 'Z')))
		fe++;
	k = ws_fmt_kind_word(s + fs, fe - fs);
	if (k != 0)
	{
		if (it->kind != 0 && it->kind != k)
		{
			ws_fmt_set_error(p->err, ws_fmt_char_pos(s, fs), "conflicting actor kinds", NULL);
			return -1;
		}
		it->kind = k;
	}
	else if (ws_fmt_word_is(s + fs, fe - fs, "speaker"))
		it->flags |= WS_AV_SPEAKER;
	else
	{
		ws_fmt_set_error(p->err, ws_fmt_char_pos(s, fs),
						 "unknown flag; expected person, organization, place or speaker", NULL);
		return -1;
	}
	return fe;
}

/* One actor at p->i: its name, then /alias and :flag suffixes, then white space or the end. */
static bool
read_item(vparser *p, uint32_t *steps)
{
	ws_av_item *it;
	int32_t		start = p->i;

	p->items = ws_arena_grow(p->a, p->items, p->n, &p->cap, p->n + 1, sizeof(ws_av_item));
	p->alfirst = ws_arena_grow(p->a, p->alfirst, p->n, &p->fcap, p->n + 1, sizeof(int32_t));
	p->alfirst[p->n] = p->nal;
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->name = read_vec_word(p->a, p->s, p->len, &p->i, &it->namelen, p->err);
	if (it->name == NULL)
		return false;
	if (it->namelen == 0 || it->namelen > WS_AV_MAX_NAME)
	{
		ws_fmt_set_error(p->err, ws_fmt_char_pos(p->s, start),
						 it->namelen ? "actor name is too long" : "empty actor name", NULL);
		return false;
	}
	if (!ws_fmt_count_name(&p->names, &p->bytes, it->namelen, 0, p->err))
	{
		p->err->pos = ws_fmt_char_pos(p->s, start);
		return false;
	}
	for (;;)
	{
		int32_t		j = ws_fmt_skip_space(p->s, p->len, p->i);

		if (j < p->len && p->s[j] == '/')
		{
			j++;
			if (!read_alias(p, it, &j))
				return false;
			p->i = j;
		}
		else if (j < p->len && p->s[j] == ':')
		{
			if ((p->i = read_flag(p, it, j + 1)) < 0)
				return false;
		}
		else
			break;
		if (ws_interrupt_hook && (++*steps & 4095) == 0)
			ws_interrupt_hook();
	}
	if (p->i < p->len && !ws_fmt_is_space(p->s[p->i]))
	{
		ws_fmt_set_error(p->err, ws_fmt_char_pos(p->s, p->i), "expected white space between actors", NULL);
		return false;
	}
	return true;
}

ws_av *
ws_av_parse(ws_arena *a, const char *s, int32_t len, ws_fmt_error *err)
{
	vparser		p = {a, s, len};
	uint32_t	steps = 0;
	ws_av	   *v;

	p.err = err;
	err->pos = 0;
	err->limit = false;
	err->msg[0] = '\0';
	p.i = ws_fmt_skip_space(s, len, 0);
	while (p.i < len)
	{
		if (!read_item(&p, &steps))
			return NULL;
		p.i = ws_fmt_skip_space(s, len, p.i);
		if (ws_interrupt_hook && (p.n & 255) == 0)
			ws_interrupt_hook();
	}
	/* the alias array has stopped moving: point the items into it */
	for (int32_t k = 0; k < p.n && p.nal > 0; k++)
	{
		p.items[k].aliases = p.al + p.alfirst[k];
		p.items[k].aliaslens = p.allen + p.alfirst[k];
	}
	v = ws_av_build(a, p.items, p.n, err);
	if (v == NULL)
		err->pos = 1;			/* build reports the item number; point at the text instead */
	return v;
}

char *
ws_av_format(ws_arena *a, const ws_av *v)
{
	ws_fmt_buf	b;

	ws_fmt_buf_init(&b, a);
	for (int32_t i = 0; i < v->n; i++)
	{
		const ws_av_entry *e = &v->entries[i];
		const char *s = ws_av_name(v, i);

		if (i > 0)
			ws_fmt_append(&b, " ", 1);
		ws_fmt_append_quoted(&b, s, '\'');
		for (int32_t k = 0; k < e->naliases; k++)
		{
			s += strlen(s) + 1;
			ws_fmt_append(&b, "/", 1);
			ws_fmt_append_quoted(&b, s, '\'');
		}
		if (e->kind != WS_KIND_NONE)
		{
			const char *k = ws_kind_name((ws_kind) e->kind);

			ws_fmt_append(&b, ":", 1);
			ws_fmt_append(&b, k, (int32_t) strlen(k));
		}
		if (e->flags & WS_AV_SPEAKER)
			ws_fmt_append(&b, ":speaker", 8);
	}
	return b.data;
}
