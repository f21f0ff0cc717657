/*
 * actor_names.c — how actor names compare: case folding, NFKD without
 * combining marks, and the name's tokens as 32-bit FNV-1a hashes
 * (actorvec_format.h). actorvec, actorquery and their matching all go
 * through ws_av_tokens, so a name matches however it is written.
 */
#include "format_common.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u


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
			out = ws_arena_grow(a, out, n, &cap, n + 1, sizeof(uint32_t));
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
