/*
 * fuzz_actorquery.c — libFuzzer target for the actorquery grammar: any
 * input either fails with a position inside it or parses; a parsed query
 * prints to a canonical form that parses back to the same form, and it
 * evaluates against a fixed actorvec without fault.
 */
#include "fuzz_format.h"

#include <stdlib.h>
#include <string.h>

static const char vec_text[] =
	"'Sheryl Sandberg'/'Sandberg':person:speaker 'MI5'/'Security Service':organization "
	"'Government Communications Headquarters'/GCHQ:organization 'London':place 'Zoë Ball'";

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws_arena   *a = ws_arena_new();
	ws_fmt_error err;
	ws_aq	   *q;
	ws_av	   *v;

	if (size > FUZZ_MAX_INPUT)
		size = FUZZ_MAX_INPUT;
	q = ws_aq_parse(a, (const char *) data, (int32_t) size, &err);
	if (q == NULL)
		check_parse_error(&err, data, size);
	else
	{
		char	   *f1 = ws_aq_format(a, q);
		ws_aq	   *q2 = ws_aq_parse(a, f1, (int32_t) strlen(f1), &err);
		char	   *f2;

		if (q2 == NULL)
			abort();
		f2 = ws_aq_format(a, q2);
		if (strcmp(f1, f2) != 0 || q2->n != q->n || q2->ntoks != q->ntoks)
			abort();
		v = ws_av_parse(a, vec_text, (int32_t) strlen(vec_text), &err);
		if (v == NULL)
			abort();
		if (ws_av_matches(v, q) != ws_av_matches(v, q2))
			abort();
	}
	ws_arena_free(a);
	return 0;
}
