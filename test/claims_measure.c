/*
 * claims_measure.c — claim similarity of labelled pairs for every shingle
 * size, on the engine itself (no server), for choosing k and the default
 * of whosaid.claim_threshold (test/claims_devset.sh).
 *
 *   build/claims_measure < pairs.tsv > sims.tsv
 *
 * In: key_a, key_b, label, how, text_a, text_b (tab-separated, one pair a
 * line). Out: key_a, key_b, label, how, then the similarity for k = 1..6.
 */
#include "claimvec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (4 << 20)

int
main(void)
{
	char	   *line = malloc(MAX_LINE);

	if (line == NULL)
		return 1;
	while (fgets(line, MAX_LINE, stdin))
	{
		char	   *f[6];
		int			n = 0;
		char	   *p = line;

		line[strcspn(line, "\n")] = '\0';
		while (n < 6)
		{
			f[n++] = p;
			p = strchr(p, '\t');
			if (p == NULL)
				break;
			*p++ = '\0';
		}
		if (n < 6)
		{
			fprintf(stderr, "claims_measure: a line with %d fields, 6 expected\n", n);
			return 1;
		}
		printf("%s\t%s\t%s\t%s", f[0], f[1], f[2], f[3]);
		for (int k = 1; k <= 6; k++)
		{
			ws_arena   *a = ws_arena_new();
			char		err[160];
			ws_cv	   *x = ws_cv_build(a, f[4], (int32_t) strlen(f[4]), k, err);
			ws_cv	   *y = ws_cv_build(a, f[5], (int32_t) strlen(f[5]), k, err);

			if (x == NULL || y == NULL)
			{
				fprintf(stderr, "claims_measure: %s\n", err);
				return 1;
			}
			printf("\t%.4f", ws_cv_similarity(x, y));
			ws_arena_free(a);
		}
		putchar('\n');
	}
	free(line);
	return 0;
}
