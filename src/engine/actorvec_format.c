/*
 * actorvec_format.c — parsing, building, printing and matching of the
 * actorvec and actorquery layouts (see actorvec_format.h), and the name
 * folding they share. Every input is untrusted: the parsers report the
 * character position of the first error and never read past len.
 */
#include "actorvec_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* ------------------------------------------------------------ helpers */

/* Grow an arena array of elsize-byte elements to hold at least need. */
static void *
grow(ws_arena *a, void *old, int32_t n, int32_t *cap, int32_t need, size_t elsize)
{
	int32_t		ncap;
	void	   *p;

	if (need <= *cap)
		return old;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	p = ws_arena_alloc(a, elsize * (size_t) ncap);
	if (n > 0)
		memcpy(p, old, elsize * (size_t) n);
	*cap = ncap;
	return p;
}

/* 1-based character position of byte offset off in s. */
static int32_t
char_pos(const char *s, int32_t off)
{
	int32_t		pos = 1;

	for (int32_t i = 0; i < off; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			pos++;
	return pos;
}

static void
set_error(ws_fmt_error *err, int32_t pos, const char *fmt, const char *arg)
{
	err->pos = pos;
	err->limit = false;
	snprintf(err->msg, sizeof(err->msg), fmt, arg ? arg : "");
}

/* A value over one of the size limits (actorvec_format.h). */
static void
set_limit_error(ws_fmt_error *err, int32_t pos, const char *what, int64_t max)
{
	err->pos = pos;
	err->limit = true;
	snprintf(err->msg, sizeof(err->msg), "%s (at most %lld)", what, (long long) max);
}

/*
 * Count one more name of nbytes against the limits; false (with the error
 * set, at pos) once they are exceeded. pos is evaluated by the caller, so
 * callers pass a cheap one and fix it up on failure.
 */
static bool
count_name(int64_t *names, int64_t *bytes, int64_t nbytes, int32_t pos,
		   ws_fmt_error *err)
{
	*names += 1;
	*bytes += nbytes;
	if (*names > WS_AV_MAX_NAMES)
	{
		set_limit_error(err, pos, "too many names", WS_AV_MAX_NAMES);
		return false;
	}
	if (*bytes > WS_AV_MAX_BYTES)
	{
		set_limit_error(err, pos, "too many bytes of names", WS_AV_MAX_BYTES);
		return false;
	}
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

/* ------------------------------------------------------------ folding */

static const UNormalizer2 *
nfkd(void)
{
	static const UNormalizer2 *n;
	static bool tried;

	if (!tried)
	{
		UErrorCode	st = U_ZERO_ERROR;

		tried = true;
		n = unorm2_getNFKDInstance(&st);
		if (U_FAILURE(st))
			n = NULL;
	}
	return n;
}

/*
 * Case fold, decompose (NFKD) and drop non-spacing marks: "Zoë" and "ZOE"
 * fold alike. Case folding first, so that İ's dot also goes.
 */
static UChar *
fold_u16(ws_arena *a, const char *s, int32_t len, int32_t *outlen)
{
	UErrorCode	st = U_ZERO_ERROR;
	int32_t		n = 0,
				m,
				k;
	UChar	   *u,
			   *f;

	*outlen = 0;
	if (len <= 0)
		return ws_arena_alloc(a, sizeof(UChar));
	u_strFromUTF8WithSub(NULL, 0, &n, s, len, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	u = ws_arena_alloc(a, sizeof(UChar) * ((size_t) n + 1));
	u_strFromUTF8WithSub(u, n + 1, &n, s, len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		return u;

	m = u_strFoldCase(NULL, 0, u, n, U_FOLD_CASE_DEFAULT, &st);
	st = U_ZERO_ERROR;
	f = ws_arena_alloc(a, sizeof(UChar) * ((size_t) m + 1));
	m = u_strFoldCase(f, m + 1, u, n, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
	{
		*outlen = n;
		return u;
	}
	if (nfkd() != NULL)
	{
		k = unorm2_normalize(nfkd(), f, m, NULL, 0, &st);
		st = U_ZERO_ERROR;
		u = ws_arena_alloc(a, sizeof(UChar) * ((size_t) k + 1));
		k = unorm2_normalize(nfkd(), f, m, u, k + 1, &st);
		if (U_SUCCESS(st))
		{
			f = u;
			m = k;
		}
	}
	/* drop combining marks in place */
	{
		int32_t		i = 0,
					o = 0;

		while (i < m)
		{
			int32_t		start = i;
			UChar32		c;

			U16_NEXT(f, i, m, c);
			if (u_charType(c) == U_NON_SPACING_MARK)
				continue;
			while (start < i)
				f[o++] = f[start++];
		}
		m = o;
	}
	*outlen = m;
	return f;
}

char *
ws_av_fold(ws_arena *a, const char *s, int32_t len, int32_t *outlen)
{
	int32_t		m,
				n = 0;
	UChar	   *f = fold_u16(a, s, len, &m);
	UErrorCode	st = U_ZERO_ERROR;
	char	   *out;

	u_strToUTF8WithSub(NULL, 0, &n, f, m, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	out = ws_arena_alloc(a, (size_t) n + 1);
	u_strToUTF8WithSub(out, n + 1, &n, f, m, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		n = 0;
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* Dropped without splitting the word: O'Neill, U.S. */
static bool
is_joiner(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC || c == '.';
}

static bool
is_name_char(UChar32 c)
{
	int8_t		t = u_charType(c);

	return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
		t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static uint32_t
fnv_cp(uint32_t h, UChar32 c)
{
	uint8_t		buf[4];
	int32_t		n = 0;
	UBool		bad = false;

	U8_APPEND(buf, n, 4, c, bad);
	if (bad)
		n = 0;
	for (int32_t i = 0; i < n; i++)
		h = (h ^ buf[i]) * FNV_PRIME;
	return h;
}

int32_t
ws_av_tokens(ws_arena *a, const char *s, int32_t len, uint32_t **toks,
			 uint32_t *joined)
{
	int32_t		m,
				i = 0,
				n = 0,
				cap = 0;
	UChar	   *f = fold_u16(a, s, len, &m);
	uint32_t   *out = NULL;
	uint32_t	h = FNV_OFFSET,
				j = FNV_OFFSET;
	bool		in = false;

	while (i <= m)
	{
		UChar32		c = -1;

		if (i < m)
			U16_NEXT(f, i, m, c);
		else
			i++;
		if (c >= 0 && is_joiner(c))
			continue;
		if (c >= 0 && is_name_char(c))
		{
			if (!in && n > 0)
				j = fnv_cp(j, ' ');
			in = true;
			h = fnv_cp(h, c);
			j = fnv_cp(j, c);
			continue;
		}
		if (in)
		{
			out = grow(a, out, n, &cap, n + 1, sizeof(uint32_t));
			out[n++] = h;
			h = FNV_OFFSET;
			in = false;
		}
	}
	*toks = out;
	if (joined)
		*joined = j;
	return n;
}

/* ------------------------------------------------------------ actorvec: build */

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

static bool
check_name(const char *s, int32_t len, int32_t itemno, const char *what,
		   ws_fmt_error *err)
{
	char		buf[64];

	if (len <= 0)
	{
		set_error(err, itemno, "empty %s", what);
		return false;
	}
	if (len > WS_AV_MAX_NAME)
	{
		snprintf(buf, sizeof(buf), "%s is too long (%d bytes, at most %d)",
				 what, (int) len, WS_AV_MAX_NAME);
		set_error(err, itemno, "%s", buf);
		return false;
	}
	if (memchr(s, '\0', (size_t) len) != NULL)
	{
		set_error(err, itemno, "%s contains a NUL byte", what);
		return false;
	}
	return true;
}

ws_av *
ws_av_build(ws_arena *a, const ws_av_item *items, int32_t n, ws_fmt_error *err)
{
	build_item *order;
	ws_av	   *v = ws_arena_alloc(a, sizeof(ws_av));
	ws_av_entry *entries;
	uint32_t   *toks = NULL;
	char	   *strs = NULL;
	int32_t		ntoks = 0,
				tokcap = 0,
				strsize = 0,
				strcap = 0,
				nent = 0;
	int64_t		names = 0,
				bytes = 0;
	ws_arena   *scratch;

	if (n < 0)
		n = 0;
	for (int32_t i = 0; i < n; i++)
	{
		const ws_av_item *it = &items[i];

		if (!check_name(it->name, it->namelen, i + 1, "actor name", err))
			return NULL;
		if (!count_name(&names, &bytes, it->namelen, i + 1, err))
			return NULL;
		if (it->kind > WS_PLACE)
		{
			set_error(err, i + 1, "invalid actor kind", NULL);
			return NULL;
		}
		if (it->flags & ~WS_AV_SPEAKER)
		{
			set_error(err, i + 1, "invalid actor flags", NULL);
			return NULL;
		}
		if (it->naliases < 0 || it->naliases > WS_AV_MAX_ALIASES)
		{
			set_error(err, i + 1, "too many aliases", NULL);
			return NULL;
		}
		for (int32_t k = 0; k < it->naliases; k++)
			if (!check_name(it->aliases[k], it->aliaslens[k], i + 1, "alias", err) ||
				!count_name(&names, &bytes, it->aliaslens[k], i + 1, err))
				return NULL;
	}

	toks = grow(a, NULL, 0, &tokcap, 16, sizeof(uint32_t));
	strs = grow(a, NULL, 0, &strcap, 64, 1);
	order = ws_arena_alloc(a, sizeof(build_item) * (size_t) (n ? n : 1));
	for (int32_t i = 0; i < n; i++)
	{
		order[i].it = &items[i];
		order[i].idx = i;
	}
	qsort(order, (size_t) n, sizeof(build_item), cmp_items);
	entries = ws_arena_alloc(a, sizeof(ws_av_entry) * (size_t) (n ? n : 1));
	/* folding buffers and alias lists of a few entries at a time */
	scratch = ws_arena_new();

	for (int32_t i = 0; i < n;)
	{
		const ws_av_item *first = order[i].it;
		int32_t		j = i,
					nal = 0,
					nuniq = 0,
					etok = ntoks;
		uint8_t		flags = 0;
		strref	   *al;
		ws_av_entry *e = &entries[nent++];
		uint32_t   *t,
					joined;
		int32_t		nt;

		while (j < n && first->kind == order[j].it->kind &&
			   cmp_bytes(first->name, first->namelen, order[j].it->name,
						 order[j].it->namelen) == 0)
		{
			flags |= order[j].it->flags;
			nal += order[j].it->naliases;
			j++;
		}
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
			if (nuniq > 0 && cmp_strref(&al[nuniq - 1], &al[k]) == 0)
				continue;
			al[nuniq++] = al[k];
		}
		if (nuniq > WS_AV_MAX_ALIASES)
		{
			set_error(err, order[i].idx + 1, "too many aliases", NULL);
			ws_arena_free(scratch);
			return NULL;
		}

		e->kind = first->kind;
		e->flags = flags;
		e->naliases = (uint16_t) nuniq;
		e->str = strsize;

		/* strings: name\0 alias\0 ... */
		{
			int32_t		need = strsize + first->namelen + 1;

			for (int32_t k = 0; k < nuniq; k++)
				need += al[k].len + 1;
			strs = grow(a, strs, strsize, &strcap, need, 1);
			memcpy(strs + strsize, first->name, (size_t) first->namelen);
			strsize += first->namelen;
			strs[strsize++] = '\0';
			for (int32_t k = 0; k < nuniq; k++)
			{
				memcpy(strs + strsize, al[k].s, (size_t) al[k].len);
				strsize += al[k].len;
				strs[strsize++] = '\0';
			}
		}

		/* tokens of the name and every alias, sorted and unique */
		nt = ws_av_tokens(scratch, first->name, first->namelen, &t, &joined);
		e->namehash = joined;
		toks = grow(a, toks, ntoks, &tokcap, ntoks + nt, sizeof(uint32_t));
		if (nt > 0)
			memcpy(toks + ntoks, t, sizeof(uint32_t) * (size_t) nt);
		ntoks += nt;
		for (int32_t k = 0; k < nuniq; k++)
		{
			nt = ws_av_tokens(scratch, al[k].s, al[k].len, &t, NULL);
			toks = grow(a, toks, ntoks, &tokcap, ntoks + nt, sizeof(uint32_t));
			if (nt > 0)
				memcpy(toks + ntoks, t, sizeof(uint32_t) * (size_t) nt);
			ntoks += nt;
		}
		qsort(toks + etok, (size_t) (ntoks - etok), sizeof(uint32_t), cmp_u32);
		{
			int32_t		o = etok;

			for (int32_t k = etok; k < ntoks; k++)
				if (k == etok || toks[k] != toks[o - 1])
					toks[o++] = toks[k];
			ntoks = o;
		}
		e->tok = etok;
		e->ntoks = ntoks - etok;
		if ((nent & 255) == 0)
		{
			ws_arena_free(scratch);
			scratch = ws_arena_new();
			if (ws_interrupt_hook)
				ws_interrupt_hook();
		}
		i = j;
	}
	ws_arena_free(scratch);

	v->n = nent;
	v->entries = entries;
	v->ntoks = ntoks;
	v->toks = toks ? toks : ws_arena_alloc(a, sizeof(uint32_t));
	v->strsize = strsize;
	v->strs = strs ? strs : ws_arena_alloc(a, 1);
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

/* ------------------------------------------------------------ actorvec: text */

/*
 * Read a name at s[*i]: 'quoted, with '' for a quote' or a bare word (up to
 * white space, ', / or :). Returns the unescaped text in the arena.
 */
static char *
read_vec_word(ws_arena *a, const char *s, int32_t len, int32_t *i, int32_t *outlen,
			  ws_fmt_error *err)
{
	int32_t		p = *i,
				n = 0;
	char	   *out;

	if (p < len && s[p] == '\'')
	{
		int32_t		q = p + 1,
					size = 0;

		/* measure first: a copy the size of the rest of the input per name is quadratic */
		while (q < len && (s[q] != '\'' || (q + 1 < len && s[q + 1] == '\'')))
		{
			q += s[q] == '\'' ? 2 : 1;
			size++;
		}
		q = p + 1;
		out = ws_arena_alloc(a, (size_t) size + 1);
		for (;;)
		{
			if (q >= len)
			{
				set_error(err, char_pos(s, p), "unterminated quoted name", NULL);
				return NULL;
			}
			if (s[q] == '\'')
			{
				if (q + 1 < len && s[q + 1] == '\'')
				{
					out[n++] = '\'';
					q += 2;
					continue;
				}
				q++;
				break;
			}
			out[n++] = s[q++];
		}
		*i = q;
	}
	else
	{
		int32_t		q = p;

		while (q < len && !is_space(s[q]) && s[q] != '\'' && s[q] != '/' && s[q] != ':')
			q++;
		if (q == p)
		{
			set_error(err, char_pos(s, p), "expected an actor name", NULL);
			return NULL;
		}
		out = ws_arena_strndup(a, s + p, (size_t) (q - p));
		n = q - p;
		*i = q;
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

static int32_t
skip_space(const char *s, int32_t len, int32_t i)
{
	while (i < len && is_space(s[i]))
		i++;
	return i;
}

static bool
word_is(const char *s, int32_t len, const char *w)
{
	int32_t		n = (int32_t) strlen(w);

	if (len != n)
		return false;
	for (int32_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

/* kind words of both grammars; 0 if not a kind */
static uint8_t
kind_word(const char *s, int32_t len)
{
	if (word_is(s, len, "person"))
		return WS_PERSON;
	if (word_is(s, len, "organization") || word_is(s, len, "organisation") ||
		word_is(s, len, "org"))
		return WS_ORGANIZATION;
	if (word_is(s, len, "place") || word_is(s, len, "location") || word_is(s, len, "loc"))
		return WS_PLACE;
	return 0;
}

ws_av *
ws_av_parse(ws_arena *a, const char *s, int32_t len, ws_fmt_error *err)
{
	ws_av_item *items = NULL;
	int32_t    *alfirst = NULL;		/* per item: its first alias in al */
	const char **al = NULL;			/* the aliases of every item, in order */
	int32_t    *allen = NULL;
	int32_t		n = 0,
				cap = 0,
				fcap = 0,
				nal = 0,
				alcap = 0,
				alcap2 = 0,
				i = 0;
	int64_t		names = 0,
				bytes = 0;
	uint32_t	steps = 0;

	err->pos = 0;
	err->limit = false;
	err->msg[0] = '\0';
	i = skip_space(s, len, i);
	while (i < len)
	{
		ws_av_item *it;
		int32_t		start = i;

		items = grow(a, items, n, &cap, n + 1, sizeof(ws_av_item));
		alfirst = grow(a, alfirst, n, &fcap, n + 1, sizeof(int32_t));
		alfirst[n] = nal;
		it = &items[n++];
		memset(it, 0, sizeof(*it));
		it->name = read_vec_word(a, s, len, &i, &it->namelen, err);
		if (it->name == NULL)
			return NULL;
		if (it->namelen == 0 || it->namelen > WS_AV_MAX_NAME)
		{
			set_error(err, char_pos(s, start), it->namelen ? "actor name is too long" : "empty actor name", NULL);
			return NULL;
		}
		if (!count_name(&names, &bytes, it->namelen, 0, err))
		{
			err->pos = char_pos(s, start);
			return NULL;
		}
		for (;;)
		{
			int32_t		j = skip_space(s, len, i);

			if (j < len && s[j] == '/')
			{
				int32_t		wl,
							ws;
				char	   *w;

				j = skip_space(s, len, j + 1);
				ws = j;
				w = read_vec_word(a, s, len, &j, &wl, err);
				if (w == NULL)
					return NULL;
				if (wl == 0 || wl > WS_AV_MAX_NAME)
				{
					set_error(err, char_pos(s, ws), wl ? "alias is too long" : "empty alias", NULL);
					return NULL;
				}
				if (it->naliases >= WS_AV_MAX_ALIASES)
				{
					set_error(err, char_pos(s, ws), "too many aliases", NULL);
					return NULL;
				}
				if (!count_name(&names, &bytes, wl, 0, err))
				{
					err->pos = char_pos(s, ws);
					return NULL;
				}
				al = grow(a, al, nal, &alcap, nal + 1, sizeof(char *));
				allen = grow(a, allen, nal, &alcap2, nal + 1, sizeof(int32_t));
				al[nal] = w;
				allen[nal] = wl;
				nal++;
				it->naliases++;
				i = j;
			}
			else if (j < len && s[j] == ':')
			{
				int32_t		fs,
							fe;
				uint8_t		k;

				fs = skip_space(s, len, j + 1);
				fe = fs;
				while (fe < len && ((s[fe] >= 'a' && s[fe] <= 'z') ||
									(s[fe] >= 'A' && s[fe] <= 'Z')))
					fe++;
				k = kind_word(s + fs, fe - fs);
				if (k != 0)
				{
					if (it->kind != 0 && it->kind != k)
					{
						set_error(err, char_pos(s, fs), "conflicting actor kinds", NULL);
						return NULL;
					}
					it->kind = k;
				}
				else if (word_is(s + fs, fe - fs, "speaker"))
					it->flags |= WS_AV_SPEAKER;
				else
				{
					set_error(err, char_pos(s, fs),
							  "unknown flag; expected person, organization, place or speaker",
							  NULL);
					return NULL;
				}
				i = fe;
			}
			else
				break;
			if (ws_interrupt_hook && (++steps & 4095) == 0)
				ws_interrupt_hook();
		}
		if (i < len && !is_space(s[i]))
		{
			set_error(err, char_pos(s, i), "expected white space between actors", NULL);
			return NULL;
		}
		i = skip_space(s, len, i);
		if (ws_interrupt_hook && (n & 255) == 0)
			ws_interrupt_hook();
	}
	/* the alias array has stopped moving: point the items into it */
	for (int32_t k = 0; k < n && nal > 0; k++)
	{
		items[k].aliases = al + alfirst[k];
		items[k].aliaslens = allen + alfirst[k];
	}
	{
		ws_av	   *v = ws_av_build(a, items, n, err);

		if (v == NULL)
		{
			/* build reports the item number; point at the text instead */
			err->pos = 1;
		}
		return v;
	}
}

static void
append(ws_arena *a, char **buf, int32_t *len, int32_t *cap, const char *s, int32_t n)
{
	*buf = grow(a, *buf, *len, cap, *len + n + 1, 1);
	memcpy(*buf + *len, s, (size_t) n);
	*len += n;
	(*buf)[*len] = '\0';
}

static void
append_quoted(ws_arena *a, char **buf, int32_t *len, int32_t *cap, const char *s, char q)
{
	append(a, buf, len, cap, &q, 1);
	for (const char *p = s; *p; p++)
	{
		if (*p == q)
			append(a, buf, len, cap, &q, 1);
		append(a, buf, len, cap, p, 1);
	}
	append(a, buf, len, cap, &q, 1);
}

char *
ws_av_format(ws_arena *a, const ws_av *v)
{
	char	   *buf = NULL;
	int32_t		len = 0,
				cap = 0;

	append(a, &buf, &len, &cap, "", 0);
	for (int32_t i = 0; i < v->n; i++)
	{
		const ws_av_entry *e = &v->entries[i];
		const char *s = ws_av_name(v, i);

		if (i > 0)
			append(a, &buf, &len, &cap, " ", 1);
		append_quoted(a, &buf, &len, &cap, s, '\'');
		for (int32_t k = 0; k < e->naliases; k++)
		{
			s += strlen(s) + 1;
			append(a, &buf, &len, &cap, "/", 1);
			append_quoted(a, &buf, &len, &cap, s, '\'');
		}
		if (e->kind != WS_KIND_NONE)
		{
			const char *k = ws_kind_name((ws_kind) e->kind);

			append(a, &buf, &len, &cap, ":", 1);
			append(a, &buf, &len, &cap, k, (int32_t) strlen(k));
		}
		if (e->flags & WS_AV_SPEAKER)
			append(a, &buf, &len, &cap, ":speaker", 8);
	}
	return buf;
}

/* ------------------------------------------------------------ actorquery: assemble */

static ws_aq *
assemble(ws_arena *a, ws_arena **scratch, const ws_aq_raw *raw, int32_t n,
		 ws_fmt_error *err)
{
	ws_aq	   *q = ws_arena_alloc(a, sizeof(ws_aq));
	ws_aq_node *nodes = ws_arena_alloc(a, sizeof(ws_aq_node) * (size_t) (n > 0 ? n : 1));
	int32_t    *stk_idx,
			   *stk_left;
	int32_t		sp = 0,
				maxdepth = WS_AQ_MAX_DEPTH;
	uint32_t   *toks = NULL;
	char	   *strs = NULL;
	int32_t		ntoks = 0,
				tokcap = 0,
				strsize = 0,
				strcap = 0;
	int64_t		names = 0,
				bytes = 0;

	if (n < 0)
		n = 0;
	if (n > WS_AQ_MAX_NODES)
	{
		set_limit_error(err, 1, "too many nodes", WS_AQ_MAX_NODES);
		return NULL;
	}
	stk_idx = ws_arena_alloc(a, sizeof(int32_t) * (size_t) (maxdepth + 1));
	stk_left = ws_arena_alloc(a, sizeof(int32_t) * (size_t) (maxdepth + 1));
	for (int32_t i = 0; i < n; i++)
	{
		const ws_aq_raw *r = &raw[i];
		ws_aq_node *nd = &nodes[i];

		if (sp == 0 && i > 0)
		{
			set_error(err, i + 1, "nodes after the end of the query", NULL);
			return NULL;
		}
		nd->type = r->type;
		if (sp > 0)
			stk_left[sp - 1]--;
		switch (r->type)
		{
			case WS_AQ_NAME:
				{
					uint32_t   *t;
					int32_t		nt;

					if (r->kind > WS_PLACE || (r->flags & ~WS_AV_SPEAKER))
					{
						set_error(err, i + 1, "invalid name prefix", NULL);
						return NULL;
					}
					if (!check_name(r->name, r->namelen, i + 1, "name", err) ||
						!count_name(&names, &bytes, r->namelen, i + 1, err))
						return NULL;
					if ((names & 255) == 0)
					{
						ws_arena_free(*scratch);
						*scratch = ws_arena_new();
					}
					nt = ws_av_tokens(*scratch, r->name, r->namelen, &t, NULL);
					if (nt == 0)
					{
						set_error(err, i + 1, "name has no letters or digits", NULL);
						return NULL;
					}
					nd->kind = r->kind;
					nd->flags = r->flags;
					nd->size = 1;
					nd->nargs = nt;
					nd->tok = ntoks;
					toks = grow(a, toks, ntoks, &tokcap, ntoks + nt, sizeof(uint32_t));
					memcpy(toks + ntoks, t, sizeof(uint32_t) * (size_t) nt);
					ntoks += nt;
					nd->str = strsize;
					strs = grow(a, strs, strsize, &strcap, strsize + r->namelen + 1, 1);
					memcpy(strs + strsize, r->name, (size_t) r->namelen);
					strsize += r->namelen;
					strs[strsize++] = '\0';
					/* close every operator this leaf completes */
					while (sp > 0 && stk_left[sp - 1] == 0)
					{
						nodes[stk_idx[sp - 1]].size = i - stk_idx[sp - 1] + 1;
						sp--;
					}
					break;
				}
			case WS_AQ_NOT:
			case WS_AQ_AND:
			case WS_AQ_OR:
				if (r->type == WS_AQ_NOT ? r->nargs != 1 :
					(r->nargs < 2 || r->nargs > n - i - 1))
				{
					set_error(err, i + 1, "operator has a wrong number of operands", NULL);
					return NULL;
				}
				if (sp >= maxdepth)
				{
					set_limit_error(err, i + 1, "operators nested too deeply", WS_AQ_MAX_DEPTH);
					return NULL;
				}
				nd->nargs = r->nargs;
				stk_idx[sp] = i;
				stk_left[sp] = r->nargs;
				sp++;
				break;
			default:
				set_error(err, i + 1, "invalid node type", NULL);
				return NULL;
		}
	}
	if (sp > 0)
	{
		set_error(err, n + 1, "query ends before its operators have all their operands", NULL);
		return NULL;
	}
	q->n = n;
	q->nodes = nodes;
	q->ntoks = ntoks;
	q->toks = toks ? toks : ws_arena_alloc(a, sizeof(uint32_t));
	q->strsize = strsize;
	q->strs = strs ? strs : ws_arena_alloc(a, 1);
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

/* ------------------------------------------------------------ actorquery: parse */

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
	return !is_space(c) && c != '&' && c != '|' && c != '!' && c != '(' &&
		c != ')' && c != '"' && c != ':';
}

static bool
qerror(qparser *p, int32_t off, const char *msg)
{
	set_error(p->err, char_pos(p->s, off), "%s", msg);
	return false;
}

static void
qskip(qparser *p)
{
	p->i = skip_space(p->s, p->len, p->i);
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
		set_limit_error(p->err, char_pos(p->s, p->i), "too many nodes", WS_AQ_MAX_NODES);
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

static pnode *
parse_name(qparser *p, uint8_t kind, uint8_t flags)
{
	pnode	   *nd = ws_arena_alloc(p->a, sizeof(pnode));
	int32_t		start = p->i;
	char	   *out;
	int32_t		n = 0;

	nd->type = WS_AQ_NAME;
	nd->kind = kind;
	nd->flags = flags;
	if (p->s[p->i] == '"')
	{
		int32_t		q = p->i + 1,
					size = 0;

		/* measure first: a copy the size of the rest of the input per name is quadratic */
		while (q < p->len && (p->s[q] != '"' || (q + 1 < p->len && p->s[q + 1] == '"')))
		{
			q += p->s[q] == '"' ? 2 : 1;
			size++;
		}
		q = p->i + 1;
		out = ws_arena_alloc(p->a, (size_t) size + 1);
		for (;;)
		{
			if (q >= p->len)
			{
				qerror(p, start, "unterminated quoted name");
				return NULL;
			}
			if (p->s[q] == '"')
			{
				if (q + 1 < p->len && p->s[q + 1] == '"')
				{
					out[n++] = '"';
					q += 2;
					continue;
				}
				q++;
				break;
			}
			out[n++] = p->s[q++];
		}
		p->i = q;
	}
	else
	{
		int32_t		q = p->i;

		while (q < p->len && is_bare_char(p->s[q]))
			q++;
		out = ws_arena_strndup(p->a, p->s + p->i, (size_t) (q - p->i));
		n = q - p->i;
		p->i = q;
	}
	out[n] = '\0';
	if (n == 0)
	{
		qerror(p, start, "empty name");
		return NULL;
	}
	if (n > WS_AV_MAX_NAME)
	{
		qerror(p, start, "name is too long");
		return NULL;
	}
	if (memchr(out, '\0', (size_t) n) != NULL)
	{
		qerror(p, start, "name contains a NUL byte");
		return NULL;
	}
	if (++p->nodes > WS_AQ_MAX_NODES)
	{
		set_limit_error(p->err, char_pos(p->s, start), "too many nodes", WS_AQ_MAX_NODES);
		return NULL;
	}
	if (!count_name(&p->names, &p->bytes, n, 0, p->err))
	{
		p->err->pos = char_pos(p->s, start);
		return NULL;
	}
	{
		uint32_t   *t;

		if ((p->names & 255) == 0)
		{
			ws_arena_free(p->scratch);
			p->scratch = ws_arena_new();
		}
		if (ws_av_tokens(p->scratch, out, n, &t, NULL) == 0)
		{
			qerror(p, start, "name has no letters or digits");
			return NULL;
		}
	}
	nd->name = out;
	nd->namelen = n;
	return nd;
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
		set_limit_error(p->err, char_pos(p->s, p->i), "operators nested too deeply", WS_AQ_MAX_DEPTH);
		return NULL;
	}
	if (p->i < p->len && p->s[p->i] == '!')
	{
		pnode	   *kid;

		p->i++;
		kid = parse_unary(p, kind, flags);
		if (kid == NULL)
			return NULL;
		if (++p->nodes > WS_AQ_MAX_NODES)
		{
			set_limit_error(p->err, char_pos(p->s, p->i), "too many nodes", WS_AQ_MAX_NODES);
			return NULL;
		}
		r = ws_arena_alloc(p->a, sizeof(pnode));
		r->type = WS_AQ_NOT;
		r->kids = ws_arena_alloc(p->a, sizeof(pnode *));
		r->kids[0] = kid;
		r->nkids = 1;
		p->depth--;
		return r;
	}
	/* prefixes: word immediately followed by ':' */
	for (;;)
	{
		int32_t		q = p->i;
		uint8_t		k;

		while (q < p->len && is_bare_char(p->s[q]))
			q++;
		if (q == p->i || q >= p->len || p->s[q] != ':')
			break;
		k = kind_word(p->s + p->i, q - p->i);
		if (k != 0)
		{
			if (kind != 0 && kind != k)
			{
				qerror(p, p->i, "conflicting kind prefixes");
				return NULL;
			}
			kind = k;
		}
		else if (word_is(p->s + p->i, q - p->i, "speaker"))
			flags |= WS_AV_SPEAKER;
		else
		{
			qerror(p, p->i, "unknown prefix; expected speaker:, person:, org: or place:");
			return NULL;
		}
		p->i = q + 1;
		prefixed = true;
		qskip(p);
	}
	if (p->i >= p->len)
	{
		qerror(p, p->i, "unexpected end of query; expected a name");
		return NULL;
	}
	if (p->s[p->i] == '(')
	{
		int32_t		open = p->i;

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
	}
	else if (p->s[p->i] == '"' || is_bare_char(p->s[p->i]))
		r = parse_name(p, kind, flags);
	else
	{
		qerror(p, p->i, prefixed ? "expected a name or \"(\" after the prefix" :
			   "expected a name, \"(\" or \"!\"");
		return NULL;
	}
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
		kids = grow(p->a, kids, n, &cap, n + 1, sizeof(pnode *));
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
format_node(ws_arena *a, const ws_aq *q, int32_t i, uint8_t parent,
			char **buf, int32_t *len, int32_t *cap)
{
	const ws_aq_node *nd = &q->nodes[i];

	if (nd->type == WS_AQ_NAME)
	{
		const char *name = q->strs + nd->str;

		if (nd->flags & WS_AV_SPEAKER)
			append(a, buf, len, cap, "speaker:", 8);
		if (nd->kind == WS_PERSON)
			append(a, buf, len, cap, "person:", 7);
		else if (nd->kind == WS_ORGANIZATION)
			append(a, buf, len, cap, "org:", 4);
		else if (nd->kind == WS_PLACE)
			append(a, buf, len, cap, "place:", 6);
		if (can_be_bare(name))
			append(a, buf, len, cap, name, (int32_t) strlen(name));
		else
			append_quoted(a, buf, len, cap, name, '"');
		return;
	}
	if (nd->type == WS_AQ_NOT)
	{
		append(a, buf, len, cap, "!", 1);
		format_node(a, q, i + 1, WS_AQ_NOT, buf, len, cap);
		return;
	}
	{
		/* parentheses where the parent binds tighter: ! > & > | */
		bool		paren = parent == WS_AQ_NOT ||
			(parent == WS_AQ_AND && nd->type == WS_AQ_OR) ||
			(parent == nd->type);
		int32_t		j = i + 1;

		if (paren)
			append(a, buf, len, cap, "( ", 2);
		for (int32_t k = 0; k < nd->nargs; k++)
		{
			if (k > 0)
				append(a, buf, len, cap, nd->type == WS_AQ_AND ? " & " : " | ", 3);
			format_node(a, q, j, nd->type, buf, len, cap);
			j += q->nodes[j].size;
		}
		if (paren)
			append(a, buf, len, cap, " )", 2);
	}
}

char *
ws_aq_format(ws_arena *a, const ws_aq *q)
{
	char	   *buf = NULL;
	int32_t		len = 0,
				cap = 0;

	append(a, &buf, &len, &cap, "", 0);
	if (q->n > 0)
		format_node(a, q, 0, 0, &buf, &len, &cap);
	return buf;
}

/* ------------------------------------------------------------ matching */

static int
eval_node(const ws_aq *q, int32_t i, int (*leaf) (void *, int32_t), void *ctx)
{
	const ws_aq_node *nd = &q->nodes[i];
	int			res,
				r;
	int32_t		j = i + 1;

	switch (nd->type)
	{
		case WS_AQ_NAME:
			return leaf(ctx, i);
		case WS_AQ_NOT:
			r = eval_node(q, i + 1, leaf, ctx);
			return r == WS_MAYBE ? WS_MAYBE : (r == WS_TRUE ? WS_FALSE : WS_TRUE);
		case WS_AQ_AND:
			res = WS_TRUE;
			for (int32_t k = 0; k < nd->nargs; k++, j += q->nodes[j].size)
			{
				r = eval_node(q, j, leaf, ctx);
				if (r == WS_FALSE)
					return WS_FALSE;
				if (r == WS_MAYBE)
					res = WS_MAYBE;
			}
			return res;
		case WS_AQ_OR:
			res = WS_FALSE;
			for (int32_t k = 0; k < nd->nargs; k++, j += q->nodes[j].size)
			{
				r = eval_node(q, j, leaf, ctx);
				if (r == WS_TRUE)
					return WS_TRUE;
				if (r == WS_MAYBE)
					res = WS_MAYBE;
			}
			return res;
		default:
			return WS_FALSE;
	}
}

int
ws_aq_eval(const ws_aq *q, int (*leaf) (void *ctx, int32_t node), void *ctx)
{
	if (q->n <= 0)
		return WS_FALSE;
	return eval_node(q, 0, leaf, ctx);
}

bool
ws_aq_name_matches_entry(const ws_aq *q, int32_t node, const ws_av *v, int32_t i)
{
	const ws_aq_node *nd = &q->nodes[node];
	const ws_av_entry *e = &v->entries[i];

	if (nd->kind != 0 && nd->kind != e->kind)
		return false;
	if ((nd->flags & WS_AV_SPEAKER) && !(e->flags & WS_AV_SPEAKER))
		return false;
	for (int32_t k = 0; k < nd->nargs; k++)
		if (!ws_av_has_token(v, i, q->toks[nd->tok + k]))
			return false;
	return true;
}

/*
 * Matching is near-linear in the sizes of both sides. A vector and a query
 * that are both small are compared pairwise. Otherwise the vector's tokens
 * get an inverted index (token -> entries, sorted), and a name of the query
 * is checked only against the entries of its rarest token; names that are
 * the same (tokens, kind and prefix) are looked up once.
 */
#define PAIRWISE_MAX 4096		/* entries x names compared without an index */

typedef struct posting
{
	uint32_t	tok;
	int32_t		entry;
} posting;

typedef struct leaf_key
{
	const uint32_t *toks;
	int32_t		ntoks;
	uint8_t		kind,
				flags;
	int32_t		node;
} leaf_key;

typedef struct match_ctx
{
	const ws_av *v;
	const ws_aq *q;
	ws_arena   *ar;				/* the index, when one is built */
	posting    *idx;
	int32_t		nidx;
	int32_t    *group;			/* per node: its group of equal names */
	int8_t	   *memo;			/* per group: -1 not known yet, else the result */
	uint32_t	work;
} match_ctx;

static void
tick(uint32_t *work)
{
	if ((++*work & 1023) == 0 && ws_interrupt_hook)
		ws_interrupt_hook();
}

static int
cmp_posting(const void *x, const void *y)
{
	const posting *a = x,
			   *b = y;

	if (a->tok != b->tok)
		return a->tok < b->tok ? -1 : 1;
	return (a->entry > b->entry) - (a->entry < b->entry);
}

/* Token sequences: shorter first, then token by token. */
static int
cmp_tok_seq(const uint32_t *a, int32_t na, const uint32_t *b, int32_t nb)
{
	if (na != nb)
		return na < nb ? -1 : 1;
	for (int32_t k = 0; k < na; k++)
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	return 0;
}

static int
cmp_leaf_key(const void *x, const void *y)
{
	const leaf_key *a = x,
			   *b = y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->flags != b->flags)
		return a->flags < b->flags ? -1 : 1;
	return cmp_tok_seq(a->toks, a->ntoks, b->toks, b->ntoks);
}

/* First posting with a token >= t. */
static int32_t
posting_lower(const posting *idx, int32_t n, uint32_t t)
{
	int32_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (idx[mid].tok < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
build_index(match_ctx *m)
{
	const ws_av *v = m->v;
	const ws_aq *q = m->q;
	leaf_key   *keys;
	int32_t		nkeys = 0,
				ngroups = 0;

	m->ar = ws_arena_new();
	m->idx = ws_arena_alloc(m->ar, sizeof(posting) * (size_t) (v->ntoks > 0 ? v->ntoks : 1));
	for (int32_t i = 0; i < v->n; i++)
	{
		const ws_av_entry *e = &v->entries[i];

		for (int32_t k = 0; k < e->ntoks && m->nidx < v->ntoks; k++)
		{
			m->idx[m->nidx].tok = v->toks[e->tok + k];
			m->idx[m->nidx].entry = i;
			m->nidx++;
		}
		tick(&m->work);
	}
	qsort(m->idx, (size_t) m->nidx, sizeof(posting), cmp_posting);

	keys = ws_arena_alloc(m->ar, sizeof(leaf_key) * (size_t) (q->n > 0 ? q->n : 1));
	for (int32_t i = 0; i < q->n; i++)
	{
		const ws_aq_node *nd = &q->nodes[i];

		if (nd->type != WS_AQ_NAME)
			continue;
		keys[nkeys].toks = q->toks + nd->tok;
		keys[nkeys].ntoks = nd->nargs;
		keys[nkeys].kind = nd->kind;
		keys[nkeys].flags = nd->flags;
		keys[nkeys].node = i;
		nkeys++;
	}
	qsort(keys, (size_t) nkeys, sizeof(leaf_key), cmp_leaf_key);
	m->group = ws_arena_alloc(m->ar, sizeof(int32_t) * (size_t) (q->n > 0 ? q->n : 1));
	for (int32_t k = 0; k < nkeys; k++)
	{
		if (k == 0 || cmp_leaf_key(&keys[k - 1], &keys[k]) != 0)
			ngroups++;
		m->group[keys[k].node] = ngroups - 1;
	}
	m->memo = ws_arena_alloc(m->ar, (size_t) (ngroups > 0 ? ngroups : 1));
	memset(m->memo, -1, (size_t) (ngroups > 0 ? ngroups : 1));
}

static int
match_leaf(void *ctx, int32_t node)
{
	match_ctx  *m = ctx;
	const ws_aq_node *nd = &m->q->nodes[node];
	int32_t		best_lo = 0,
				best_hi = -1,
				g;
	int			r = WS_FALSE;

	if (m->idx == NULL)
	{
		for (int32_t i = 0; i < m->v->n; i++)
		{
			tick(&m->work);
			if (ws_aq_name_matches_entry(m->q, node, m->v, i))
				return WS_TRUE;
		}
		return WS_FALSE;
	}
	g = m->group[node];
	if (m->memo[g] >= 0)
		return m->memo[g];
	/* the entries carrying the name's rarest token are the only candidates */
	for (int32_t k = 0; k < nd->nargs; k++)
	{
		uint32_t	t = m->q->toks[nd->tok + k];
		int32_t		lo = posting_lower(m->idx, m->nidx, t),
					hi = t == UINT32_MAX ? m->nidx : posting_lower(m->idx, m->nidx, t + 1);

		if (best_hi < 0 || hi - lo < best_hi - best_lo)
		{
			best_lo = lo;
			best_hi = hi;
		}
		tick(&m->work);
	}
	for (int32_t j = best_lo; j < best_hi; j++)
	{
		tick(&m->work);
		if (ws_aq_name_matches_entry(m->q, node, m->v, m->idx[j].entry))
		{
			r = WS_TRUE;
			break;
		}
	}
	m->memo[g] = (int8_t) r;
	return r;
}

bool
ws_av_matches(const ws_av *v, const ws_aq *q)
{
	match_ctx	m = {v, q};
	int64_t		names = 0;
	bool		r;

	for (int32_t i = 0; i < q->n; i++)
		names += q->nodes[i].type == WS_AQ_NAME;
	if (names * v->n > PAIRWISE_MAX)
		build_index(&m);
	r = ws_aq_eval(q, match_leaf, &m) == WS_TRUE;
	if (m.ar != NULL)
		ws_arena_free(m.ar);
	return r;
}

void
ws_av_mark_matches(const ws_av *v, const ws_aq *q, const bool *want, bool *matched)
{
	match_ctx	m = {v, q};
	int64_t		names = 0;

	for (int32_t i = 0; i < q->n; i++)
		names += q->nodes[i].type == WS_AQ_NAME && want[i];
	if (names * v->n > PAIRWISE_MAX)
		build_index(&m);
	for (int32_t node = 0; node < q->n; node++)
	{
		const ws_aq_node *nd = &q->nodes[node];
		int32_t		lo = 0,
					hi = v->n;
		bool		via_index = m.idx != NULL;

		if (nd->type != WS_AQ_NAME || !want[node])
			continue;
		if (via_index)
		{
			/* an equal name marked its entries already */
			if (m.memo[m.group[node]] >= 0)
				continue;
			m.memo[m.group[node]] = 1;
			lo = 0;
			hi = -1;
			for (int32_t k = 0; k < nd->nargs; k++)
			{
				uint32_t	t = q->toks[nd->tok + k];
				int32_t		b = posting_lower(m.idx, m.nidx, t),
							e = t == UINT32_MAX ? m.nidx : posting_lower(m.idx, m.nidx, t + 1);

				if (hi < 0 || e - b < hi - lo)
				{
					lo = b;
					hi = e;
				}
			}
		}
		for (int32_t j = lo; j < hi; j++)
		{
			int32_t		e = via_index ? m.idx[j].entry : j;

			tick(&m.work);
			if (!matched[e] && ws_aq_name_matches_entry(q, node, v, e))
				matched[e] = true;
		}
	}
	if (m.ar != NULL)
		ws_arena_free(m.ar);
}

/*
 * Containment and overlap compare actors by name: the same name is the
 * same folded token sequence (and so the same namehash). Small vectors are
 * compared pairwise. Otherwise the names of a are sorted by (namehash,
 * token sequence), each run of equal names keeps a mask of the (kind,
 * speaker) pairs it has, and each actor of b is one binary search and one
 * mask test: linear in the names, however many share one.
 */
typedef struct name_key
{
	uint32_t	h;				/* namehash */
	int32_t		ntoks;
	const uint32_t *toks;		/* in name order */
	int32_t		entry;
	uint8_t		mask;			/* of its run: bit kind * 2 + speaker */
} name_key;

static int
cmp_name_key(const void *x, const void *y)
{
	const name_key *a = x,
			   *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return cmp_tok_seq(a->toks, a->ntoks, b->toks, b->ntoks);
}

/* Tokens of entry i's name, in name order, in ar (folding buffers in *scratch). */
static void
entry_key(ws_arena *ar, ws_arena **scratch, const ws_av *v, int32_t i, name_key *key)
{
	const char *name = ws_av_name(v, i);
	uint32_t   *t;
	uint32_t   *copy;

	if ((i & 255) == 0)
	{
		ws_arena_free(*scratch);
		*scratch = ws_arena_new();
		if (ws_interrupt_hook)
			ws_interrupt_hook();
	}
	key->h = v->entries[i].namehash;
	key->ntoks = ws_av_tokens(*scratch, name, (int32_t) strlen(name), &t, NULL);
	copy = ws_arena_alloc(ar, sizeof(uint32_t) * (size_t) (key->ntoks > 0 ? key->ntoks : 1));
	if (key->ntoks > 0)
		memcpy(copy, t, sizeof(uint32_t) * (size_t) key->ntoks);
	key->toks = copy;
	key->entry = i;
}

static uint8_t
kind_bits(uint8_t kind, bool speaker_only)
{
	return (uint8_t) ((speaker_only ? 2 : 3) << (kind * 2));
}

/* Does an actor with these flags in b fit some actor of a's run `mask`? */
static bool
mask_fits(uint8_t mask, const ws_av_entry *eb, bool overlap)
{
	bool		spk = (eb->flags & WS_AV_SPEAKER) != 0;

	if (overlap)
		return eb->kind == 0 ? mask != 0 :
			(mask & (kind_bits(0, false) | kind_bits(eb->kind, false))) != 0;
	if (eb->kind != 0)
		return (mask & kind_bits(eb->kind, spk)) != 0;
	for (uint8_t k = 0; k <= WS_PLACE; k++)
		if (mask & kind_bits(k, spk))
			return true;
	return false;
}

/* Same actor name, case- and accent-insensitively (pairwise path). */
static bool
same_name(const ws_av *a, int32_t i, const ws_av *b, int32_t j)
{
	ws_arena   *ar,
			   *scratch;
	name_key	x,
				y;
	bool		r;

	if (a->entries[i].namehash != b->entries[j].namehash)
		return false;
	if (strcmp(ws_av_name(a, i), ws_av_name(b, j)) == 0)
		return true;
	/* equal hashes of different bytes: compare the token sequences */
	ar = ws_arena_new();
	scratch = ws_arena_new();
	entry_key(ar, &scratch, a, i, &x);
	entry_key(ar, &scratch, b, j, &y);
	r = cmp_name_key(&x, &y) == 0;
	ws_arena_free(scratch);
	ws_arena_free(ar);
	return r;
}

static bool
av_compare(const ws_av *a, const ws_av *b, bool overlap)
{
	ws_arena   *ar,
			   *scratch;
	name_key   *keys;
	bool		result = !overlap;
	uint32_t	work = 0;

	if ((int64_t) a->n * b->n <= PAIRWISE_MAX)
	{
		for (int32_t j = 0; j < b->n; j++)
		{
			const ws_av_entry *eb = &b->entries[j];
			bool		found = false;

			for (int32_t i = 0; i < a->n && !found; i++)
			{
				const ws_av_entry *ea = &a->entries[i];
				uint8_t		mask = kind_bits(ea->kind, false) &
					((ea->flags & WS_AV_SPEAKER) ? 0xAA : 0x55);

				found = mask_fits(mask, eb, overlap) && same_name(a, i, b, j);
			}
			if (found == overlap)
				return overlap;
		}
		return !overlap;
	}

	ar = ws_arena_new();
	scratch = ws_arena_new();
	keys = ws_arena_alloc(ar, sizeof(name_key) * (size_t) (a->n > 0 ? a->n : 1));
	for (int32_t i = 0; i < a->n; i++)
		entry_key(ar, &scratch, a, i, &keys[i]);
	qsort(keys, (size_t) a->n, sizeof(name_key), cmp_name_key);
	for (int32_t i = 0; i < a->n;)
	{
		int32_t		j = i;
		uint8_t		mask = 0;

		for (; j < a->n && cmp_name_key(&keys[i], &keys[j]) == 0; j++)
		{
			const ws_av_entry *ea = &a->entries[keys[j].entry];

			mask |= kind_bits(ea->kind, false) & ((ea->flags & WS_AV_SPEAKER) ? 0xAA : 0x55);
		}
		for (; i < j; i++)
			keys[i].mask = mask;
		tick(&work);
	}
	for (int32_t j = 0; j < b->n; j++)
	{
		name_key	key;
		int32_t		lo = 0,
					hi = a->n;
		bool		found;

		entry_key(ar, &scratch, b, j, &key);
		while (lo < hi)
		{
			int32_t		mid = lo + (hi - lo) / 2;

			if (cmp_name_key(&keys[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		found = lo < a->n && cmp_name_key(&keys[lo], &key) == 0 &&
			mask_fits(keys[lo].mask, &b->entries[j], overlap);
		if (found == overlap)
		{
			result = overlap;
			break;
		}
	}
	ws_arena_free(scratch);
	ws_arena_free(ar);
	return result;
}

bool
ws_av_contains(const ws_av *a, const ws_av *b)
{
	return av_compare(a, b, false);
}

bool
ws_av_overlaps(const ws_av *a, const ws_av *b)
{
	return av_compare(a, b, true);
}
