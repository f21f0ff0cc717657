/*
 * whosaid.c — the command-line tool: the extension's engine over JSONL.
 *
 *   whosaid quotes   [--model FILE] < {"id","text"} lines > {"id","quotes":[...]}
 *   whosaid actors   [--model FILE]   ... > {"id","actors":[...],"mentions":[...]}
 *   whosaid tokens                    ... > one token per line (debugging)
 *   whosaid claimvec                  ... > {"id","claimvec","words","anchors":[...]}:
 *                                           the text as whosaid.to_claimvec() normalises
 *                                           it and its anchors (whosaid._claim_anchors())
 *   whosaid explain  [--model FILE]   ... > text: each quote with the rules that made,
 *                                           extended or cut it and its speaker's
 *                                           resolution, then what was rejected and why
 *
 * Offsets written are 0-based code points, end exclusive (the scorer's
 * convention; the SQL functions add 1). --stats prints throughput to stderr.
 * An engine failure (ICU, memory) prints a message and exits with status 1.
 * WHOSAID_TEST_FAULT=break_iterator simulates one, for tests.
 */
#include "cli.h"
#include "claimvec.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
put_span(FILE *f, const char *name, ws_span s, bool comma)
{
	if (WS_SPAN_PRESENT(s))
		fprintf(f, "\"%s_start\":%d,\"%s_end\":%d", name, s.cb, name, s.ce);
	else
		fprintf(f, "\"%s_start\":null,\"%s_end\":null", name, name);
	if (comma)
		fputc(',', f);
}

static void
put_opt_string(FILE *f, const char *s)
{
	if (s)
		json_put_string(f, s, strlen(s));
	else
		fputs("null", f);
}

static void
emit_quotes(FILE *out, ws_doc *d, const ws_model *model)
{
	ws_actors  *actors = ws_find_actors(d, model);
	ws_quotes  *qs = ws_find_quotes(d, actors);

	fputs(",\"quotes\":[", out);
	for (int32_t i = 0; i < qs->n; i++)
	{
		ws_quote   *q = &qs->quotes[i];

		fprintf(out, "%s{\"kind\":\"%s\",", i ? "," : "", ws_quote_kind_name(q->kind));
		put_span(out, "content", q->content, true);
		fputs("\"content\":", out);
		put_opt_string(out, q->content_text);
		fputs(",\"speaker\":", out);
		put_opt_string(out, q->speaker_name);
		fputs(",\"speaker_mention\":", out);
		put_opt_string(out, q->speaker_mention);
		fputc(',', out);
		put_span(out, "speaker", q->speaker, true);
		fputs("\"cue\":", out);
		put_opt_string(out, q->cue_text);
		fputc(',', out);
		put_span(out, "cue", q->cue, true);
		/* a split quote's stretches ("…," she said. "…"), each [start, end) */
		fputs("\"parts\":[", out);
		for (int32_t k = 0; k < q->nparts; k++)
			fprintf(out, "%s[%d,%d]", k ? "," : "", q->parts[k].cb, q->parts[k].ce);
		fputs("]}", out);
	}
	fputc(']', out);
}

static void
emit_actors(FILE *out, ws_doc *d, const ws_model *model)
{
	ws_actors  *a = ws_find_actors(d, model);

	fputs(",\"actors\":[", out);
	for (int32_t i = 0; i < a->nactors; i++)
	{
		ws_actor   *x = &a->actors[i];

		fprintf(out, "%s{\"actor\":", i ? "," : "");
		put_opt_string(out, x->name);
		fprintf(out, ",\"kind\":\"%s\",\"role\":", ws_kind_name(x->kind));
		put_opt_string(out, x->role);
		fputs(",\"affiliation\":", out);
		put_opt_string(out, x->affiliation);
		fputs(",\"aliases\":[", out);
		for (int32_t k = 0; k < x->naliases; k++)
		{
			if (k)
				fputc(',', out);
			put_opt_string(out, x->aliases[k]);
		}
		fprintf(out, "],\"mentions\":%d,", x->nmentions);
		put_span(out, "first", x->first, false);
		fputc('}', out);
	}
	fputs("],\"mentions\":[", out);
	for (int32_t i = 0; i < a->nmentions; i++)
	{
		ws_mention *m = &a->mentions[i];

		fprintf(out, "%s{\"kind\":\"%s\",", i ? "," : "", ws_kind_name(m->kind));
		put_span(out, "span", m->span, true);
		fputs("\"actor\":", out);
		put_opt_string(out, m->actor >= 0 ? a->actors[m->actor].name : NULL);
		fputc('}', out);
	}
	fputc(']', out);
}

static void
emit_tokens(FILE *out, ws_doc *d, const ws_model *model)
{
	fputs(",\"tokens\":[", out);
	for (int32_t i = 0; i < d->ntoks; i++)
	{
		ws_tok	   *t = &d->toks[i];

		fprintf(out, "%s[", i ? "," : "");
		json_put_string(out, d->text + t->b, (size_t) (t->e - t->b));
		fprintf(out, ",%d,%d,%d,%u,%u,%u]", t->cb, t->ce, t->sent, t->flags, t->lex, t->quote);
	}
	fputc(']', out);
}

/* ------------------------------------------------------------ claimvec */

static void
emit_claimvec(FILE *out, ws_doc *d, const ws_model *model)
{
	char		err[160];
	ws_cv	   *v = ws_cv_build(d->arena, d->text, d->len, WS_CV_K, err);
	int32_t    *anchors;
	int32_t		n;

	if (v == NULL)
	{
		fputs(",\"error\":", out);
		json_put_string(out, err, strlen(err));
		return;
	}
	n = ws_cv_anchors(d->arena, v, &anchors);
	fputs(",\"claimvec\":", out);
	json_put_string(out, v->text, (size_t) v->textlen);
	fprintf(out, ",\"words\":%d,\"anchors\":[", v->nwords);
	for (int32_t i = 0; i < n; i++)
		fprintf(out, "%s%d", i ? "," : "", anchors[i]);
	fputc(']', out);
}

/* ------------------------------------------------------------ explain */

/* The trace of one document, as the engine reports it (ws_trace_hook). */
typedef struct trace_line
{
	char	   *rule;
	char	   *action;
	int32_t		cand;
	int32_t		tok_b,
				tok_e;
	char	   *note;
} trace_line;

static trace_line *trace;
static int32_t ntrace,
			trace_cap;

static void
collect_trace(const ws_doc *d, const ws_trace_event *ev)
{
	trace_line *t;

	if (ntrace == trace_cap)
	{
		trace_cap = trace_cap ? trace_cap * 2 : 64;
		trace = realloc(trace, sizeof(trace_line) * (size_t) trace_cap);
		if (trace == NULL)
			ws_error(WS_ERROR_OUT_OF_MEMORY, "out of memory collecting the trace");
	}
	t = &trace[ntrace++];
	t->rule = ws_arena_strndup(d->arena, ev->rule, strlen(ev->rule));
	t->action = ws_arena_strndup(d->arena, ev->action, strlen(ev->action));
	t->cand = ev->cand;
	t->tok_b = ev->tok_b;
	t->tok_e = ev->tok_e;
	t->note = ev->note ? ws_arena_strndup(d->arena, ev->note, strlen(ev->note)) : NULL;
}

/* "t" in quotation marks, shortened in the middle past 90 bytes. */
static void
put_short(FILE *out, const char *t)
{
	size_t		n = strlen(t);

	fputc('"', out);
	if (n <= 90)
		fputs(t, out);
	else
	{
		size_t		head = 50,
					tail = 30;

		while (head > 0 && (t[head] & 0xC0) == 0x80)
			head--;				/* whole UTF-8 characters */
		while (tail > 0 && (t[n - tail] & 0xC0) == 0x80)
			tail--;
		fprintf(out, "%.*s … %s", (int) head, t, t + n - tail);
	}
	fputc('"', out);
}

/* The text of tokens [b, e) on one line, shortened. */
static void
put_excerpt(FILE *out, const ws_doc *d, int32_t b, int32_t e)
{
	ws_span		s = ws_tok_span(d, b, e);

	if (WS_SPAN_PRESENT(s))
		put_short(out, ws_span_text(d, s, true));
	else
		fputs("(nothing)", out);
}

static void
put_trace_line(FILE *out, const ws_doc *d, const trace_line *t)
{
	fprintf(out, "    %-9s %-36s ", t->action, t->rule);
	put_excerpt(out, d, t->tok_b, t->tok_e);
	if (t->note)
		fprintf(out, " (%s)", t->note);
	fputc('\n', out);
}

/*
 * Each quote, with the rules that made, extended or cut its candidate and the
 * steps that resolved its speaker (the events after its "emitted" one), then
 * every candidate and quoted stretch that a rule rejected.
 */
static void
emit_explain(FILE *out, ws_doc *d, const ws_model *model)
{
	ws_actors  *actors;
	ws_quotes  *qs;
	int32_t		nq = 0;

	ntrace = 0;
	ws_trace_hook = collect_trace;
	actors = ws_find_actors(d, model);
	qs = ws_find_quotes(d, actors);
	ws_trace_hook = NULL;
	fprintf(out, "%d quotes, %d actors\n", qs->n, actors->nactors);
	for (int32_t i = 0; i < ntrace; i++)
	{
		const trace_line *e = &trace[i];
		const ws_quote *q;

		if (strcmp(e->action, "emitted") != 0)
			continue;
		q = &qs->quotes[nq++];
		fprintf(out, "quote %d (%s, candidate %d): ", nq, ws_quote_kind_name(q->kind), e->cand);
		put_short(out, q->content_text);
		fputs("\n    speaker ", out);
		if (q->speaker_name)
			fprintf(out, "\"%s\"", q->speaker_name);
		else
			fputs("unknown", out);
		if (q->speaker_mention)
			fprintf(out, ", mentioned as \"%s\"", q->speaker_mention);
		if (q->cue_text)
			fprintf(out, ", cue \"%s\"", q->cue_text);
		fputc('\n', out);
		for (int32_t k = 0; k < i; k++)
			if (trace[k].cand == e->cand && strcmp(trace[k].action, "speaker") != 0)
				put_trace_line(out, d, &trace[k]);
		for (int32_t k = i + 1; k < ntrace && strcmp(trace[k].action, "emitted") != 0; k++)
			put_trace_line(out, d, &trace[k]);
	}
	fputs("rejected:\n", out);
	for (int32_t i = 0; i < ntrace; i++)
		if (strcmp(trace[i].action, "rejected") == 0)
		{
			if (trace[i].cand >= 0)
				fprintf(out, "  candidate %d\n", trace[i].cand);
			for (int32_t k = 0; k < i && trace[i].cand >= 0; k++)
				if (trace[k].cand == trace[i].cand)
					put_trace_line(out, d, &trace[k]);
			put_trace_line(out, d, &trace[i]);
		}
}

typedef void (*emit_fn) (FILE *out, ws_doc *d, const ws_model *model);

static const struct
{
	const char *name;
	emit_fn		emit;
	bool		json;			/* one {"id", ...} line per document, else "== id" and text */
}			commands[] = {
	{"quotes", emit_quotes, true},
	{"actors", emit_actors, true},
	{"tokens", emit_tokens, true},
	{"claimvec", emit_claimvec, true},
	{"explain", emit_explain, false},
};

static int
usage(void)
{
	fputs("usage: whosaid quotes|actors|tokens|claimvec|explain [--model FILE] [--stats] < in.jsonl > out\n"
		  "       whosaid train --train FILE [--dev FILE] --out MODEL   (see README)\n", stderr);
	return 2;
}

static int
run_jsonl(emit_fn emit, bool json, const char *model_path, bool stats)
{
	ws_model   *model = NULL;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;
	long		docs = 0,
				lineno = 0;
	double		bytes = 0;
	struct timespec t0,
				t1;

	if (model_path)
	{
		char		err[512];

		clock_gettime(CLOCK_MONOTONIC, &t0);
		model = ws_model_load(model_path, err, sizeof(err));
		if (model != NULL && !ws_model_verify(model, model_path, err, sizeof(err)))
		{
			ws_model_free(model);
			model = NULL;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (model == NULL)
		{
			fprintf(stderr, "whosaid: %s\n", err);
			return 1;
		}
		if (stats)
			fprintf(stderr, "model load: %.2f ms\n",
					(t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((len = getline(&line, &cap, stdin)) > 0)
	{
		char	   *id = NULL,
				   *text = NULL;
		size_t		idlen = 0,
					textlen = 0;
		ws_arena   *arena;
		ws_doc	   *d;

		lineno++;
		if (!json_get_string(line, (size_t) len, "text", &text, &textlen))
		{
			fprintf(stderr, "whosaid: line %ld: no \"text\" string\n", lineno);
			continue;
		}
		if (!json_get_string(line, (size_t) len, "id", &id, &idlen))
		{
			char		buf[32];

			idlen = (size_t) snprintf(buf, sizeof(buf), "%ld", lineno);
			id = strdup(buf);
		}
		arena = ws_arena_new();
		d = ws_doc_new(arena, text, (int32_t) textlen);
		if (json)
		{
			fputs("{\"id\":", stdout);
			json_put_string(stdout, id, idlen);
			emit(stdout, d, model);
			fputs("}\n", stdout);
		}
		else
		{
			printf("== %.*s: ", (int) idlen, id);
			emit(stdout, d, model);
		}
		ws_arena_free(arena);
		bytes += (double) textlen;
		docs++;
		free(id);
		free(text);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(line);
	if (stats)
	{
		double		s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

		fprintf(stderr, "%ld documents, %.2f MB in %.3f s: %.2f MB/s\n",
				docs, bytes / 1e6, s, s > 0 ? bytes / 1e6 / s : 0.0);
	}
	if (model)
		ws_model_free(model);
	return 0;
}

static void
engine_error(ws_error_code code, const char *message)
{
	fflush(stdout);
	fprintf(stderr, "whosaid: %s\n", message);
	exit(1);
}

/* WHOSAID_TEST_FAULT names a failure for the engine to simulate (tests only). */
static void
set_test_fault(void)
{
	const char *f = getenv("WHOSAID_TEST_FAULT");

	if (f == NULL || *f == '\0')
		return;
	if (strcmp(f, "break_iterator") == 0)
		ws_test_fault = WS_FAULT_BREAK_ITERATOR;
	else
	{
		fprintf(stderr, "whosaid: unknown WHOSAID_TEST_FAULT \"%s\"\n", f);
		exit(2);
	}
}

int
main(int argc, char **argv)
{
	const char *model_path = NULL;
	bool		stats = false;

	ws_error_hook = engine_error;
	set_test_fault();
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "train") == 0)
		return cli_train(argc - 1, argv + 1);
	for (int i = 2; i < argc; i++)
	{
		if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			model_path = argv[++i];
		else if (strcmp(argv[i], "--stats") == 0)
			stats = true;
		else
			return usage();
	}
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (strcmp(argv[1], commands[c].name) == 0)
			return run_jsonl(commands[c].emit, commands[c].json, model_path, stats);
	return usage();
}
