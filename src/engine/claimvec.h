/*
 * claimvec.h — a quotation normalised for matching against other
 * quotations (the claim layer): normalisation, the flat layout the
 * extension stores as whosaid.claimvec, and containment similarity.
 * Pure C over ICU, no PostgreSQL headers; the fuzzers and the dev-set
 * measurement drive it directly.
 *
 * Normalisation: the text is case-folded, decomposed (NFKD) and stripped of
 * combining marks (ws_av_fold), then split into words of letters and
 * digits. Apostrophes inside a word are dropped (don't = dont), as are
 * periods and commas between two letters or digits (U.S. = US, 1,000 =
 * 1000, 3.5 = 35); every other character — quotation marks of any style,
 * punctuation, dashes — only separates words. An ellipsis (… or two or
 * more periods, spaces allowed between them) splits the quotation into
 * segments; no shingle crosses a segment boundary.
 *
 * Keys: every run of 1..k consecutive words of a segment (a "gram") is
 * hashed to 32 bits whose low three bits hold the run's length. The value
 * keeps them sorted and unique. Its features — what must be found in the
 * other quotation when this one is the shorter — are its k-grams plus,
 * for a segment shorter than k words, the gram of the whole segment, so a
 * two-word fragment matches the quotes that contain those two words in a
 * row.
 */
#ifndef WS_CLAIMVEC_H
#define WS_CLAIMVEC_H

#include "ws.h"

#define WS_CV_VERSION 1			/* on-disk format */
#define WS_CV_K 2				/* shingle size; measured, see docs/claims.md */
#define WS_CV_MAX_K 7			/* the order must fit the hash's low 3 bits */
#define WS_CV_MAX_BYTES (1 << 20)	/* input text, UTF-8 bytes */

/* Weight of the length ratio in the similarity (the tie-break). */
#define WS_CV_LENGTH_WEIGHT 0.01

typedef struct ws_cv
{
	uint8_t		k;				/* shingle size the keys were built with */
	int32_t		nwords;			/* words over all segments */
	int32_t		nsegs;			/* segments (ellipses + 1, empty ones dropped) */
	int32_t		nkeys;
	int32_t		nshort;
	int32_t		textlen;		/* bytes of text */
	const uint32_t *keys;		/* sorted unique grams of 1..k words */
	const uint32_t *shorts;		/* sorted unique whole-segment grams of
								 * segments shorter than k (a subset of keys) */
	const char *text;			/* normalised words, ' ' between words, " … "
								 * between segments; not NUL-terminated */
} ws_cv;

#define WS_CV_ORDER(h) ((int) ((h) & 7u))

/*
 * Normalise s (UTF-8, len bytes) into a claimvec with shingle size k
 * (1..WS_CV_MAX_K). NULL when the text is longer than WS_CV_MAX_BYTES, with
 * err describing it. Linear in len apart from sorting the keys.
 */
ws_cv	   *ws_cv_build(ws_arena *a, const char *s, int32_t len, int k,
						char err[160]);

/* Number of features (see above). */
int32_t		ws_cv_nfeatures(const ws_cv *v);

/* Is key x (of v->keys) a feature of v? shorts is walked with *cursor. */
bool		ws_cv_is_feature(const ws_cv *v, uint32_t x, int32_t *cursor);

/*
 * Containment of the shorter quotation (fewer words; on equal lengths the
 * direction that scores higher) in the longer: c = the share of the
 * shorter's features found among the longer's keys. The similarity is 0
 * when c = 0, else 0.99 c + 0.01 (shorter words / longer words), so that
 * among equal containments the candidate of the closest length ranks
 * first, and an identical quotation scores 1. Empty quotations score 0.
 * When the shorter has several segments they must match in order: each
 * feature is looked for after the previous match. Both must have the same k.
 */
double		ws_cv_similarity(const ws_cv *a, const ws_cv *b);

/* The containment c alone (the same rules), for the index's bounds. */
double		ws_cv_containment(const ws_cv *a, const ws_cv *b);

/*
 * The least containment c a pair must have to reach similarity t
 * (for any lengths): c >= ws_cv_min_containment(t); <= 0 when every pair
 * with c > 0 does.
 */
double		ws_cv_min_containment(double t);

/*
 * Anchors: the blocking keys of claim assignment in tracked tables
 * (55_claims.sql). Winnowed word shingles (Schleimer, Wilkerson and Aiken
 * 2003): within each segment every run of WS_CV_ANCHOR_WORDS words is
 * hashed and of every window of WS_CV_ANCHOR_WINDOW consecutive runs the
 * smallest hash is kept (a segment with fewer runs keeps its smallest), so
 * two quotations sharing a run of WS_CV_ANCHOR_WORDS + WS_CV_ANCHOR_WINDOW
 * - 1 = 6 words in one segment always share an anchor, at about a third of
 * an anchor per word. The words are those of the value's text, read as the
 * in-order similarity reads them. Returns the number of anchors, sorted
 * (as signed 32-bit integers) and unique, in *out (arena memory).
 */
#define WS_CV_ANCHOR_WORDS 3
#define WS_CV_ANCHOR_WINDOW 4

int32_t		ws_cv_anchors(ws_arena *a, const ws_cv *v, int32_t **out);

/*
 * Claim grouping of quotations v[0..n-1] given in time order (all of the
 * same k): quotation j's first match is the earliest i < j that shares an
 * anchor with it and whose similarity, rounded to float, is at least
 * threshold (rounded to float too, as SQL compares real values); root[j]
 * is root[first match] when it has one, else j — the quotation whose claim
 * j joins. The candidates, the earlier quotations sharing an anchor, are
 * merged from each anchor's sorted positions and tried earliest first; the
 * first match ends the search. Time: sorting the anchors, plus per
 * candidate tested one similarity and a heap step over j's anchors
 * (quadratic only when quotations share anchors yet do not match).
 */
void		ws_cv_group(ws_arena *a, const ws_cv *const *v, int32_t n, double threshold,
						int32_t *root);

#endif							/* WS_CLAIMVEC_H */
