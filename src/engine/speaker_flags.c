/*
 * speaker_flags.c — the speaker flag of the actors of one text, set once:
 * an actor is quoted when its canonical name is the speaker of a quote,
 * whether or not the quote finder linked the quote to that actor. Every
 * consumer (to_actorvec, highlight, the CLI) reads ws_actor.quoted.
 *
 * Linear in actors and quotes: the speakers' names go into a hash set.
 */
#include "ws.h"

#include <string.h>

void
ws_flag_speakers(ws_arena *a, ws_actors *actors, const ws_quotes *quotes)
{
	const char **slots;
	size_t		cap = 16,
				mask;

	if (actors == NULL || quotes == NULL || quotes->n == 0)
		return;
	while (cap < 2 * (size_t) quotes->n)
		cap *= 2;
	mask = cap - 1;
	slots = ws_arena_alloc(a, sizeof(const char *) * cap);
	for (int32_t k = 0; k < quotes->n; k++)
	{
		const char *s = quotes->quotes[k].speaker_name;
		size_t		h;

		if (s == NULL)
			continue;
		for (h = ws_hash_fold(s, (int32_t) strlen(s)) & mask; slots[h]; h = (h + 1) & mask)
			if (strcmp(slots[h], s) == 0)
				break;
		slots[h] = s;
		if ((k & 4095) == 4095 && ws_interrupt_hook)
			ws_interrupt_hook();
	}
	for (int32_t i = 0; i < actors->nactors; i++)
	{
		ws_actor   *x = &actors->actors[i];

		if (x->quoted || x->name == NULL)
			continue;
		for (size_t h = ws_hash_fold(x->name, (int32_t) strlen(x->name)) & mask; slots[h];
			 h = (h + 1) & mask)
			if (strcmp(slots[h], x->name) == 0)
			{
				x->quoted = true;
				break;
			}
		if ((i & 4095) == 4095 && ws_interrupt_hook)
			ws_interrupt_hook();
	}
}
