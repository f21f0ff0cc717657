/*
 * quotes.h — internals shared by the quote finder's files: quotation-mark
 * pairing (quote_marks.c), cue and speaker phrases (speaker_resolver.c) and
 * assembly (quote_finder.c).
 */
#ifndef WS_QUOTES_H
#define WS_QUOTES_H

#include "lexicon.h"
#include "ws.h"

#include <string.h>
#include <strings.h>

/* Is token i the word w (ASCII case-insensitive)? Runs per token per word list. */
static inline bool
ws_tok_is(const ws_doc *d, int32_t i, const char *w)
{
	int32_t		n;

	if (i < 0 || i >= d->ntoks || (WS_TOK_PTR(d, i)[0] | 0x20) != (w[0] | 0x20))
		return false;			/* cheap reject first */
	n = (int32_t) strlen(w);
	return WS_TOK_LEN(d, i) == n && strncasecmp(WS_TOK_PTR(d, i), w, n) == 0;
}

/* Does token i end in suffix, with at least one character before it (ASCII case-insensitive)? */
static inline bool
ws_tok_ends_with(const ws_doc *d, int32_t i, const char *suffix)
{
	int32_t		n = (int32_t) strlen(suffix);

	return WS_TOK_LEN(d, i) > n &&
		strncasecmp(WS_TOK_PTR(d, i) + WS_TOK_LEN(d, i) - n, suffix, n) == 0;
}

/* Is token i one of the NULL-terminated words? */
static inline bool
ws_tok_in(const ws_doc *d, int32_t i, const char *const *words)
{
	for (int k = 0; words[k]; k++)
		if (ws_tok_is(d, i, words[k]))
			return true;
	return false;
}

/* Is any token in [b, e) one of the words? */
static inline bool
ws_any_tok_in(const ws_doc *d, int32_t b, int32_t e, const char *const *words)
{
	for (int32_t i = b; i < e; i++)
		if (ws_tok_in(d, i, words))
			return true;
	return false;
}

/* A stretch between paired quotation marks, in tokens. */
typedef struct ws_marked
{
	int32_t		open;			/* opening mark */
	int32_t		close;			/* closing mark */
	int32_t		ib,
				ie;				/* quoted tokens [ib, ie) */
	int32_t		close_end;		/* first token after the closing mark */
	int32_t		first_para_end; /* continuation: token opening the 2nd paragraph, or -1 */
	bool		used;
} ws_marked;

typedef struct ws_marks
{
	ws_marked  *items;
	int32_t		n,
				cap;
} ws_marks;

/* Pair the marks; a single mark left unpaired becomes an apostrophe (quote = WS_Q_NONE). */
ws_marks   *ws_find_marks(ws_doc *d);

/* A token range [b, e); b < 0 when absent. */
typedef struct ws_range
{
	int32_t		b,
				e;
} ws_range;

#define WS_NO_RANGE ((ws_range){-1, -1})

/* Speaker resolution state for one document (speaker_resolver.c). */
typedef struct ws_resolver ws_resolver;

ws_resolver *ws_resolver_new(ws_doc *d, ws_actors *actors);

/* Speaker phrase ending right before token `end` (subject of a cue), within [lo, end). */
ws_range	ws_subject_before(const ws_doc *d, int32_t end, int32_t lo);

/* "went on to", "continued to" right before token i: its first token, or -1 */
int32_t		ws_catenative_before(const ws_doc *d, int32_t i);

/* Speaker phrase starting at token `start` (after an inverted cue), within [start, hi). */
ws_range	ws_phrase_after(const ws_doc *d, int32_t start, int32_t hi);

/* Canonical name for a speaker phrase; NULL for anonymous or unknown speakers. */
const char *ws_resolve_speaker(ws_resolver *r, ws_range np);

/* The phrase's head: the name inside an apposition, or the phrase itself. */
ws_range	ws_phrase_head(const ws_doc *d, ws_range np);

/* True for words that can start a clause on their own (the, he, Mr ...). */
bool		ws_is_pronoun(const ws_doc *d, int32_t i);

/* Auxiliaries and modals that make a clause finite (is, was, would …). */
bool		ws_is_finite_verb(const ws_doc *d, int32_t i);

#endif
