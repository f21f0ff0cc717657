/*
 * word_lists.c — for test/cli/word_lists.sh: does ws_tok_in, a bit test on the word the
 * tokenizer stamped on a token (lexicon.h), say what ws_tok_is over the list's words says?
 * Linked with the CLI's engine objects.
 *
 *   word_lists lists      every list's words, "list<TAB>word" lines
 *   word_lists check      the texts on stdin, one per line (\n inside a text is written \\n):
 *                         for every token and every list, ws_tok_in against ws_tok_is over
 *                         the words; then every word of every list, in its own case, upper
 *                         case and with a capital, after "The " (and "Smith" for a clitic),
 *                         must be on its list when it is one token; and near misses (a
 *                         letter more or less, ’ for ' and back, ſ for s, K for K, both
 *                         folding to ASCII) go through the first check too
 *
 * Prints a line per disagreement (at most 20) and a summary; exits 1 on any disagreement.
 */
#include "lexicon.h"
#include "ws.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long checked,
			wrong,
			found,
			not_token;

static bool
slow_in(const ws_doc *d, int32_t i, const ws_qw_list *l)
{
	for (int k = 0; l->words[k]; k++)
		if (ws_tok_is(d, i, ws_qw_words[l->words[k]]))
			return true;
	return false;
}

/* Every token of text against every list; returns the doc. */
static ws_doc *
check_text(ws_arena *a, const char *text, int32_t len)
{
	ws_doc	   *d = ws_doc_new(a, text, len);

	for (int32_t i = 0; i < d->ntoks; i++)
		for (int l = 0; ws_qw_lists[l]; l++)
		{
			bool		fast = ws_tok_in(d, i, ws_qw_lists[l]),
						slow = slow_in(d, i, ws_qw_lists[l]);

			checked++;
			if (fast != slow && ++wrong <= 20)
				printf("WRONG token \"%.*s\" (word %u) in \"%.60s\": ws_tok_in(%s) %d, its words %d\n",
					   WS_TOK_LEN(d, i), WS_TOK_PTR(d, i), d->toks[i].word, text,
					   ws_qw_lists[l]->name, fast, slow);
		}
	return d;
}

/* s with the bytes from..from+n replaced by with */
static char *
replaced(const char *s, size_t from, size_t n, const char *with)
{
	size_t		len = strlen(s),
				wl = strlen(with);
	char	   *r = malloc(len - n + wl + 1);

	memcpy(r, s, from);
	memcpy(r + from, with, wl);
	memcpy(r + from + wl, s + from + n, len - from - n + 1);
	return r;
}

/* Word w of list l, in context, in three cases: one token, on its list. */
static void
check_word(const ws_qw_list *l, const char *w)
{
	static const char *const before[] = {"The ", "Smith"};
	bool		token = false;

	for (int c = 0; c < 3; c++)
	{
		char	   *v = strdup(w);

		for (char *p = v; *p; p++)
			if (c == 1 || (c == 2 && p == v))
				*p = (char) toupper((unsigned char) *p);
		for (size_t b = 0; b < sizeof(before) / sizeof(before[0]); b++)
		{
			char		text[300];
			int			len = snprintf(text, sizeof(text), "%s%s said.", before[b], v);
			int32_t		at = (int32_t) strlen(before[b]);
			ws_arena   *a = ws_arena_new();
			ws_doc	   *d = check_text(a, text, len);

			for (int32_t i = 0; i < d->ntoks; i++)
				if (d->toks[i].b == at && WS_TOK_LEN(d, i) == (int32_t) strlen(v))
				{
					token = true;
					if (!ws_tok_in(d, i, l) && ++wrong <= 20)
						printf("MISSING \"%s\" of %s, in \"%s\": not on its list\n", v, l->name, text);
					found++;
				}
			ws_arena_free(a);
		}
		free(v);
	}
	if (!token)
		not_token++;
}

/* Texts that fold like w but are other bytes, or are w changed by a letter. */
static void
check_near_misses(const char *w)
{
	static const char *const swaps[][2] = {
		{"'", "\xe2\x80\x99"}, {"\xe2\x80\x99", "'"}, {"s", "\xc5\xbf"}, {"k", "\xe2\x84\xaa"},
	};
	size_t		len = strlen(w);
	char	   *v[4 + 3];
	int			nv = 0;

	for (size_t s = 0; s < sizeof(swaps) / sizeof(swaps[0]); s++)
	{
		const char *p = strstr(w, swaps[s][0]);

		if (p)
			v[nv++] = replaced(w, (size_t) (p - w), strlen(swaps[s][0]), swaps[s][1]);
	}
	v[nv++] = replaced(w, len, 0, "x");
	v[nv++] = replaced(w, 0, 0, "x");
	if (len > 1)
		v[nv++] = replaced(w, len - 1, 1, "");
	for (int k = 0; k < nv; k++)
	{
		char		text[300];
		int			n = snprintf(text, sizeof(text), "The %s said.", v[k]);
		ws_arena   *a = ws_arena_new();

		check_text(a, text, n);
		ws_arena_free(a);
		free(v[k]);
	}
}

int
main(int argc, char **argv)
{
	static char line[1 << 20];

	if (argc == 2 && strcmp(argv[1], "lists") == 0)
	{
		for (int l = 0; ws_qw_lists[l]; l++)
			for (int k = 0; ws_qw_lists[l]->words[k]; k++)
				printf("%s\t%s\n", ws_qw_lists[l]->name, ws_qw_words[ws_qw_lists[l]->words[k]]);
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "check") != 0)
	{
		fprintf(stderr, "usage: word_lists lists|check\n");
		return 2;
	}
	for (int l = 0; ws_qw_lists[l]; l++)
		if (ws_qw_lists[l]->id != l && ++wrong <= 20)
			printf("WRONG list %s: id %u at index %d\n", ws_qw_lists[l]->name, ws_qw_lists[l]->id, l);
	while (fgets(line, sizeof(line), stdin))
	{
		char	   *o = line;
		ws_arena   *a = ws_arena_new();

		for (char *p = line; *p && *p != '\n'; p++)
			if (p[0] == '\\' && p[1] == 'n')
				*o++ = '\n', p++;
			else
				*o++ = *p;
		check_text(a, line, (int32_t) (o - line));
		ws_arena_free(a);
	}
	for (int l = 0; ws_qw_lists[l]; l++)
		for (int k = 0; ws_qw_lists[l]->words[k]; k++)
		{
			check_word(ws_qw_lists[l], ws_qw_words[ws_qw_lists[l]->words[k]]);
			check_near_misses(ws_qw_words[ws_qw_lists[l]->words[k]]);
		}
	printf("%ld token-list pairs checked, %ld list words found as tokens, %ld words never one token, %ld wrong\n",
		   checked, found, not_token, wrong);
	return wrong ? 1 : 0;
}
