/*
 * gen_tables.c — build-time generator of the engine's lookup tables.
 *
 *   build/gen_tables lexicon   > src/engine/lexicon_table.inc
 *   build/gen_tables gazetteer > src/engine/gazetteer_table.inc
 *   build/gen_tables word_rules > src/engine/word_rules_table.inc
 *
 * Linked with the engine files that build the tables (lexicon.c, gazetteer.c,
 * the tokenizer; compiled with WS_GEN_TABLES), it runs the engine's own
 * case folding and tokenizer over the compiled-in word lists and prints the
 * finished hash tables as C, and ICU's compiled word break rules, so the
 * library, the CLI and the fuzzers carry them as read-only data instead of
 * building (or looking up) them in every new process. It
 * runs with the ICU the library links (the Makefile builds it with the same
 * flags), so the gazetteer's keys are the ones the tokenizer produces at run
 * time. The output is not committed: every build makes its own.
 */
#include "lexicon.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "lexicon") == 0)
		ws_lex_table_write(stdout);
	else if (argc == 2 && strcmp(argv[1], "gazetteer") == 0)
		ws_gaz_table_write(stdout);
	else if (argc == 2 && strcmp(argv[1], "word_rules") == 0)
		ws_word_rules_write(stdout);
	else
	{
		fprintf(stderr, "usage: gen_tables lexicon|gazetteer|word_rules\n");
		return 2;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
	{
		perror("gen_tables: writing the table");
		return 1;
	}
	return 0;
}
