/*
 * lexicon.c — the word-class table: every one-word entry of the compiled-in
 * lists, case-folded, in an open-addressing hash.
 *
 * The table is computed at build time: tools/gen_tables.c, linked with this
 * file compiled with WS_GEN_TABLES, builds it with the engine's own folding
 * and writes lexicon_table.inc, which the library, the CLI and the fuzzers
 * compile in as read-only data. A new process thus builds nothing and
 * touches only the pages its words hash to (building it took ~3-5 ms of a
 * backend's first call, docs/performance.md#cold-start).
 */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* A slot: word is the offset of the folded word in lex_words, 0 = empty. */
typedef struct lex_slot
{
	uint32_t	hash;
	uint32_t	word;
	uint16_t	classes;
} lex_slot;

#ifndef WS_GEN_TABLES
#include "lexicon_table.inc"	/* lex_slots, lex_words, LEX_MASK */
#define lex_mask ((uint32_t) LEX_MASK)
#else
static lex_slot *lex_slots;
static char *lex_words;
static uint32_t lex_mask;
static bool table_built;
static void build_table(void);
#endif

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

#ifdef WS_GEN_TABLES
/* ---------------------------------------------------------------- build time */

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

/*
 * The folded words, one allocation for all of them, NUL-terminated, after a
 * leading NUL (offset 0 marks an empty slot). Its size is an upper bound
 * computed before the table is filled.
 */
static size_t pool_used,
			pool_size;

static uint32_t
pool_copy(const char *s, int32_t n)
{
	uint32_t	off = (uint32_t) pool_used;

	if (pool_size - pool_used < (size_t) n + 1)
		ws_error(WS_ERROR_OUT_OF_MEMORY, "word-class table: word pool too small");
	pool_used += (size_t) n + 1;
	memcpy(lex_words + off, s, n);
	lex_words[off + n] = '\0';
	return off;
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
	for (slot = h & lex_mask;; slot = (slot + 1) & lex_mask)
	{
		if (lex_slots[slot].word == 0)
		{
			lex_slots[slot].word = pool_copy(buf, n);
			lex_slots[slot].hash = h;
			lex_slots[slot].classes = classes;
			return;
		}
		if (lex_slots[slot].hash == h && strcmp(lex_words + lex_slots[slot].word, buf) == 0)
		{
			lex_slots[slot].classes |= classes;
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

	lex_mask = size - 1;
	lex_slots = calloc(size, sizeof(lex_slot));
	/* folding can make a word longer (Ⱥ, 2 bytes, folds to ⱥ, 3), never by half */
	pool_size = 1;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
	{
		const ws_lex_list *l = ws_lex_list_named(lists[i].list);

		for (int32_t k = 0; l && k < l->n; k++)
			pool_size += strlen(l->words[k]) * 3 / 2 + 2;
	}
	for (int i = 0; function_words[i]; i++)
		pool_size += strlen(function_words[i]) + 1;
	lex_words = calloc(pool_size, 1);
	if (lex_slots == NULL || lex_words == NULL)
		ws_error(WS_ERROR_OUT_OF_MEMORY, "out of memory building the word-class table");
	pool_used = 1;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		add_list(lists[i].list, lists[i].classes);
	for (int i = 0; function_words[i]; i++)
		add_word(function_words[i], WS_LEX_FUNCTION);
	table_built = true;
}

const ws_lex_list *
ws_lex_list_named(const char *name)
{
	for (const ws_lex_list *l = ws_lex_lists; l->name; l++)
		if (strcmp(l->name, name) == 0)
			return l;
	return NULL;
}

/* Bytes as the body of a C string literal: octal escapes for all but plain ASCII. */
void
ws_gen_c_bytes(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?')
			fputc(c, out);
		else
			fprintf(out, "\\%03o", c);
	}
}

void
ws_lex_table_write(FILE *out)
{
	uint32_t	n = 0;

	if (!table_built)
		build_table();
	fprintf(out, "/* lexicon_table.inc — generated at build time by tools/gen_tables.c; do not edit. */\n");
	fprintf(out, "#define LEX_MASK %uu\n\n", lex_mask);
	fprintf(out, "static const char lex_words[] =\n\t\"\\000\"");
	for (size_t off = 1; off < pool_used; off += strlen(lex_words + off) + 1)
	{
		fprintf(out, "\n\t\"");
		ws_gen_c_bytes(out, lex_words + off, strlen(lex_words + off) + 1);
		fprintf(out, "\"");
	}
	fprintf(out, ";\n\nstatic const lex_slot lex_slots[%u] = {\n", lex_mask + 1);
	for (uint32_t i = 0; i <= lex_mask; i++)
		if (lex_slots[i].word != 0)
		{
			fprintf(out, "\t[%u] = {0x%08xu, %u, 0x%04x},\n", i, lex_slots[i].hash,
					lex_slots[i].word, lex_slots[i].classes);
			n++;
		}
	fprintf(out, "};\n/* %u words */\n", n);
}
#endif							/* WS_GEN_TABLES */

uint16_t
ws_lex_classes_folded(const char *folded, int32_t n, uint32_t h)
{
#ifdef WS_GEN_TABLES
	if (!table_built)
		build_table();
#endif
	if (n <= 0)
		return 0;
	for (uint32_t slot = h & lex_mask; lex_slots[slot].word; slot = (slot + 1) & lex_mask)
		if (lex_slots[slot].hash == h && strncmp(lex_words + lex_slots[slot].word, folded, n) == 0 &&
			lex_words[lex_slots[slot].word + n] == '\0')
			return lex_slots[slot].classes;
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

bool
ws_is_title_word(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (!(t->flags & WS_T_CAP) || !(t->flags & WS_T_WORD))
		return false;
	/* "Sergeant" is a first name on some lists; "Dean Smith" is no title */
	return ws_tok_in(d, i, ws_qw_title_words) ||
		((t->lex & (WS_LEX_HONORIFIC | WS_LEX_ROLE)) && !(t->lex & (WS_LEX_MALE | WS_LEX_FEMALE)));
}

int32_t
ws_name_start(const ws_doc *d, int32_t b, int32_t e)
{
	if (e - b < 2)
		return b;				/* one word, or none left after trimming */
	if (d->toks[e - 1].lex & (WS_LEX_ORGWORD | WS_LEX_ORG))
		return b;				/* "Premier League" */
	for (int32_t i = b; i < e; i++)
		if (ws_tok_is(d, i, "and") || ws_tok_is(d, i, "&") || ws_tok_is(d, i, ","))
			return b;			/* "Victor Ambrose and House Speaker Walter Brisco": two names */
	/*
	 * a first name after a title ("Minister Ann Lee", "Secretary of State Ann
	 * Lee", "Secretary of the Treasury Ann Lee"), or the last two words after a
	 * listed one ("Labour MP Tariq Khan")
	 */
	for (int32_t i = e - 2; i > b; i--)
		if ((ws_is_title_word(d, i - 1) ||
			 (i - 3 >= b && ws_tok_is(d, i - 2, "of") && ws_is_title_word(d, i - 3)) ||
			 (i - 4 >= b && ws_tok_is(d, i - 2, "the") && ws_tok_is(d, i - 3, "of") &&
			  ws_is_title_word(d, i - 4))) &&
			(d->toks[i].flags & WS_T_CAP) && !ws_is_title_word(d, i) &&
			((d->toks[i].lex & (WS_LEX_MALE | WS_LEX_FEMALE)) ||
			 (i == e - 2 && ws_tok_in(d, i - 1, ws_qw_title_words) && !ws_is_title_word(d, e - 1))))
			return i;
	if (ws_is_title_word(d, e - 1))
		return b;				/* "Deputy Prime Minister": a title, no name */
	/* an occupation before one word may be a name's own: "Fisher Scientific", "Butcher Bay" */
	while (b < e - 1 && ws_is_title_word(d, b) && (d->toks[b + 1].flags & WS_T_CAP) &&
		   ((d->toks[b].lex & WS_LEX_HONORIFIC) || ws_tok_in(d, b, ws_qw_title_words) || e - b > 2))
		b++;
	return b;
}
