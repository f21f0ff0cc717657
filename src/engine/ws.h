/*
 * ws.h — the whosaid engine's public interface.
 *
 * Plain C11 over ICU; no PostgreSQL headers anywhere under src/engine. The
 * same engine is linked into the extension, the command-line tool and the
 * fuzzers. Everything one document needs is allocated from one ws_arena, so
 * a caller (or a longjmp out of ws_interrupt_hook) frees it all at once.
 *
 * Offsets: every span carries byte offsets into the UTF-8 input (b, e) and
 * code-point offsets (cb, ce), all 0-based and end-exclusive. Absent spans
 * have b = e = cb = ce = -1.
 */
#ifndef WS_H
#define WS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ host hooks */

/*
 * Allocation and interruption go through hooks so the PostgreSQL layer can
 * use palloc and CHECK_FOR_INTERRUPTS. ws_alloc_hook never returns NULL: it
 * either succeeds or does not return (abort in the CLI, ereport in the
 * backend). ws_interrupt_hook is called every few thousand tokens of work
 * and may not return either.
 */
extern void *(*ws_alloc_hook) (size_t size);
extern void (*ws_free_hook) (void *ptr);
extern void (*ws_interrupt_hook) (void);

/*
 * What the engine cannot work around — ICU cannot open a service, memory for
 * a permanent table runs out — goes to ws_error_hook, which must not return:
 * ereport(ERROR) in the backend, a message and exit status 1 in the CLI. The
 * default prints the message and aborts. The engine never carries on with an
 * empty document or table instead.
 */
typedef enum ws_error_code
{
	WS_ERROR_ICU = 1,			/* an ICU service failed */
	WS_ERROR_OUT_OF_MEMORY,
} ws_error_code;

extern void (*ws_error_hook) (ws_error_code code, const char *message);

#if defined(__GNUC__) || defined(__clang__)
__attribute__((noreturn, format(printf, 2, 3)))
#endif
void		ws_error(ws_error_code code, const char *fmt,...);

/*
 * For tests only: a failure to simulate, so that a test can see an ICU or
 * allocation failure reach the caller (the CLI sets it from the environment
 * variable WHOSAID_TEST_FAULT). WS_FAULT_NONE in normal use.
 */
typedef enum ws_fault
{
	WS_FAULT_NONE = 0,
	WS_FAULT_BREAK_ITERATOR,	/* ICU's word break iterator does not open */
} ws_fault;

extern ws_fault ws_test_fault;

/*
 * Trace: with ws_trace_hook set, the quote finder reports each named rule as
 * it makes, extends, cuts or rejects a candidate quote, and the speaker
 * resolver each step it takes (`whosaid explain` prints them). Candidates are
 * numbered in the order they are made. NULL (the default) costs one test.
 */
typedef struct ws_trace_event
{
	const char *rule;			/* "stage.rule", e.g. "direct.cue_right" */
	const char *action;			/* made, extended, cut, rejected, emitted, speaker */
	int32_t		cand;			/* candidate number, or -1 */
	int32_t		tok_b,
				tok_e;			/* the tokens the rule looked at or produced */
	const char *note;			/* detail, or NULL; valid during the call */
} ws_trace_event;

typedef struct ws_doc ws_doc;

extern void (*ws_trace_hook) (const ws_doc *d, const ws_trace_event *ev);

void		ws_trace(const ws_doc *d, const char *rule, const char *action, int32_t cand,
					 int32_t tok_b, int32_t tok_e, const char *note);

/* ------------------------------------------------------------ arena */

typedef struct ws_arena ws_arena;

ws_arena   *ws_arena_new(void);
void	   *ws_arena_alloc(ws_arena *a, size_t size);	/* zeroed, 8-aligned */
char	   *ws_arena_strndup(ws_arena *a, const char *s, size_t n);
/* An arena array of n elsize-byte elements, grown (doubling from *cap, or
 * 16) to hold at least need: old itself when it does, else a copy. */
void	   *ws_arena_grow(ws_arena *a, void *old, int32_t n, int32_t *cap, int32_t need,
						  size_t elsize);
void		ws_arena_free(ws_arena *a);

/* ------------------------------------------------------------ spans */

typedef struct ws_span
{
	int32_t		b,
				e;				/* bytes */
	int32_t		cb,
				ce;				/* code points */
} ws_span;

#define WS_NO_SPAN ((ws_span){-1, -1, -1, -1})
#define WS_SPAN_PRESENT(s) ((s).b >= 0)

/* ------------------------------------------------------------ tokens */

enum ws_tok_flag
{
	WS_T_WORD = 1 << 0,			/* contains a letter or digit */
	WS_T_NUM = 1 << 1,			/* starts with a digit */
	WS_T_PUNCT = 1 << 2,		/* punctuation or symbol */
	WS_T_QUOTE = 1 << 3,		/* a quotation mark, see ws_tok.quote */
	WS_T_CAP = 1 << 4,			/* first letter is upper or title case */
	WS_T_ALLCAPS = 1 << 5,		/* every letter upper case, at least 2 */
	WS_T_SPACE_BEFORE = 1 << 6, /* white space right before the token */
	WS_T_SPACE_AFTER = 1 << 7,	/* white space (or end of text) right after */
	WS_T_PARA_START = 1 << 8,	/* first token of the text or after a line break */
	WS_T_SENT_START = 1 << 9,	/* first token of a sentence */
	WS_T_POSSESSIVE = 1 << 10,	/* the clitic 's / ’s split off a word */
	WS_T_DASH = 1 << 11,		/* -, –, — standing alone */
	WS_T_ABBREV = 1 << 12,		/* word with its final period (Mr., U.S., J.) */
};

/* What a quotation-mark token can be. */
enum ws_quote_mark
{
	WS_Q_NONE = 0,
	WS_Q_DOUBLE_OPEN,			/* “ „ « */
	WS_Q_DOUBLE_CLOSE,			/* ” » */
	WS_Q_DOUBLE_STRAIGHT,		/* " — direction from context */
	WS_Q_SINGLE_OPEN,			/* ‘ */
	WS_Q_SINGLE_CLOSE,			/* ’ not inside a word */
	WS_Q_SINGLE_STRAIGHT,		/* ' not inside a word */
};

typedef struct ws_tok
{
	int32_t		b,
				e;				/* bytes */
	int32_t		cb,
				ce;				/* code points */
	uint32_t	flags;			/* enum ws_tok_flag */
	uint32_t	hash;			/* hash of the case-folded text (ws_hash_fold) */
	int32_t		sent;			/* sentence index */
	int32_t		para;			/* paragraph index */
	uint16_t	lex;			/* enum ws_lex_class bits, see lexicon.h */
	uint8_t		quote;			/* enum ws_quote_mark */
	uint8_t		reserved;
	uint16_t	word;			/* its word of the rules' word table (lexicon.h), 0 none */
} ws_tok;

struct ws_doc
{
	const char *text;
	int32_t		len;			/* bytes */
	int32_t		nchars;			/* code points */
	ws_tok	   *toks;
	int32_t		ntoks;
	int32_t		nsents;
	ws_arena   *arena;
};

/*
 * Tokenize text (UTF-8; invalid sequences are read as U+FFFD and never
 * crash). The doc, its tokens and everything derived from it live in arena.
 */
ws_doc	   *ws_doc_new(ws_arena *arena, const char *text, int32_t len);

/* Case-folded FNV-1a hash of a byte range; the hash ws_tok.hash holds. */
uint32_t	ws_hash_fold(const char *s, int32_t len);

/* Token text helpers. */
#define WS_TOK_LEN(d, i) ((d)->toks[i].e - (d)->toks[i].b)
#define WS_TOK_PTR(d, i) ((d)->text + (d)->toks[i].b)
ws_span		ws_tok_span(const ws_doc *d, int32_t from, int32_t to);	/* tokens [from,to) */

/*
 * The text of span s, copied into d's arena; NULL when s is absent. squeeze
 * turns each run of white space and control characters (NUL too) into one
 * space and drops it at the ends, for names shown to users.
 */
const char *ws_span_text(const ws_doc *d, ws_span s, bool squeeze);

/*
 * Binary search over n records `size` bytes apart whose int32_t key at
 * `offset` ascends: the index of the first record with key >= k, or n.
 */
static inline int32_t
ws_lower_bound(const void *items, int32_t n, size_t size, size_t offset, int32_t k)
{
	const char *base = (const char *) items;
	int32_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (*(const int32_t *) (base + (size_t) mid * size + offset) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ------------------------------------------------------------ actors */

typedef enum ws_kind
{
	WS_KIND_NONE = 0,
	WS_PERSON,
	WS_ORGANIZATION,
	WS_PLACE,
} ws_kind;

const char *ws_kind_name(ws_kind k);	/* "person", "organization", "place" */

/* NER tag set, BIO over CoNLL's four classes. */
enum ws_ner_label
{
	WS_NER_O = 0,
	WS_NER_B_PER, WS_NER_I_PER,
	WS_NER_B_ORG, WS_NER_I_ORG,
	WS_NER_B_LOC, WS_NER_I_LOC,
	WS_NER_B_MISC, WS_NER_I_MISC,
	WS_NER_NLABELS
};

typedef struct ws_model ws_model;

/*
 * Load a tagger model (memory-mapped). On failure returns NULL and writes a
 * message naming the file into err. The weights' checksum is left to
 * ws_model_verify (false with a message in err when they are damaged).
 */
ws_model   *ws_model_load(const char *path, char *err, size_t errlen);
bool		ws_model_verify(const ws_model *m, const char *path, char *err, size_t errlen);
void		ws_model_free(ws_model *m);

/* Tag tokens [0, d->ntoks) with enum ws_ner_label values into labels[]. */
void		ws_ner_tag(const ws_model *m, const ws_doc *d, uint8_t *labels);

typedef struct ws_mention
{
	ws_span		span;
	int32_t		tok_b,
				tok_e;			/* tokens [tok_b, tok_e) */
	ws_kind		kind;
	int32_t		actor;			/* index into ws_actors.actors */
} ws_mention;

typedef struct ws_actor
{
	const char *name;			/* canonical: no honorific, no possessive */
	ws_kind		kind;
	const char *role;			/* NULL if none */
	const char *affiliation;	/* NULL if none */
	const char **aliases;		/* other forms used in the text */
	int32_t		naliases;
	int32_t		nmentions;
	ws_span		first;
	bool		quoted;			/* speaker of at least one quote */
} ws_actor;

struct ws_entities;

typedef struct ws_actors
{
	ws_mention *mentions;
	int32_t		nmentions;
	ws_actor   *actors;
	int32_t		nactors;
	struct ws_entities *entities;	/* the entity layer the actors were grouped by, or NULL */
} ws_actors;

/*
 * Find and resolve the named actors of a document. model may be NULL, in
 * which case a capitalisation heuristic stands in for the tagger.
 */
ws_actors  *ws_find_actors(ws_doc *d, const ws_model *model);

/*
 * Index of the actor one of whose mentions overlaps tokens [tok_b, tok_e),
 * or -1. Logarithmic in the number of mentions.
 */
int32_t		ws_actor_at(const ws_actors *a, int32_t tok_b, int32_t tok_e);

/*
 * Index of the actor a name refers to — canonical name, an alias, or a
 * person's surname; a leading honorific ("Mr Parker") and a possessive are
 * ignored, case is not significant — or -1.
 */
int32_t		ws_actor_by_name(const ws_actors *a, const char *s, int32_t len);

/* ------------------------------------------------------------ quotes */

typedef enum ws_quote_kind
{
	WS_DIRECT = 0,
	WS_MIXED,
	WS_INDIRECT,
} ws_quote_kind;

const char *ws_quote_kind_name(ws_quote_kind k);	/* "direct", ... */

typedef struct ws_quote
{
	ws_quote_kind kind;
	ws_span		content;		/* hull of all parts */
	ws_span    *parts;			/* split quotes: each part, in text order */
	int32_t		nparts;
	const char *content_text;	/* parts joined by one space, marks stripped */
	ws_span		speaker;		/* local mention ('he', 'Mr Parker') */
	const char *speaker_mention;
	const char *speaker_name;	/* canonical name; NULL if anonymous/unknown */
	ws_span		cue;
	const char *cue_text;
} ws_quote;

typedef struct ws_quotes
{
	ws_quote   *quotes;
	int32_t		n;
} ws_quotes;

/*
 * Extract quotes, in text order. actors may be NULL (computed as needed);
 * when given, every actor named as a quote's speaker is flagged quoted
 * (ws_flag_speakers).
 */
ws_quotes  *ws_find_quotes(ws_doc *d, ws_actors *actors);

/*
 * Flag quoted every actor whose name is the speaker_name of one of the
 * quotes, in linear time (speaker_flags.c). ws_find_quotes calls it.
 */
void		ws_flag_speakers(ws_arena *a, ws_actors *actors, const ws_quotes *quotes);

#endif							/* WS_H */
