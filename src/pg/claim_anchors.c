/*
 * claim_anchors.c — whosaid._claim_anchors(claimvec): the blocking keys
 * that claim assignment in tracked tables (src/sql/55_claims.sql) joins new
 * quotes to existing claims on, set-based, before it checks
 * claim_similarity on the candidates alone.
 *
 * Anchors are winnowed word shingles (Schleimer, Wilkerson and Aiken 2003):
 * within each ellipsis segment of the normalised words, every run of
 * ANCHOR_WORDS words is hashed, and of every window of ANCHOR_WINDOW
 * consecutive runs the smallest hash is kept (a segment with fewer runs keeps
 * its smallest). So two quotations that share a run of ANCHOR_WORDS +
 * ANCHOR_WINDOW - 1 = 6 words in one segment always share an anchor, at
 * about 0.4 anchors per word instead of one key per word. A claim needs
 * 6 words (whosaid._claims_min_words()), so a quotation contained verbatim
 * in another is always found; docs/claims.md has the measured recall.
 */
#include "claimvec_pg.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "utils/array.h"

#define ANCHOR_WORDS 3
#define ANCHOR_WINDOW 4

/* The ellipsis between segments in a claimvec's text (" … "). */
#define ELLIPSIS "\xe2\x80\xa6"

static int
cmp_int32(const void *x, const void *y)
{
	int32		a = *(const int32 *) x;
	int32		b = *(const int32 *) y;

	return (a > b) - (a < b);
}

/* Winnow the run hashes h[0..n-1] of one segment into out; returns the count added. */
static int
winnow(const uint32 *h, int n, int32 *out)
{
	int			added = 0;
	int			last = -1;

	if (n <= 0)
		return 0;
	for (int start = 0; start == 0 || start + ANCHOR_WINDOW <= n; start++)
	{
		int			end = Min(start + ANCHOR_WINDOW, n);
		int			best = start;

		/* the rightmost minimum, so a window sliding over it keeps it */
		for (int i = start + 1; i < end; i++)
			if (h[i] <= h[best])
				best = i;
		if (best != last)
			out[added++] = (int32) h[best];
		last = best;
	}
	return added;
}

/* The anchors of one segment's words w[0..n-1] into out; returns the count added. */
static int
segment_anchors(const uint32 *w, int n, uint32 *runs, int32 *out)
{
	int			nruns = n - ANCHOR_WORDS + 1;

	for (int r = 0; r < nruns; r++)
	{
		uint32		h = w[r];

		for (int k = 1; k < ANCHOR_WORDS; k++)
			h = hash_combine(h, w[r + k]);
		runs[r] = h;
	}
	return winnow(runs, nruns, out);
}

PG_FUNCTION_INFO_V1(_claim_anchors);

Datum
_claim_anchors(PG_FUNCTION_ARGS)
{
	ClaimVec   *p = PG_GETARG_CLAIMVEC_P(0);
	ws_cv		v;
	uint32	   *words;
	uint32	   *runs;
	int32	   *out;
	int			nwords = 0;
	int			nout = 0;
	int			seg_start = 0;
	int			i = 0;
	Datum	   *d;
	int			nuniq = 0;

	claimvec_view(p, &v);
	words = palloc((Size) (v.nwords + 1) * sizeof(uint32));
	runs = palloc((Size) (v.nwords + 1) * sizeof(uint32));
	out = palloc((Size) (v.nwords + 1) * sizeof(int32));

	/* words are ' '-separated; the token … ends a segment, as does the end */
	while (i <= v.textlen)
	{
		int			j = i;
		bool		ellipsis;

		while (j < v.textlen && v.text[j] != ' ')
			j++;
		ellipsis = j - i == 3 && memcmp(v.text + i, ELLIPSIS, 3) == 0;
		if (!ellipsis && j > i && nwords < v.nwords)
			words[nwords++] = hash_bytes((const unsigned char *) v.text + i, j - i);
		if (ellipsis || j >= v.textlen)
		{
			nout += segment_anchors(words + seg_start, nwords - seg_start, runs, out + nout);
			seg_start = nwords;
		}
		i = j + 1;
	}

	qsort(out, nout, sizeof(int32), cmp_int32);
	d = palloc((Size) Max(nout, 1) * sizeof(Datum));
	for (int k = 0; k < nout; k++)
		if (k == 0 || out[k] != out[k - 1])
			d[nuniq++] = Int32GetDatum(out[k]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, nuniq, INT4OID, sizeof(int32), true, TYPALIGN_INT));
}
