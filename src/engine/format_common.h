/*
 * format_common.h — what the actorvec and actorquery formats share: error
 * and limit reporting, the size accounting of names, white space, the kind
 * words of both grammars, quoted names, and arena buffers that grow.
 * Internal to actorvec_format.c, actorquery_format.c and actor_match.c.
 */
#ifndef WS_FORMAT_COMMON_H
#define WS_FORMAT_COMMON_H

#include "actorvec_format.h"

/* 1-based character position of byte offset off in s. */
int32_t		ws_fmt_char_pos(const char *s, int32_t off);

/* Set err: at pos, fmt with one %s (arg, or "" when NULL). */
void		ws_fmt_set_error(ws_fmt_error *err, int32_t pos, const char *fmt, const char *arg);

/* A value over one of the size limits (actorvec_format.h). */
void		ws_fmt_set_limit_error(ws_fmt_error *err, int32_t pos, const char *what, int64_t max);

/*
 * Count one more name of nbytes against the limits; false (with the error
 * set, at pos) once they are exceeded. pos is evaluated by the caller, so
 * callers pass a cheap one and fix it up on failure.
 */
bool		ws_fmt_count_name(int64_t *names, int64_t *bytes, int64_t nbytes, int32_t pos,
							  ws_fmt_error *err);

/* A name (what: "actor name", "alias", "name") is not empty, not too long, has no NUL. */
bool		ws_fmt_check_name(const char *s, int32_t len, int32_t itemno, const char *what,
							  ws_fmt_error *err);

/* Is word s[0..len) w (ASCII case-insensitive; w in lower case)? */
bool		ws_fmt_word_is(const char *s, int32_t len, const char *w);

/* Kind words of both grammars; 0 if not a kind. */
uint8_t		ws_fmt_kind_word(const char *s, int32_t len);

/*
 * Read the name quoted with q at s[*i] (q doubled inside stands for q):
 * the unescaped text in the arena, NUL-terminated, its length in *outlen
 * and *i past the closing quote; NULL with err set at an unterminated one.
 */
char	   *ws_fmt_read_quoted(ws_arena *a, const char *s, int32_t len, int32_t *i, char q,
							   int32_t *outlen, ws_fmt_error *err);

/* The tokens and NUL-terminated strings of a value being built. */
typedef struct ws_fmt_pool
{
	uint32_t   *toks;
	char	   *strs;
	int32_t		ntoks,
				tokcap,
				strsize,
				strcap;
} ws_fmt_pool;

/* Append nt tokens. */
void		ws_fmt_add_tokens(ws_fmt_pool *p, ws_arena *a, const uint32_t *t, int32_t nt);

/* Append the n bytes of s and a NUL; returns their offset. */
int32_t		ws_fmt_add_string(ws_fmt_pool *p, ws_arena *a, const char *s, int32_t n);

/* A text being printed: data is NUL-terminated, len bytes long. */
typedef struct ws_fmt_buf
{
	ws_arena   *a;
	char	   *data;
	int32_t		len,
				cap;
} ws_fmt_buf;

/* An empty text in arena a. */
void		ws_fmt_buf_init(ws_fmt_buf *b, ws_arena *a);

/* Append n bytes of s. */
void		ws_fmt_append(ws_fmt_buf *b, const char *s, int32_t n);

/* Append s in quotes q, doubling every q inside. */
void		ws_fmt_append_quoted(ws_fmt_buf *b, const char *s, char q);

static inline bool
ws_fmt_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline int32_t
ws_fmt_skip_space(const char *s, int32_t len, int32_t i)
{
	while (i < len && ws_fmt_is_space(s[i]))
		i++;
	return i;
}

#endif							/* WS_FORMAT_COMMON_H */
