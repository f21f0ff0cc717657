/*
 * train.c — `whosaid train`: the NER tagger's averaged-perceptron trainer.
 *
 *   whosaid train --train FILE [--train FILE2 ...] [--dev FILE ...]
 *                 [--epochs N] [--bits N] --out MODEL
 *
 *   whosaid train --score MODEL --dev FILE ...     score a model only
 *
 * Up to 8 training and 8 dev files; the first dev file is scored after
 * each epoch with WHOSAID_TRAIN_VERBOSE, every dev file at the end.
 * Input is CoNLL-2003 (`word POS chunk NER`, IOB1, -DOCSTART- documents).
 * Each document is rebuilt as text — tokens joined by single spaces,
 * sentences by newlines — and tokenized by the ENGINE (ws_doc_new); gold
 * labels are carried over to engine tokens by character offsets, so the
 * model is trained on exactly the tokenization it meets at run time.
 * Training is greedy, with the tagger's own predictions as label history
 * (as at run time), in a fixed document order shuffled by a fixed seed:
 * the same input always gives the same model file.
 */
#include "cli.h"
#include "ner.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct tdoc
{
	ws_arena   *arena;
	ws_doc	   *d;
	uint8_t    *gold;			/* per engine token, enum ws_ner_label */
} tdoc;

typedef struct corpus
{
	tdoc	   *docs;
	int32_t		n,
				cap;
	int64_t		ntoks;
	int64_t		unaligned;		/* gold tokens the engine split or joined */
} corpus;

typedef struct sbuf
{
	char	   *s;
	size_t		len,
				cap;
} sbuf;

static void
sb_put(sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
	{
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (b->s == NULL)
			abort();
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static int
type_of(const char *tag)
{
	if (strcmp(tag + 2, "PER") == 0)
		return 1;
	if (strcmp(tag + 2, "ORG") == 0)
		return 2;
	if (strcmp(tag + 2, "LOC") == 0)
		return 3;
	if (strcmp(tag + 2, "MISC") == 0)
		return 4;
	return 0;
}

/* gold token: byte offsets in the rebuilt text and BIO label */
typedef struct gtok
{
	int32_t		b,
				e;
	uint8_t		label;
} gtok;

static void
finish_doc(corpus *c, sbuf *text, gtok *g, int32_t ng)
{
	tdoc	   *td;
	int32_t		gi = 0;

	if (ng == 0)
		return;
	if (c->n == c->cap)
	{
		c->cap = c->cap ? c->cap * 2 : 256;
		c->docs = realloc(c->docs, sizeof(tdoc) * (size_t) c->cap);
		if (c->docs == NULL)
			abort();
	}
	td = &c->docs[c->n++];
	td->arena = ws_arena_new();
	td->d = ws_doc_new(td->arena, ws_arena_strndup(td->arena, text->s, text->len),
					   (int32_t) text->len);
	td->gold = ws_arena_alloc(td->arena, (size_t) td->d->ntoks + 1);
	for (int32_t i = 0; i < td->d->ntoks; i++)
	{
		const ws_tok *t = &td->d->toks[i];

		while (gi < ng && g[gi].e <= t->b)
			gi++;
		if (gi >= ng || g[gi].b > t->b)
		{
			td->gold[i] = WS_NER_O;
			continue;
		}
		if (t->b == g[gi].b)
			td->gold[i] = g[gi].label;
		else
		{
			/* a piece of a gold token the engine split: continue its entity */
			uint8_t		l = g[gi].label;

			td->gold[i] = (l == WS_NER_O) ? WS_NER_O : (uint8_t) (l + (l & 1));
			c->unaligned++;
		}
		if (t->e > g[gi].e)
			c->unaligned++;
	}
	c->ntoks += td->d->ntoks;
}

static bool
read_conll(const char *path, corpus *c)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;
	sbuf		text = {0};
	gtok	   *g = NULL;
	int32_t		ng = 0,
				gcap = 0;
	int			prevtype = 0;
	bool		sent_open = false;

	if (f == NULL)
	{
		fprintf(stderr, "whosaid train: could not open \"%s\": %s\n", path, strerror(errno));
		return false;
	}
	sb_put(&text, "", 0);
	while ((len = getline(&line, &cap, f)) >= 0)
	{
		char	   *word,
				   *tag,
				   *save = NULL,
				   *tokp;
		int			ty;
		uint8_t		label;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
		{
			if (sent_open)
			{
				sb_put(&text, "\n", 1);
				sent_open = false;
			}
			prevtype = 0;
			continue;
		}
		if (strncmp(line, "-DOCSTART-", 10) == 0)
		{
			finish_doc(c, &text, g, ng);
			text.len = 0;
			ng = 0;
			prevtype = 0;
			sent_open = false;
			continue;
		}
		word = strtok_r(line, " \t", &save);
		tag = NULL;
		while ((tokp = strtok_r(NULL, " \t", &save)) != NULL)
			tag = tokp;
		if (word == NULL || tag == NULL)
			continue;
		ty = (tag[0] == 'O') ? 0 : type_of(tag);
		if (ty == 0)
			label = WS_NER_O;
		else if (tag[0] == 'B' || ty != prevtype)
			label = (uint8_t) (2 * ty - 1);	/* IOB1 -> BIO */
		else
			label = (uint8_t) (2 * ty);
		prevtype = ty;
		if (sent_open)
			sb_put(&text, " ", 1);
		if (ng == gcap)
		{
			gcap = gcap ? gcap * 2 : 1024;
			g = realloc(g, sizeof(gtok) * (size_t) gcap);
			if (g == NULL)
				abort();
		}
		g[ng].b = (int32_t) text.len;
		sb_put(&text, word, strlen(word));
		g[ng].e = (int32_t) text.len;
		g[ng].label = label;
		ng++;
		sent_open = true;
	}
	finish_doc(c, &text, g, ng);
	fclose(f);
	free(line);
	free(text.s);
	free(g);
	return true;
}

/* ------------------------------------------------------------ training */

typedef struct trainer
{
	uint32_t	mask;
	float	   *w;
	double	   *u;				/* sum of c * update, for averaging */
	double		c;
} trainer;

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

static uint32_t
rng_next(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t) (rng_state >> 11);
}

static void
train_doc(trainer *tr, const tdoc *td)
{
	const ws_doc *d = td->d;
	ws_doc		dd = *d;
	ws_arena   *tmp = ws_arena_new();
	ws_ner_doc *nd;
	uint8_t    *pred = ws_arena_alloc(tmp, (size_t) d->ntoks + 1);
	uint32_t	feats[WS_NER_MAXFEAT];

	dd.arena = tmp;
	nd = ws_ner_prepare(&dd);
	for (int32_t i = 0; i < d->ntoks; i++)
	{
		float		sc[WS_NER_NLABELS] = {0};
		int			nf = ws_ner_features(nd, i, pred, feats);
		uint8_t		prev = (i > 0 && d->toks[i - 1].para == d->toks[i].para) ? pred[i - 1] : WS_NER_O;
		uint8_t		best = WS_NER_O,
					gold = td->gold[i];
		float		bestsc = -INFINITY;

		for (int k = 0; k < nf; k++)
		{
			const float *row = tr->w + (size_t) (feats[k] & tr->mask) * WS_NER_NLABELS;

			for (int y = 0; y < WS_NER_NLABELS; y++)
				sc[y] += row[y];
		}
		for (int y = 0; y < WS_NER_NLABELS; y++)
			if (sc[y] > bestsc && ws_ner_allowed(prev, (uint8_t) y))
			{
				bestsc = sc[y];
				best = (uint8_t) y;
			}
		/* a gold I-X that BIO forbids here can never be predicted; learn B-X */
		if (!ws_ner_allowed(prev, gold))
			gold = (uint8_t) (gold - 1);
		tr->c += 1;
		if (best != gold)
		{
			for (int k = 0; k < nf; k++)
			{
				size_t		r = (size_t) (feats[k] & tr->mask) * WS_NER_NLABELS;

				tr->w[r + gold] += 1;
				tr->u[r + gold] += tr->c;
				tr->w[r + best] -= 1;
				tr->u[r + best] -= tr->c;
			}
		}
		pred[i] = best;
		ws_ner_commit(nd, i, best);
	}
	ws_arena_free(tmp);
}

/* Averaged, quantized weights as an in-memory model (same path as a file). */
static ws_model *
build_model(const trainer *tr, uint32_t bits, int epochs, int64_t ntoks)
{
	size_t		nw = (size_t) (tr->mask + 1) * WS_NER_NLABELS;
	size_t		bytes = sizeof(ws_model_header) + nw * sizeof(int16_t);
	char	   *buf = calloc(1, bytes);
	ws_model_header *h = (ws_model_header *) buf;
	int16_t    *q = (int16_t *) (buf + sizeof(ws_model_header));
	double		maxabs = 0;
	float		scale;
	ws_model   *m = calloc(1, sizeof(ws_model));

	if (buf == NULL || m == NULL)
		abort();
	for (size_t i = 0; i < nw; i++)
	{
		double		a = tr->w[i] - tr->u[i] / tr->c;

		if (fabs(a) > maxabs)
			maxabs = fabs(a);
	}
	scale = (float) (maxabs > 0 ? maxabs / 32000.0 : 1.0);
	for (size_t i = 0; i < nw; i++)
	{
		double		a = (tr->w[i] - tr->u[i] / tr->c) / scale;

		q[i] = (int16_t) lrint(a);
	}
	memcpy(h->magic, WS_MODEL_MAGIC, 8);
	h->version = WS_MODEL_VERSION;
	h->nlabels = WS_NER_NLABELS;
	h->hash_bits = bits;
	h->feature_set = WS_FEATURE_SET;
	h->scale = scale;
	h->weight_bytes = nw * sizeof(int16_t);
	h->checksum = ws_model_checksum(q, h->weight_bytes);
	h->train_tokens = (uint64_t) ntoks;
	h->epochs = (uint32_t) epochs;
	m->hdr = h;
	m->w = q;
	m->mask = tr->mask;
	m->scale = scale;
	m->map = buf;
	m->map_len = bytes;
	m->mapped = false;
	return m;
}

typedef struct prf
{
	int64_t		tp[5],
				fp[5],
				fn[5];
} prf;

/* spans [b,e) of type t from BIO labels */
static void
spans_of(const uint8_t *l, int32_t n, const ws_doc *d, void (*cb) (void *, int32_t, int32_t, int), void *arg)
{
	for (int32_t i = 0; i < n;)
	{
		if (l[i] != WS_NER_O)
		{
			int			t = (l[i] + 1) / 2;
			int32_t		j = i + 1;

			while (j < n && l[j] == 2 * t && d->toks[j].para == d->toks[i].para)
				j++;
			cb(arg, i, j, t);
			i = j;
		}
		else
			i++;
	}
}

typedef struct spanset
{
	int32_t    *b,
			   *e;
	int		   *t;
	int32_t		n,
				cap;
} spanset;

static void
span_add(void *arg, int32_t b, int32_t e, int t)
{
	spanset    *s = arg;

	if (s->n == s->cap)
	{
		s->cap = s->cap ? s->cap * 2 : 64;
		s->b = realloc(s->b, sizeof(int32_t) * s->cap);
		s->e = realloc(s->e, sizeof(int32_t) * s->cap);
		s->t = realloc(s->t, sizeof(int) * s->cap);
	}
	s->b[s->n] = b;
	s->e[s->n] = e;
	s->t[s->n] = t;
	s->n++;
}

/* Exact-span F1 over engine tokens, PER/ORG/LOC (MISC excluded). */
static double
evaluate(const ws_model *m, const corpus *c, bool verbose)
{
	prf			r = {0};
	static const char *names[] = {"", "PER", "ORG", "LOC", "MISC"};
	double		f1 = 0;
	double		secs = 0;
	int64_t		ntoks = 0;

	for (int32_t k = 0; k < c->n; k++)
	{
		const ws_doc *d = c->docs[k].d;
		ws_arena   *tmp = ws_arena_new();
		ws_doc		dd = *d;
		uint8_t    *pred = ws_arena_alloc(tmp, (size_t) d->ntoks + 1);
		spanset		gs = {0},
					ps = {0};
		int32_t		a = 0;

		dd.arena = tmp;
		{
			struct timespec t0,
						t1;

			/* CPU time of this thread: one core, whatever else the machine runs */
			clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
			ws_ner_tag(m, &dd, pred);
			clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
			secs += (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
			ntoks += d->ntoks;
		}
		spans_of(c->docs[k].gold, d->ntoks, d, span_add, &gs);
		spans_of(pred, d->ntoks, d, span_add, &ps);
		/* both lists are sorted by start */
		for (int32_t i = 0; i < ps.n; i++)
		{
			bool		hit = false;

			while (a < gs.n && gs.b[a] < ps.b[i])
				a++;
			for (int32_t j = a; j < gs.n && gs.b[j] == ps.b[i]; j++)
				if (gs.e[j] == ps.e[i] && gs.t[j] == ps.t[i])
					hit = true;
			if (hit)
				r.tp[ps.t[i]]++;
			else
				r.fp[ps.t[i]]++;
		}
		for (int32_t j = 0; j < gs.n; j++)
			r.fn[gs.t[j]]++;	/* gold count for now; minus tp at the end */
		ws_arena_free(tmp);
		free(gs.b);
		free(gs.e);
		free(gs.t);
		free(ps.b);
		free(ps.e);
		free(ps.t);
	}
	{
		int64_t		tp = 0,
					fp = 0,
					fn = 0;

		for (int t = 1; t <= 4; t++)
		{
			r.fn[t] -= r.tp[t];
			if (verbose)
			{
				double		p = r.tp[t] + r.fp[t] ? (double) r.tp[t] / (r.tp[t] + r.fp[t]) : 0;
				double		rc = r.tp[t] + r.fn[t] ? (double) r.tp[t] / (r.tp[t] + r.fn[t]) : 0;

				fprintf(stderr, "  %-4s P %.4f R %.4f F1 %.4f\n", names[t], p, rc,
						p + rc > 0 ? 2 * p * rc / (p + rc) : 0);
			}
			if (t == 4)
				continue;
			tp += r.tp[t];
			fp += r.fp[t];
			fn += r.fn[t];
		}
		{
			double		p = tp + fp ? (double) tp / (tp + fp) : 0;
			double		rc = tp + fn ? (double) tp / (tp + fn) : 0;

			f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
			if (verbose)
			{
				fprintf(stderr, "  PER/ORG/LOC P %.4f R %.4f F1 %.4f\n", p, rc, f1);
				fprintf(stderr, "tagger speed: %lld tokens in %.3f s: %.2f M tokens/s (CPU time of one core, ws_ner_tag only)\n",
						(long long) ntoks, secs, secs > 0 ? ntoks / secs / 1e6 : 0.0);
			}
		}
	}
	return f1;
}

static bool
write_model(const ws_model *m, const char *path)
{
	char		tmp[4096];
	FILE	   *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (f == NULL || fwrite(m->map, 1, m->map_len, f) != m->map_len || fclose(f) != 0)
	{
		fprintf(stderr, "whosaid train: could not write \"%s\": %s\n", tmp, strerror(errno));
		return false;
	}
	if (rename(tmp, path) != 0)
	{
		fprintf(stderr, "whosaid train: could not rename \"%s\": %s\n", tmp, strerror(errno));
		return false;
	}
	return true;
}

int
cli_train(int argc, char **argv)
{
	const char *trains[8];
	int			ntrains = 0;
	const char *devs[8];
	int			ndevs = 0;
	const char *out = NULL;
	const char *score = NULL;
	int			epochs = 12;
	uint32_t	bits = 19;
	corpus		tc = {0},
				dc[8] = {{0}};
	trainer		tr = {0};
	int32_t    *order;
	ws_model   *m = NULL;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--train") == 0 && i + 1 < argc && ntrains < 8)
			trains[ntrains++] = argv[++i];
		else if (strcmp(argv[i], "--dev") == 0 && i + 1 < argc && ndevs < 8)
			devs[ndevs++] = argv[++i];
		else if (strcmp(argv[i], "--score") == 0 && i + 1 < argc)
			score = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--epochs") == 0 && i + 1 < argc)
			epochs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--bits") == 0 && i + 1 < argc)
			bits = (uint32_t) atoi(argv[++i]);
		else
		{
			fputs("usage: whosaid train --train FILE [--train FILE ...] [--dev FILE ...] [--epochs N] [--bits N] --out MODEL\n", stderr);
			return 2;
		}
	}
	if (score != NULL && ndevs > 0 && ntrains == 0 && out == NULL)
	{
		char		err[512];
		ws_model   *sm = ws_model_load(score, err, sizeof(err));

		if (sm != NULL && !ws_model_verify(sm, score, err, sizeof(err)))
		{
			ws_model_free(sm);
			sm = NULL;
		}
		if (sm == NULL)
		{
			fprintf(stderr, "whosaid train: %s\n", err);
			return 1;
		}
		for (int i = 0; i < ndevs; i++)
		{
			if (!read_conll(devs[i], &dc[i]))
				return 1;
			fprintf(stderr, "dev %s (engine tokens, exact span + type):\n", devs[i]);
			evaluate(sm, &dc[i], true);
		}
		ws_model_free(sm);
		return 0;
	}
	if (ntrains == 0 || out == NULL || epochs < 1 || bits < 12 || bits > 24)
	{
		fputs("usage: whosaid train --train FILE [--train FILE ...] [--dev FILE ...] [--epochs N] [--bits 12..24] --out MODEL\n       whosaid train --score MODEL --dev FILE ...\n", stderr);
		return 2;
	}
	for (int i = 0; i < ntrains; i++)
		if (!read_conll(trains[i], &tc))
			return 1;
	for (int i = 0; i < ndevs; i++)
		if (!read_conll(devs[i], &dc[i]))
			return 1;
	fprintf(stderr, "train: %d documents, %lld engine tokens (%lld split/joined)\n",
			tc.n, (long long) tc.ntoks, (long long) tc.unaligned);
	for (int i = 0; i < ndevs; i++)
		fprintf(stderr, "dev %s: %d documents, %lld engine tokens\n", devs[i], dc[i].n,
				(long long) dc[i].ntoks);

	tr.mask = (1u << bits) - 1;
	tr.w = calloc((size_t) (tr.mask + 1) * WS_NER_NLABELS, sizeof(float));
	tr.u = calloc((size_t) (tr.mask + 1) * WS_NER_NLABELS, sizeof(double));
	order = malloc(sizeof(int32_t) * (size_t) (tc.n + 1));
	if (tr.w == NULL || tr.u == NULL || order == NULL)
	{
		fputs("whosaid train: out of memory\n", stderr);
		return 1;
	}
	for (int32_t i = 0; i < tc.n; i++)
		order[i] = i;
	for (int e = 1; e <= epochs; e++)
	{
		struct timespec t0,
					t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int32_t i = tc.n - 1; i > 0; i--)
		{
			int32_t		j = (int32_t) (rng_next() % (uint32_t) (i + 1));
			int32_t		x = order[i];

			order[i] = order[j];
			order[j] = x;
		}
		for (int32_t i = 0; i < tc.n; i++)
			train_doc(&tr, &tc.docs[order[i]]);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "epoch %d: %.1f s", e,
				(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
		if (ndevs > 0 && (e == epochs || getenv("WHOSAID_TRAIN_VERBOSE")))
		{
			ws_model   *em = build_model(&tr, bits, e, tc.ntoks);

			fprintf(stderr, ", dev F1 %.4f", evaluate(em, &dc[0], false));
			ws_model_free(em);
		}
		fputc('\n', stderr);
	}
	m = build_model(&tr, bits, epochs, tc.ntoks);
	for (int i = 0; i < ndevs; i++)
	{
		fprintf(stderr, "dev %s (engine tokens, exact span + type):\n", devs[i]);
		evaluate(m, &dc[i], true);
	}
	if (!write_model(m, out))
		return 1;
	fprintf(stderr, "wrote %s (%zu bytes)\n", out, m->map_len);
	ws_model_free(m);
	return 0;
}
