/*
 * lexicon.c — the word-class table: every one-word entry of the compiled-in
 * lists, case-folded, in an open-addressing hash built once per process.
 * It is permanent, so it lives in malloc'd memory, not in an arena.
 */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

typedef struct lex_entry
{
	uint32_t	hash;
	uint16_t	classes;
	const char *word;			/* folded, NUL-terminated; NULL = empty slot */
} lex_entry;

static lex_entry *table;
static uint32_t table_mask;
static bool table_built;

static const char *const function_words[] = {
	"a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "by",
	"for", "from", "of", "to", "with", "and", "or", "but", "if", "when", "while",
	"as", "after", "before", "since", "because", "although", "though", "so",
	"yet", "it", "its", "his", "her", "their", "our", "my", "your", "we", "i",
	"he", "she", "they", "you", "there", "here", "what", "which", "who", "how",
	"why", "where", "not", "no", "yes", "all", "some", "many", "most", "more",
	"last", "next", "first", "one", "two", "three", "every", "each", "also",
	"however", "meanwhile", "now", "then", "today", "yesterday", "tomorrow",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "mr", "mrs",
	"ms", "dr", "is", "was", "are", "were", "be", "been", "has", "have", "had",
	"will", "would", "can", "could", "should", "do", "does", "did", "asked",
	"read", "follow", "leave", "show", "image", "photo", "speaking", "according",
	NULL
};

int32_t
ws_fold(const char *s, int32_t len, char *buf, int32_t cap)
{
	int32_t		i = 0,
				o = 0;

	while (i < len)
	{
		unsigned char ch = (unsigned char) s[i];

		if (ch < 0x80)
		{
			if (o + 1 > cap)
				break;
			buf[o++] = (char) ((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
			i++;
		}
		else
		{
			UChar32		c;
			UBool		err = false;

			U8_NEXT(s, i, len, c);
			if (c < 0)
				c = 0xFFFD;
			c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
			/* ’ folds to ' so don’t and don't hash alike */
			if (c == 0x2019)
				c = '\'';
			if (o + U8_LENGTH(c) > cap)
				break;
			U8_APPEND((uint8_t *) buf, o, cap, c, err);
			if (err)
				break;
		}
	}
	return o;
}

uint32_t
ws_hash_bytes(const char *s, int32_t len)
{
	uint32_t	h = 2166136261u;

	for (int32_t i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 16777619u;
	}
	return h;
}

uint32_t
ws_hash_fold(const char *s, int32_t len)
{
	char		buf[256];

	return ws_hash_bytes(buf, ws_fold(s, len, buf, sizeof(buf)));
}

/*
 * The folded words, one allocation for all of them (a malloc per word made up
 * a good part of the table's build time in a new backend). Its size is an
 * upper bound computed before the table is filled.
 */
static char *pool;
static size_t pool_used,
			pool_size;

static char *
pool_copy(const char *s, int32_t n)
{
	char	   *copy;

	if (pool == NULL || pool_size - pool_used < (size_t) n + 1)
		return NULL;
	copy = pool + pool_used;
	pool_used += (size_t) n + 1;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/* Frees a table that could not be finished, and says so (ws_error). */
static void
table_failed(void)
{
	free(table);
	table = NULL;
	free(pool);
	pool = NULL;
	pool_used = pool_size = 0;
	ws_error(WS_ERROR_OUT_OF_MEMORY, "out of memory building the word-class table");
}

static void
add_word(const char *w, uint16_t classes)
{
	char		buf[256];
	int32_t		len = (int32_t) strlen(w);
	int32_t		n;
	uint32_t	h,
				slot;

	if (memchr(w, ' ', len) != NULL)
		return;					/* phrases are for the phrase matchers */
	n = ws_fold(w, len, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	h = ws_hash_bytes(buf, n);
	for (slot = h & table_mask;; slot = (slot + 1) & table_mask)
	{
		if (table[slot].word == NULL)
		{
			const char *copy = pool_copy(buf, n);

			if (copy == NULL)
				table_failed();
			table[slot].word = copy;
			table[slot].hash = h;
			table[slot].classes = classes;
			return;
		}
		if (table[slot].hash == h && strcmp(table[slot].word, buf) == 0)
		{
			table[slot].classes |= classes;
			return;
		}
	}
}

static void
add_list(const char *name, uint16_t classes)
{
	const ws_lex_list *l = ws_lex_list_named(name);

	for (int32_t i = 0; l && i < l->n; i++)
		add_word(l->words[i], classes);
}

static void
build_table(void)
{
	static const struct
	{
		const char *list;
		uint16_t	classes;
	}			lists[] = {
		{"speech_verbs", WS_LEX_SPEECH},
		{"whosaid_cue_verbs", WS_LEX_SPEECH},
		{"honorifics", WS_LEX_HONORIFIC},
		{"first_names_male", WS_LEX_MALE},
		{"first_names_female", WS_LEX_FEMALE},
		{"countries", WS_LEX_PLACE},
		{"capitals", WS_LEX_PLACE},
		{"us_cities", WS_LEX_PLACE},
		{"nationalities", WS_LEX_NATIONALITY},
		{"whosaid_org_words", WS_LEX_ORGWORD},
		{"organizations", WS_LEX_ORG},
		{"occupations", WS_LEX_ROLE},
		{"whosaid_role_words", WS_LEX_ROLE},
		{"whosaid_pronouns", WS_LEX_PRONOUN},
	};
	uint32_t	size = 1 << 15;	/* > 2 x the ~13k words */

	table_mask = size - 1;
	table = ws_test_fault == WS_FAULT_LEXICON_ALLOC ? NULL : calloc(size, sizeof(lex_entry));
	if (table == NULL)
		table_failed();
	/* folding can make a word longer (Ⱥ, 2 bytes, folds to ⱥ, 3), never by half */
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
	{
		const ws_lex_list *l = ws_lex_list_named(lists[i].list);

		for (int32_t k = 0; l && k < l->n; k++)
			pool_size += strlen(l->words[k]) * 3 / 2 + 2;
	}
	for (int i = 0; function_words[i]; i++)
		pool_size += strlen(function_words[i]) + 1;
	pool = malloc(pool_size);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		add_list(lists[i].list, lists[i].classes);
	for (int i = 0; function_words[i]; i++)
		add_word(function_words[i], WS_LEX_FUNCTION);
	table_built = true;			/* only once complete: a failure is tried again */
}

const ws_lex_list *
ws_lex_list_named(const char *name)
{
	for (const ws_lex_list *l = ws_lex_lists; l->name; l++)
		if (strcmp(l->name, name) == 0)
			return l;
	return NULL;
}

uint16_t
ws_lex_classes_folded(const char *folded, int32_t n, uint32_t h)
{
	if (!table_built)
		build_table();
	if (n <= 0)
		return 0;
	for (uint32_t slot = h & table_mask; table[slot].word; slot = (slot + 1) & table_mask)
		if (table[slot].hash == h && strncmp(table[slot].word, folded, n) == 0 &&
			table[slot].word[n] == '\0')
			return table[slot].classes;
	return 0;
}

uint16_t
ws_lex_classes(const char *s, int32_t len)
{
	char		buf[256];
	int32_t		n;

	if (len <= 0 || len >= (int32_t) sizeof(buf))
		return 0;
	n = ws_fold(s, len, buf, sizeof(buf) - 1);
	return ws_lex_classes_folded(buf, n, ws_hash_bytes(buf, n));
}

static const char *const male_honorifics[] = {"mr", "mr.", "sir", "lord", NULL};
static const char *const female_honorifics[] = {
	"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", NULL
};

int8_t
ws_name_gender(const ws_doc *d, int32_t honorific, int32_t first)
{
	uint16_t	lex = first >= 0 ? d->toks[first].lex & (WS_LEX_MALE | WS_LEX_FEMALE) : 0;

	if (honorific >= 0 && ws_tok_in(d, honorific, male_honorifics))
		return 1;
	if (honorific >= 0 && ws_tok_in(d, honorific, female_honorifics))
		return 2;
	return lex == WS_LEX_MALE ? 1 : lex == WS_LEX_FEMALE ? 2 : 0;
}

bool
ws_mans_name_for_woman(int8_t mention_gender, int8_t name_gender)
{
	return mention_gender == 2 && name_gender == 1;
}
