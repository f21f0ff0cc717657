/*
 * fuzz_actorvec.c — libFuzzer target for the actorvec grammar: any input
 * fails with a position inside it or parses to a sorted, de-duplicated
 * vector whose text form parses back to itself; containment and overlap
 * with itself hold, and each actor's own name, as a query, matches it.
 */
#include "fuzz_format.h"

#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws_arena   *a = ws_arena_new();
	ws_fmt_error err;
	ws_av	   *v;

	if (size > FUZZ_MAX_INPUT)
		size = FUZZ_MAX_INPUT;
	v = ws_av_parse(a, (const char *) data, (int32_t) size, &err);
	if (v == NULL)
		check_parse_error(&err, data, size);
	else
	{
		char	   *f1 = ws_av_format(a, v);
		ws_av	   *v2 = ws_av_parse(a, f1, (int32_t) strlen(f1), &err);
		char	   *f2;

		if (v2 == NULL)
			abort();
		f2 = ws_av_format(a, v2);
		if (strcmp(f1, f2) != 0 || v2->n != v->n || v2->ntoks != v->ntoks)
			abort();
		for (int32_t i = 1; i < v->n; i++)
		{
			int			c = strcmp(ws_av_name(v, i - 1), ws_av_name(v, i));

			if (c > 0 || (c == 0 && v->entries[i - 1].kind >= v->entries[i].kind))
				abort();
		}
		if (!ws_av_contains(v, v2) || !ws_av_contains(v2, v))
			abort();
		if (ws_av_overlaps(v, v2) != (v->n > 0))
			abort();
		for (int32_t i = 0; i < v->n && i < 16; i++)
		{
			ws_aq_raw	r = {WS_AQ_NAME, v->entries[i].kind, v->entries[i].flags, 0,
			ws_av_name(v, i), (int32_t) strlen(ws_av_name(v, i))};
			ws_aq	   *q = ws_aq_assemble(a, &r, 1, &err);

			/* a name without letters or digits is not a valid query */
			if (q != NULL && !ws_av_matches(v, q))
				abort();
		}
	}
	ws_arena_free(a);
	return 0;
}
