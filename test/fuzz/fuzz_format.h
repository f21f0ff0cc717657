/*
 * fuzz_format.h — what the fuzz targets of the two text grammars (fuzz_actorvec.c,
 * fuzz_actorquery.c) check alike.
 */
#ifndef WS_FUZZ_FORMAT_H
#define WS_FUZZ_FORMAT_H

#include "actorvec_format.h"

#include <stdlib.h>

/* Inputs are cut at 4 KiB: longer ones find nothing new and slow the run down. */
#define FUZZ_MAX_INPUT 4096

/* A parse error points inside the input (or just past it) and says something. */
static inline void
check_parse_error(const ws_fmt_error *err, const uint8_t *data, size_t size)
{
	int32_t		nchars = 0;

	for (size_t i = 0; i < size; i++)
		if ((data[i] & 0xC0) != 0x80)
			nchars++;
	if (err->pos < 1 || err->pos > nchars + 1 || err->msg[0] == '\0')
		abort();
}

#endif							/* WS_FUZZ_FORMAT_H */
