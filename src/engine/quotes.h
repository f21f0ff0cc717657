/*
 * quotes.h — internals shared by the quote finder's files: quotation-mark
 * pairing (quote_marks.c), cue and speaker phrases (speaker_resolver.c) and
 * assembly (quote_finder.h and its quote_*.c stages).
 */
#ifndef WS_QUOTES_H
#define WS_QUOTES_H

#include "entities.h"
#include "lexicon.h"
#include "ws.h"

/* A lower-case adverb in -ly ("angrily", "quickly"; not "Kelly", "only", "family") */
static inline bool
ws_is_ly_adverb(const ws_doc *d, int32_t i)
{
	return !(d->toks[i].flags & WS_T_CAP) && WS_TOK_LEN(d, i) > 4 && ws_tok_ends_with(d, i, "ly") &&
		!ws_tok_in(d, i, ws_qw_ly_nouns);
}

/* Is any token in [b, e) a word of list? */
static inline bool
ws_any_tok_in(const ws_doc *d, int32_t b, int32_t e, const ws_qw_list *list)
{
	for (int32_t i = b; i < e; i++)
		if (ws_tok_in(d, i, list))
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

/* in_quote: one byte per token, set inside quotation marks (may be NULL). */
ws_resolver *ws_resolver_new(ws_doc *d, ws_actors *actors, const uint8_t *in_quote);

/* Speaker phrase ending right before token `end` (subject of a cue), within [lo, end). */
ws_range	ws_subject_before(const ws_doc *d, int32_t end, int32_t lo);

/* "went on to", "continued to" right before token i: its first token, or -1 */
int32_t		ws_catenative_before(const ws_doc *d, int32_t i);

/*
 * Is [b, e), right after a comma, a place that goes on from the place named
 * before the comma ("in Columbus, Ohio,", "of Flint, Mich.,", "in Iran,
 * Turkey and France")? Then it is no speaker.
 */
bool		ws_place_goes_on(const ws_doc *d, int32_t b, int32_t e, int32_t lo);

/* Speaker phrase starting at token `start` (after an inverted cue), within [start, hi). */
ws_range	ws_phrase_after(const ws_doc *d, int32_t start, int32_t hi);

/*
 * The source after "according to" at start: the author of a document ("the
 * Harbour Institute" of "a survey by the Harbour Institute", "X" of "a
 * recent report from X", "a court document filed by X"), the document itself
 * ("a recent poll", "the Globe report"), else ws_phrase_after.
 */
ws_range	ws_source_phrase_after(const ws_doc *d, int32_t start, int32_t hi);

/* Canonical name for a speaker phrase; NULL for anonymous or unknown speakers. */
const char *ws_resolve_speaker(ws_resolver *r, ws_range np);

/*
 * Speaker phrase s followed by a preposition and its object obj: s, or both
 * when the object ends in a role and a person's name ("University of
 * Lakeshore political scientist Mara Quinlan").
 */
ws_range	ws_phrase_with_object(const ws_doc *d, ws_range s, ws_range obj);

/* "the team's captain, Ellen Shaw": the name after a description s, or s */
ws_range	ws_apposition_name(const ws_doc *d, ws_range s, int32_t hi);

/* Are tokens [b, e), opening a paragraph, a column label ("ANALYST'S VIEWPOINT")? */
bool		ws_column_label(const ws_doc *d, int32_t b, int32_t e);

/* Does [b, e) hold a role's lower-case words ("ambassador to", "leaders in")? */
bool		ws_role_words_in(const ws_doc *d, int32_t b, int32_t e);

/* The phrase's head: the name inside an apposition, or the phrase itself. */
ws_range	ws_phrase_head(const ws_doc *d, ws_range np);

/* Can token i sit inside a capitalised name, or join two of its words ("of", "&")? */
bool		ws_is_name_word(const ws_doc *d, int32_t i);
bool		ws_is_name_glue(const ws_doc *d, int32_t i);

/* True for words that can start a clause on their own (the, he, Mr ...). */
bool		ws_is_pronoun(const ws_doc *d, int32_t i);

/* Auxiliaries and modals that make a clause finite (is, was, would …). */
bool		ws_is_finite_verb(const ws_doc *d, int32_t i);

#endif
