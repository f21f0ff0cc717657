/*
 * json.c — a strict little reader for {"key": "string", ...} lines and a
 * string writer. Nested values of other keys are skipped, not interpreted.
 */
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct cursor
{
	const char *s;
	size_t		i,
				n;
} cursor;

static void
skip_ws(cursor *c)
{
	while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' ||
						   c->s[c->i] == '\r' || c->s[c->i] == '\n'))
		c->i++;
}

static int
hex4(const char *p)
{
	int			v = 0;

	for (int k = 0; k < 4; k++)
	{
		char		h = p[k];

		v <<= 4;
		if (h >= '0' && h <= '9')
			v |= h - '0';
		else if (h >= 'a' && h <= 'f')
			v |= h - 'a' + 10;
		else if (h >= 'A' && h <= 'F')
			v |= h - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80)
	{
		o[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		o[0] = (char) (0xC0 | (cp >> 6));
		o[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		o[0] = (char) (0xE0 | (cp >> 12));
		o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char) (0xF0 | (cp >> 18));
	o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/* Parse a string at c (on the opening quote). out may be NULL to skip. */
static bool
parse_string(cursor *c, char **out, size_t *outlen)
{
	char	   *buf = NULL;
	size_t		o = 0;

	if (c->i >= c->n || c->s[c->i] != '"')
		return false;
	c->i++;
	if (out)
	{
		buf = malloc(c->n - c->i + 1);	/* decoded is never longer */
		if (!buf)
			return false;
	}
	while (c->i < c->n && c->s[c->i] != '"')
	{
		char		ch = c->s[c->i++];

		if (ch != '\\')
		{
			if (buf)
				buf[o++] = ch;
			continue;
		}
		if (c->i >= c->n)
			break;
		ch = c->s[c->i++];
		if (ch == 'u')
		{
			int			v;
			uint32_t	cp;

			if (c->i + 4 > c->n || (v = hex4(c->s + c->i)) < 0)
				goto fail;
			c->i += 4;
			cp = (uint32_t) v;
			if (cp >= 0xD800 && cp < 0xDC00 && c->i + 6 <= c->n &&
				c->s[c->i] == '\\' && c->s[c->i + 1] == 'u')
			{
				int			lo = hex4(c->s + c->i + 2);

				if (lo >= 0xDC00 && lo < 0xE000)
				{
					cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t) lo - 0xDC00);
					c->i += 6;
				}
			}
			if (cp >= 0xD800 && cp < 0xE000)
				cp = 0xFFFD;	/* lone surrogate */
			if (buf)
				o += put_utf8(buf + o, cp);
			continue;
		}
		switch (ch)
		{
			case 'n':
				ch = '\n';
				break;
			case 't':
				ch = '\t';
				break;
			case 'r':
				ch = '\r';
				break;
			case 'b':
				ch = '\b';
				break;
			case 'f':
				ch = '\f';
				break;
			case '"':
			case '\\':
			case '/':
				break;
			default:
				goto fail;
		}
		if (buf)
			buf[o++] = ch;
	}
	if (c->i >= c->n)
		goto fail;
	c->i++;						/* closing quote */
	if (out)
	{
		buf[o] = '\0';
		*out = buf;
		*outlen = o;
	}
	return true;
fail:
	free(buf);
	return false;
}

/* Skip any JSON value (strings honoured so brackets inside them don't count). */
static bool
skip_value(cursor *c)
{
	int			depth = 0;

	skip_ws(c);
	do
	{
		if (c->i >= c->n)
			return false;
		if (c->s[c->i] == '"')
		{
			if (!parse_string(c, NULL, NULL))
				return false;
			continue;
		}
		if (c->s[c->i] == '{' || c->s[c->i] == '[')
			depth++;
		else if (c->s[c->i] == '}' || c->s[c->i] == ']')
		{
			if (depth == 0)
				return true;
			depth--;
		}
		else if (c->s[c->i] == ',' && depth == 0)
			return true;
		c->i++;
	} while (depth > 0 || (c->i < c->n && c->s[c->i] != ',' && c->s[c->i] != '}'));
	return true;
}

bool
json_get_string(const char *line, size_t len, const char *key, char **out, size_t *outlen)
{
	cursor		c = {line, 0, len};

	skip_ws(&c);
	if (c.i >= c.n || c.s[c.i] != '{')
		return false;
	c.i++;
	for (;;)
	{
		char	   *k = NULL;
		size_t		klen = 0;
		bool		match;

		skip_ws(&c);
		if (c.i < c.n && c.s[c.i] == '}')
			return false;
		if (!parse_string(&c, &k, &klen))
			return false;
		match = strlen(key) == klen && memcmp(k, key, klen) == 0;
		free(k);
		skip_ws(&c);
		if (c.i >= c.n || c.s[c.i] != ':')
			return false;
		c.i++;
		skip_ws(&c);
		if (match)
			return parse_string(&c, out, outlen);
		if (!skip_value(&c))
			return false;
		skip_ws(&c);
		if (c.i < c.n && c.s[c.i] == ',')
			c.i++;
		else
			return false;
	}
}

void
json_put_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char) s[i];

		if (ch == '"' || ch == '\\')
		{
			fputc('\\', f);
			fputc(ch, f);
		}
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch == '\r')
			fputs("\\r", f);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}
