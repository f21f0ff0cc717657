/*
 * quote_finder.h — internals shared by the quote finder's stages, one file each:
 *
 *   quote_finder.c    the driver: candidates, the stages in order
 *   quote_cues.c      cue lexicon: is a token a cue verb here, its phrase, what follows it
 *   quote_phrases.c   phrase chunking: the subject of a cue or a sentence, how a sentence goes on
 *   quote_direct.c    direct quotes: a quoted stretch and the cue before or after it, split quotes
 *   quote_reported.c  reported speech: a cue with a subject and its clause (indirect, mixed)
 *   quote_merge.c     merging and continuation: nested reports dropped, quoted paragraphs that go on
 *   quote_emit.c      emitting: candidates to ws_quote, speakers resolved to actors
 *
 * Who said what: quotes assembled from quotation marks, cue verbs and
 * speaker phrases, in stages run in this order by ws_find_quotes:
 *
 *  1. direct: a quoted stretch with a cue right after it ("…," said X /
 *     "…," X said) or right before it (X said: "…"); a following stretch
 *     after "said X," joins it (split quote);
 *  2. mixed and indirect: a cue with a subject and a reported clause
 *     (X said that …, X told Y …, X called on Y to …, according to X, …),
 *     or a clause followed by ", X said"; mixed when the clause holds
 *     quotation marks;
 *  3. a quoted paragraph with no cue continues the previous speaker.
 *  4. nested reports are dropped; candidates are emitted in text order with
 *     their speakers resolved (speaker_resolver.c) to actors.
 * Quoted stretches with none of these (scare quotes, titles) are not quotes.
 * Stages share state through the finder: marks[].used (a stretch taken by a
 * quote), cue_used (a token that is a direct quote's cue) and in_quote.
 */
#ifndef WS_QUOTE_FINDER_H
#define WS_QUOTE_FINDER_H

#include "quotes.h"

#include <stddef.h>
#include <string.h>

#define MAX_PARTS 8
#define RIGHT_WINDOW 30
#define LEFT_WINDOW 8
#define MAX_NP_RIGHT 10			/* tokens of a speaker phrase between mark and cue */
#define MIXED_MIN_WORDS 4			/* quoted words that make a report mixed */
#define MAX_CLAUSE 150			/* tokens of reported speech kept, nearest the cue */
#define MAX_LEAD_IN 60			/* tokens before a mark that a mixed quote may take in */
#define MAX_CUT_CUES 8			/* cues a reported clause is searched for a second report */
#define MAX_OPENER 40			/* tokens of the phrases opening a sentence before its subject */
#define MAX_TAIL 8				/* tokens from a cue to the colon after its short phrase ("said of the plan:") */

typedef struct cand
{
	ws_quote_kind kind;
	ws_range	parts[MAX_PARTS];
	int32_t		nparts;
	ws_range	speaker;
	ws_range	cue;
	int32_t		inherit;		/* >= 0: speaker taken from this candidate */
	int32_t		id;				/* number in order made, for the trace */
} cand;

typedef struct finder
{
	ws_doc	   *d;
	ws_marks   *marks;
	cand	   *c;
	int32_t		n,
				cap;
	int32_t		ndirect;		/* c[0, ndirect) are direct, in text order */
	int32_t		made;			/* candidates numbered so far (trace) */
	int32_t    *sent_b;			/* first token of each sentence */
	int32_t    *sent_e;
	uint8_t    *in_quote;		/* token is inside a marked stretch */
	uint8_t    *cue_used;		/* token is the cue of a direct quote */
} finder;

/* Report rule `rule` acting on tokens [b, e) to the trace, if one listens (ws.h). */
#define QF_TRACE(f, rule, action, cand, b, e, note) \
	do { \
		if (ws_trace_hook) \
			ws_trace((f)->d, (rule), (action), (cand), (b), (e), (note)); \
	} while (0)

/* ------------------------------------------------------------ small helpers */

static inline bool
is_punct(const ws_doc *d, int32_t i, char c)
{
	return i >= 0 && i < d->ntoks && WS_TOK_LEN(d, i) == 1 && WS_TOK_PTR(d, i)[0] == c;
}

static inline bool
is_terminal(const ws_doc *d, int32_t i)
{
	return is_punct(d, i, '.') || is_punct(d, i, '!') || is_punct(d, i, '?');
}

static inline int32_t
sentence_end(const finder *f, int32_t i)
{
	return f->sent_e[f->d->toks[i].sent];
}

static inline int32_t
sentence_begin(const finder *f, int32_t i)
{
	return f->sent_b[f->d->toks[i].sent];
}

/* Token i follows a comma, perhaps past the closing mark it sits in (",”"). */
static inline bool
after_comma(const ws_doc *d, int32_t i)
{
	return is_punct(d, i - 1, ',') || (i >= 1 && d->toks[i - 1].quote && is_punct(d, i - 2, ','));
}

/* The first mark opening at or after token b (marks are in text order). */
static inline int32_t
first_mark_at(const ws_marks *marks, int32_t b)
{
	return ws_lower_bound(marks->items, marks->n, sizeof(ws_marked), offsetof(ws_marked, open), b);
}

/* Token i opens the sentence beginning at sb, perhaps after a punctuation mark */
static inline bool
opens_sentence(const ws_doc *d, int32_t i, int32_t sb)
{
	return i == sb || (i == sb + 1 && (d->toks[sb].flags & WS_T_PUNCT));
}

/* quote_finder.c */
cand *	qf_new_cand(finder *f);
int	qf_cand_cmp(const void *a, const void *b);

/* quote_cues.c */
bool	qf_opens_quote(const ws_doc *d, int32_t i);
bool	qf_is_cue(const finder *f, int32_t i);
int32_t	qf_object_end(const ws_doc *d, int32_t b, int32_t hi);
ws_range	qf_cue_phrase(const ws_doc *d, int32_t c, int32_t lo);
bool	qf_reports_clause(const ws_doc *d, int32_t i);
bool	qf_tail_only(const ws_doc *d, int32_t from, int32_t se);
bool	qf_past_tense(const ws_doc *d, int32_t i);

/* quote_phrases.c */
ws_range	qf_sentence_subject(const finder *f, int32_t sb, int32_t to);
ws_range	qf_cue_subject(const finder *f, int32_t c, int32_t lo);
bool	qf_joins_previous(const ws_doc *d, int32_t c, int32_t lo);
ws_range	qf_previous_speaker(const finder *f, int32_t i);
bool	qf_sentence_goes_on(const ws_doc *d, int32_t i);
bool	qf_narrator_goes_on(const ws_doc *d, int32_t i);

/* quote_direct.c */
void	qf_add_stretch(const ws_doc *d, cand *c, int32_t b, int32_t e);
bool	qf_put_it(const ws_doc *d, int32_t lo, int32_t k, ws_range *cue, ws_range *spk);
void	qf_find_direct(finder *f);

/* quote_reported.c */
ws_quote_kind	qf_report_kind(const finder *f, int32_t b, int32_t e);
void	qf_find_reported(finder *f);

/* quote_merge.c */
bool	qf_narrative_between(const finder *f, int32_t from, int32_t to, ws_range cue);
void	qf_drop_nested(finder *f);
void	qf_find_continuations(finder *f);

/* quote_emit.c */
void	qf_emit(finder *f, ws_quotes *out, ws_resolver *res, ws_actors *actors);

#endif
