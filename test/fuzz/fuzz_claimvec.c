/*
 * fuzz_claimvec.c — libFuzzer target for the claimvec text input (any
 * bytes normalise) and binary input (version byte, reserved byte, int32
 * length, text — as claimvec_recv reads it): the normalised text parses
 * back to itself, keys and shorts are sorted and unique with orders 1..k,
 * shorts are keys, similarity lies in [0, 1], is symmetric, and a value is
 * identical to itself (1) unless it has no words (0).
 */
#include "claimvec.h"

#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(ws_arena *a, const ws_cv *v)
{
	char		err[160];
	ws_cv	   *w = ws_cv_build(a, v->text, v->textlen, v->k, err);
	double		s;

	if (w == NULL || w->textlen != v->textlen || memcmp(w->text, v->text, (size_t) v->textlen) != 0 ||
		w->nkeys != v->nkeys || w->nshort != v->nshort || w->nwords != v->nwords ||
		(v->nkeys > 0 && memcmp(w->keys, v->keys, sizeof(uint32_t) * (size_t) v->nkeys) != 0))
		abort();
	for (int32_t i = 0; i < v->nkeys; i++)
		if ((i > 0 && v->keys[i - 1] >= v->keys[i]) ||
			WS_CV_ORDER(v->keys[i]) < 1 || WS_CV_ORDER(v->keys[i]) > v->k)
			abort();
	for (int32_t i = 0, j = 0; i < v->nshort; i++)
	{
		if (i > 0 && v->shorts[i - 1] >= v->shorts[i])
			abort();
		while (j < v->nkeys && v->keys[j] < v->shorts[i])
			j++;
		if (j == v->nkeys || v->keys[j] != v->shorts[i])
			abort();
	}
	if ((v->nwords == 0) != (v->nkeys == 0) || memchr(v->text, '\0', (size_t) v->textlen))
		abort();
	s = ws_cv_similarity(v, v);
	if (s != (v->nwords > 0 ? 1.0 : 0.0))
		abort();
	s = ws_cv_similarity(v, w);
	if (s < 0.0 || s > 1.0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws_arena   *a = ws_arena_new();
	char		err[160];
	ws_cv	   *v,
			   *h;

	if (size > 8192)
		size = 8192;
	/* text input */
	v = ws_cv_build(a, (const char *) data, (int32_t) size, WS_CV_K, err);
	if (v == NULL)
		abort();				/* below the size limit nothing fails */
	check(a, v);
	/* half the input as a second quotation: symmetric similarity */
	h = ws_cv_build(a, (const char *) data, (int32_t) (size / 2), WS_CV_K, err);
	if (h == NULL || ws_cv_similarity(v, h) != ws_cv_similarity(h, v))
		abort();
	/* binary input: version, reserved, length, text */
	if (size >= 6 && data[0] == WS_CV_VERSION && data[1] == 0)
	{
		uint32_t	len = ((uint32_t) data[2] << 24) | ((uint32_t) data[3] << 16) |
			((uint32_t) data[4] << 8) | data[5];

		if (len <= size - 6)
		{
			ws_cv	   *b = ws_cv_build(a, (const char *) data + 6, (int32_t) len, WS_CV_K, err);

			if (b == NULL)
				abort();
			check(a, b);
		}
	}
	ws_arena_free(a);
	return 0;
}
