/*
 * fuzz_actors.c — libFuzzer target for named actors: any bytes are
 * tokenized and run through ws_find_actors with the committed model (when
 * data/whosaid_ner.model is found from the working directory) and with no
 * model (the capitalisation heuristic). Checks the invariants callers rely
 * on: mentions in text order, disjoint, inside the text, pointing at an
 * actor of the same kind set; every actor named and mentioned; the
 * look-ups agree with the mentions.
 */
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const ws_model *model;
static bool model_tried;

static void
check(ws_doc *d, ws_actors *a)
{
	int32_t		prev_e = 0;

	for (int32_t i = 0; i < a->nmentions; i++)
	{
		ws_mention *m = &a->mentions[i];

		if (m->tok_b < prev_e || m->tok_e <= m->tok_b || m->tok_e > d->ntoks)
			abort();
		if (m->span.b < 0 || m->span.e > d->len || m->span.cb < 0 || m->span.ce > d->nchars ||
			m->span.ce <= m->span.cb)
			abort();
		if (m->actor < 0 || m->actor >= a->nactors)
			abort();
		if (m->kind < WS_PERSON || m->kind > WS_PLACE)
			abort();
		if (ws_actor_at(a, m->tok_b, m->tok_e) != m->actor)
			abort();
		prev_e = m->tok_e;
	}
	for (int32_t i = 0; i < a->nactors; i++)
	{
		ws_actor   *x = &a->actors[i];
		int32_t		k;

		if (x->name == NULL || x->name[0] == '\0' || x->nmentions < 1 ||
			!WS_SPAN_PRESENT(x->first) || x->naliases < 0 || x->quoted)
			abort();
		for (int32_t j = 0; j < x->naliases; j++)
			if (x->aliases[j] == NULL || strcmp(x->aliases[j], x->name) == 0)
				abort();
		k = ws_actor_by_name(a, x->name, (int32_t) strlen(x->name));
		if (k < 0 || k >= a->nactors)
		{
			fprintf(stderr, "actor \"%s\" not found by name\n", x->name);
			abort();
		}
		if (x->role)
			(void) strlen(x->role);
		if (x->affiliation)
			(void) strlen(x->affiliation);
	}
	(void) ws_actor_by_name(a, (const char *) d->text, d->len > 64 ? 64 : d->len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws_arena   *arena;
	ws_doc	   *d;

	if (!model_tried)
	{
		char		err[512];

		model_tried = true;
		model = ws_model_load("data/whosaid_ner.model", err, sizeof(err));
	}
	if (size > 1 << 16)
		size = 1 << 16;
	arena = ws_arena_new();
	d = ws_doc_new(arena, (const char *) data, (int32_t) size);
	if (model)
		check(d, ws_find_actors(d, model));
	check(d, ws_find_actors(d, NULL));
	ws_arena_free(arena);
	return 0;
}
