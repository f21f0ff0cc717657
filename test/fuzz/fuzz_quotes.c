/*
 * fuzz_quotes.c — libFuzzer target for the whole engine path a document takes:
 * tokenize, find actors, find quotes. Actors come from the committed model
 * (data/whosaid_ner.model, found from the working directory), as in the
 * extension, and from the capitalisation heuristic the model-less CLI uses.
 *
 * Besides crashes and sanitizer reports it checks what ws.h promises about
 * spans: every present span lies inside the text, in bytes and in code points,
 * and every index points into its array. A broken promise aborts, so libFuzzer
 * keeps the input as a crash artifact.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ws.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const ws_model *model;
static bool model_tried;

/* Long inputs only slow the fuzzer down; the seed articles are about 3 kB. */
#define MAX_INPUT (64 * 1024)

static void
check(bool ok, const char *what)
{
	if (!ok)
	{
		fprintf(stderr, "fuzz_quotes: broken promise: %s\n", what);
		abort();
	}
}

static void
check_span(const ws_doc *d, ws_span s, bool required, const char *what)
{
	if (!WS_SPAN_PRESENT(s))
	{
		check(!required, what);
		return;
	}
	check(s.b <= s.e && s.e <= d->len, what);
	check(s.cb >= 0 && s.cb <= s.ce && s.ce <= d->nchars, what);
	/* a code point is one to four bytes */
	check(s.e - s.b >= s.ce - s.cb && s.e - s.b <= 4 * (s.ce - s.cb), what);
}

static void
check_run(ws_doc *doc, const ws_model *with)
{
	ws_actors  *actors;
	ws_quotes  *quotes;

	actors = ws_find_actors(doc, with);
	if (actors)
	{
		for (int32_t i = 0; i < actors->nmentions; i++)
		{
			const ws_mention *m = &actors->mentions[i];

			check_span(doc, m->span, true, "mention span");
			check(m->tok_b >= 0 && m->tok_b < m->tok_e && m->tok_e <= doc->ntoks,
				  "mention tokens");
			check(m->actor >= -1 && m->actor < actors->nactors, "mention actor");
		}
		for (int32_t i = 0; i < actors->nactors; i++)
			check(actors->actors[i].name != NULL, "actor name");
	}

	quotes = ws_find_quotes(doc, actors);
	check(quotes != NULL, "quotes");
	for (int32_t i = 0; i < quotes->n; i++)
	{
		const ws_quote *q = &quotes->quotes[i];

		check(q->kind == WS_DIRECT || q->kind == WS_MIXED || q->kind == WS_INDIRECT, "kind");
		check_span(doc, q->content, true, "content span");
		check_span(doc, q->speaker, false, "speaker span");
		check_span(doc, q->cue, false, "cue span");
		for (int32_t p = 0; p < q->nparts; p++)
		{
			check_span(doc, q->parts[p], true, "content part");
			check(q->parts[p].b >= q->content.b && q->parts[p].e <= q->content.e,
				  "part inside content");
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws_arena   *arena;
	ws_doc	   *doc;

	if (size > MAX_INPUT)
		return 0;
	if (!model_tried)
	{
		char		err[512];

		model_tried = true;
		model = ws_model_load("data/whosaid_ner.model", err, sizeof(err));
	}

	arena = ws_arena_new();
	doc = ws_doc_new(arena, (const char *) data, (int32_t) size);
	check(doc != NULL && doc->len == (int32_t) size, "doc covers the input");
	check(doc->nchars >= 0 && doc->nchars <= doc->len, "nchars");
	for (int32_t i = 0; i < doc->ntoks; i++)
	{
		const ws_tok *t = &doc->toks[i];

		check(t->b >= 0 && t->b < t->e && t->e <= doc->len, "token bytes");
		check(t->cb >= 0 && t->cb < t->ce && t->ce <= doc->nchars, "token code points");
		check(i == 0 || doc->toks[i - 1].e <= t->b, "tokens in order");
	}

	check_run(doc, NULL);
	if (model)
		check_run(doc, model);

	ws_arena_free(arena);
	return 0;
}
