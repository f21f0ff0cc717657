/*
 * actorvec_format.h — the text grammar and the flat in-memory layout of
 * the two query-layer types, actorvec (the actors of one text) and
 * actorquery (a boolean query over actors), plus the name folding and
 * token hashing both sides share. Pure C over ICU, no PostgreSQL headers:
 * the extension copies the flat arrays into its varlena values as they
 * are, and the fuzzers drive the parsers directly.
 *
 * The implementation is split by concern: actorvec_format.c (actorvec
 * values: build, text in and out), actorquery_format.c (actorquery values:
 * assemble, text in and out), actor_match.c (@@, @> and &&), actor_names.c
 * (folding and tokens) and format_common.c (what the two formats share).
 *
 * Name tokens: a name is folded (case fold, NFKD, combining marks removed;
 * apostrophes and periods dropped so O'Neill = ONeill and U.S. = US) and
 * split at every other non-letter, non-digit character. Each token is
 * kept as its 32-bit FNV-1a hash.
 */
#ifndef WS_ACTORVEC_FORMAT_H
#define WS_ACTORVEC_FORMAT_H

#include "ws.h"

#define WS_AV_VERSION 1			/* on-disk format of both types */
#define WS_AV_SPEAKER 0x01		/* entry/name flag: the actor is quoted */
#define WS_AV_MAX_NAME 1024		/* bytes per name or alias */
#define WS_AV_MAX_ALIASES 1000	/* per entry */

/*
 * Size limits of one value, the same for text input, binary input and
 * to_actorvec(), so that every value that exists can be dumped and
 * restored. They bound the memory of input: working memory is linear in
 * the names and their bytes, never in the length of the text (white space
 * costs nothing). docs/limits.md gives the figures.
 */
#define WS_AV_MAX_NAMES 1000000 /* actorvec: names and aliases; actorquery: names */
#define WS_AV_MAX_BYTES (64 * 1024 * 1024)	/* bytes of those names */
#define WS_AQ_MAX_NODES 2000000 /* actorquery: names and operators */
#define WS_AQ_MAX_DEPTH 800		/* actorquery: operators nested in one another */

/*
 * A parse error: 1-based character position and a one-line reason; limit
 * is set when a size limit above, not the syntax, refused the value.
 */
typedef struct ws_fmt_error
{
	int32_t		pos;
	bool		limit;
	char		msg[160];
} ws_fmt_error;

/* ------------------------------------------------------------ actorvec */

/* One actor, as stored (20 bytes, 4-aligned; written to disk as is). */
typedef struct ws_av_entry
{
	uint8_t		kind;			/* ws_kind */
	uint8_t		flags;			/* WS_AV_SPEAKER */
	uint16_t	naliases;
	uint32_t	namehash;		/* hash of the folded name's tokens, joined */
	int32_t		str;			/* offset in strs: name\0alias\0alias\0 */
	int32_t		tok;			/* first of ntoks sorted unique tokens */
	int32_t		ntoks;
} ws_av_entry;

typedef struct ws_av
{
	int32_t		n;				/* entries, sorted by (name bytes, kind) */
	int32_t		ntoks;
	int32_t		strsize;		/* bytes used in strs */
	const ws_av_entry *entries;
	const uint32_t *toks;		/* name and alias tokens of each entry */
	const char *strs;
} ws_av;

/* An actor as read from text, binary input or the engine, before building. */
typedef struct ws_av_item
{
	const char *name;
	int32_t		namelen;
	const char **aliases;
	const int32_t *aliaslens;
	int32_t		naliases;
	uint8_t		kind;
	uint8_t		flags;
} ws_av_item;

/*
 * Sort, merge (same name and kind: flags OR'ed, aliases united) and fold
 * items into a flat actorvec. NULL on error (empty or too long name, too
 * many aliases), with err->pos the 1-based item number.
 */
ws_av	   *ws_av_build(ws_arena *a, const ws_av_item *items, int32_t n,
						ws_fmt_error *err);

/* Parse the text form; NULL on error with err->pos a character position. */
ws_av	   *ws_av_parse(ws_arena *a, const char *s, int32_t len, ws_fmt_error *err);

/* Text form, NUL-terminated: 'Andrew Parker'/'Parker':person:speaker ... */
char	   *ws_av_format(ws_arena *a, const ws_av *v);

/* Name and aliases of entry i. */
const char *ws_av_name(const ws_av *v, int32_t i);
const char *ws_av_alias(const ws_av *v, int32_t i, int32_t k);

/* Does entry i carry token t? */
bool		ws_av_has_token(const ws_av *v, int32_t i, uint32_t t);

/* ------------------------------------------------------------ actorquery */

enum ws_aq_type
{
	WS_AQ_NAME = 1,
	WS_AQ_AND,
	WS_AQ_OR,
	WS_AQ_NOT,
};

/*
 * One node of the flattened tree (20 bytes, 4-aligned; written to disk as
 * is). Nodes are in prefix order: an operator is followed by its operands,
 * each a subtree of .size nodes.
 */
typedef struct ws_aq_node
{
	uint8_t		type;			/* enum ws_aq_type */
	uint8_t		kind;			/* names: required ws_kind, 0 = any */
	uint8_t		flags;			/* names: WS_AV_SPEAKER = must be quoted */
	uint8_t		reserved;
	int32_t		size;			/* nodes in this subtree, itself included */
	int32_t		nargs;			/* operators: operands; names: tokens */
	int32_t		tok;			/* names: first token in toks[] */
	int32_t		str;			/* names: offset of the NUL-terminated name */
} ws_aq_node;

typedef struct ws_aq
{
	int32_t		n;				/* 0 = empty query, matches nothing */
	int32_t		ntoks;
	int32_t		strsize;
	const ws_aq_node *nodes;
	const uint32_t *toks;		/* in name order, may repeat */
	const char *strs;
} ws_aq;

/* A node as read from binary input, before assembling. */
typedef struct ws_aq_raw
{
	uint8_t		type;
	uint8_t		kind;
	uint8_t		flags;
	int32_t		nargs;			/* operators only */
	const char *name;			/* names only */
	int32_t		namelen;
} ws_aq_raw;

/*
 * Check the shape (prefix order, operand counts, depth), fold the names and
 * build the flat query. NULL on error with err->pos the 1-based node.
 */
ws_aq	   *ws_aq_assemble(ws_arena *a, const ws_aq_raw *raw, int32_t n,
						   ws_fmt_error *err);

/* Parse the text form; NULL on error with err->pos a character position. */
ws_aq	   *ws_aq_parse(ws_arena *a, const char *s, int32_t len, ws_fmt_error *err);

/* Canonical text form, NUL-terminated. */
char	   *ws_aq_format(ws_arena *a, const ws_aq *q);

/* Three-valued results (also GIN's GIN_FALSE/GIN_TRUE/GIN_MAYBE order). */
#define WS_FALSE 0
#define WS_TRUE 1
#define WS_MAYBE 2

/* Evaluate the query, asking leaf(ctx, node index) for each name. */
int			ws_aq_eval(const ws_aq *q, int (*leaf) (void *ctx, int32_t node),
					   void *ctx);

/* Does name node `node` of q match some entry of v (or entry i only)? */
bool		ws_aq_name_matches_entry(const ws_aq *q, int32_t node,
									 const ws_av *v, int32_t i);
bool		ws_av_matches(const ws_av *v, const ws_aq *q);

/*
 * Set matched[i] for every entry i of v that a name node of q with
 * want[node] set matches (highlight's question); near-linear as above.
 */
void		ws_av_mark_matches(const ws_av *v, const ws_aq *q, const bool *want,
							   bool *matched);

/* Containment and overlap: every actor of b is in a; a and b share one. */
bool		ws_av_contains(const ws_av *a, const ws_av *b);
bool		ws_av_overlaps(const ws_av *a, const ws_av *b);

/* ------------------------------------------------------------ folding */

/*
 * Fold s and split it into name tokens; returns the number of tokens and
 * their hashes in *toks (arena, in name order, may repeat). *joined, when
 * not NULL, gets the hash of all tokens joined by one space.
 */
int32_t		ws_av_tokens(ws_arena *a, const char *s, int32_t len,
						 uint32_t **toks, uint32_t *joined);

/* Folded form of s (NUL-terminated UTF-8, arena); *outlen its length. */
char	   *ws_av_fold(ws_arena *a, const char *s, int32_t len, int32_t *outlen);

#endif							/* WS_ACTORVEC_FORMAT_H */
