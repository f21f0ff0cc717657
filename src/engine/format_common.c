/*
 * format_common.c — what the actorvec and actorquery formats share
 * (format_common.h): errors, limits, kind words, quoted names, buffers.
 */
#include "format_common.h"

#include <stdio.h>
#include <string.h>

int32_t
ws_fmt_char_pos(const char *s, int32_t off)
{
	int32_t		pos = 1;

	for (int32_t i = 0; i < off; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			pos++;
	return pos;
}

void
ws_fmt_set_error(ws_fmt_error *err, int32_t pos, const char *fmt, const char *arg)
{
	err->pos = pos;
	err->limit = false;
	snprintf(err->msg, sizeof(err->msg), fmt, arg ? arg : "");
}

void
ws_fmt_set_limit_error(ws_fmt_error *err, int32_t pos, const char *what, int64_t max)
{
	err->pos = pos;
	err->limit = true;
	snprintf(err->msg, sizeof(err->msg), "%s (at most %lld)", what, (long long) max);
}

bool
ws_fmt_count_name(int64_t *names, int64_t *bytes, int64_t nbytes, int32_t pos,
				  ws_fmt_error *err)
{
	*names += 1;
	*bytes += nbytes;
	if (*names > WS_AV_MAX_NAMES)
	{
		ws_fmt_set_limit_error(err, pos, "too many names", WS_AV_MAX_NAMES);
		return false;
	}
	if (*bytes > WS_AV_MAX_BYTES)
	{
		ws_fmt_set_limit_error(err, pos, "too many bytes of names", WS_AV_MAX_BYTES);
		return false;
	}
	return true;
}

bool
ws_fmt_check_name(const char *s, int32_t len, int32_t itemno, const char *what,
				  ws_fmt_error *err)
{
	char		buf[64];

	if (len <= 0)
	{
		ws_fmt_set_error(err, itemno, "empty %s", what);
		return false;
	}
	if (len > WS_AV_MAX_NAME)
	{
		snprintf(buf, sizeof(buf), "%s is too long (%d bytes, at most %d)",
				 what, (int) len, WS_AV_MAX_NAME);
		ws_fmt_set_error(err, itemno, "%s", buf);
		return false;
	}
	if (memchr(s, '\0', (size_t) len) != NULL)
	{
		ws_fmt_set_error(err, itemno, "%s contains a NUL byte", what);
		return false;
	}
	return true;
}

bool
ws_fmt_word_is(const char *s, int32_t len, const char *w)
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

uint8_t
ws_fmt_kind_word(const char *s, int32_t len)
{
	if (ws_fmt_word_is(s, len, "person"))
		return WS_PERSON;
	if (ws_fmt_word_is(s, len, "organization") || ws_fmt_word_is(s, len, "organisation") ||
		ws_fmt_word_is(s, len, "org"))
		return WS_ORGANIZATION;
	if (ws_fmt_word_is(s, len, "place") || ws_fmt_word_is(s, len, "location") ||
		ws_fmt_word_is(s, len, "loc"))
		return WS_PLACE;
	return 0;
}

char *
ws_fmt_read_quoted(ws_arena *a, const char *s, int32_t len, int32_t *i, char q,
				   int32_t *outlen, ws_fmt_error *err)
{
	int32_t		p = *i,
				k = p + 1,
				size = 0,
				n = 0;
	char	   *out;

	/* measure first: a copy the size of the rest of the input per name is quadratic */
	while (k < len && (s[k] != q || (k + 1 < len && s[k + 1] == q)))
	{
		k += s[k] == q ? 2 : 1;
		size++;
	}
	k = p + 1;
	out = ws_arena_alloc(a, (size_t) size + 1);
	for (;;)
	{
		if (k >= len)
		{
			ws_fmt_set_error(err, ws_fmt_char_pos(s, p), "unterminated quoted name", NULL);
			return NULL;
		}
		if (s[k] == q)
		{
			if (k + 1 < len && s[k + 1] == q)
			{
				out[n++] = q;
				k += 2;
				continue;
			}
			k++;
			break;
		}
		out[n++] = s[k++];
	}
	out[n] = '\0';
	*i = k;
	*outlen = n;
	return out;
}

void
ws_fmt_add_tokens(ws_fmt_pool *p, ws_arena *a, const uint32_t *t, int32_t nt)
{
	p->toks = ws_arena_grow(a, p->toks, p->ntoks, &p->tokcap, p->ntoks + nt, sizeof(uint32_t));
	if (nt > 0)
		memcpy(p->toks + p->ntoks, t, sizeof(uint32_t) * (size_t) nt);
	p->ntoks += nt;
}

int32_t
ws_fmt_add_string(ws_fmt_pool *p, ws_arena *a, const char *s, int32_t n)
{
	int32_t		off = p->strsize;

	p->strs = ws_arena_grow(a, p->strs, p->strsize, &p->strcap, p->strsize + n + 1, 1);
	memcpy(p->strs + p->strsize, s, (size_t) n);
	p->strsize += n;
	p->strs[p->strsize++] = '\0';
	return off;
}

void
ws_fmt_buf_init(ws_fmt_buf *b, ws_arena *a)
{
	b->a = a;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	ws_fmt_append(b, "", 0);
}

void
ws_fmt_append(ws_fmt_buf *b, const char *s, int32_t n)
{
	b->data = ws_arena_grow(b->a, b->data, b->len, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, (size_t) n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
ws_fmt_append_quoted(ws_fmt_buf *b, const char *s, char q)
{
	ws_fmt_append(b, &q, 1);
	for (const char *p = s; *p; p++)
	{
		if (*p == q)
			ws_fmt_append(b, &q, 1);
		ws_fmt_append(b, p, 1);
	}
	ws_fmt_append(b, &q, 1);
}
