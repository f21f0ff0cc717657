/*
 * gazetteer.c — phrase lists (organisations, countries, capitals, US
 * cities, nationalities) matched over a document's tokens.
 *
 * Each list entry is tokenized with the engine's own tokenizer and stored as
 * the hash of its token-hash sequence, so a phrase matches exactly when the
 * text tokenizes the same way ("Bank of England", "U.S. Steel"). The table is
 * computed at build time: tools/gen_tables.c, linked with this file compiled
 * with WS_GEN_TABLES, tokenizes the phrases (with the ICU the library links)
 * and writes gazetteer_table.inc, which every other build compiles in as
 * read-only data; a new process builds nothing.
 */
#include "lexicon.h"
#include "ner.h"

#include <stdlib.h>
#include <string.h>

#define GAZ_MAXLEN 8

typedef struct gaz_entry
{
	uint64_t	key;			/* 0 = empty */
	uint8_t		classes;
} gaz_entry;

typedef struct gaz_table
{
	const gaz_entry *slots;
	uint32_t	mask;
	int32_t		maxlen;
} gaz_table;

static inline uint64_t
seq_step(uint64_t h, uint32_t tokhash)
{
	h ^= tokhash;
	h *= 0x100000001b3ull;
	h ^= h >> 29;
	return h | 1;				/* never 0 */
}

static inline uint8_t
gaz_get(const gaz_table *t, uint64_t key)
{
	for (uint32_t s = (uint32_t) (key ^ (key >> 32)) & t->mask; t->slots[s].key; s = (s + 1) & t->mask)
		if (t->slots[s].key == key)
			return t->slots[s].classes;
	return 0;
}

#ifndef WS_GEN_TABLES
#include "gazetteer_table.inc"	/* gaz_slots, GAZ_MASK, GAZ_TABLE_MAXLEN */

static const gaz_table gaz_prebuilt = {gaz_slots, GAZ_MASK, GAZ_TABLE_MAXLEN};

static inline const gaz_table *
gaz_build(void)
{
	return &gaz_prebuilt;
}
#else
/* ---------------------------------------------------------------- build time */

static gaz_table *gaz;
static gaz_entry *gaz_slots;

/*
 * Names news text uses all the time that the compiled-in lists (company
 * registers, country lists) lack: agencies, international bodies, news
 * organisations and platforms, and the short forms of country names.
 */
static const char *const extra_orgs[] = {
	"CIA", "FBI", "NSA", "MI5", "MI6", "GCHQ", "NCSC", "Pentagon", "Kremlin",
	"White House", "Downing Street", "Congress", "Senate", "Parliament",
	"Home Office", "Foreign Office", "State Department", "Justice Department",
	"European Commission", "European Union", "EU", "UN", "United Nations",
	"NATO", "Nato", "WHO", "IMF", "World Bank", "OPEC", "Interpol", "Europol",
	"BBC", "CNN", "Reuters", "AFP", "Associated Press", "Bloomberg",
	"Getty Images", "The Guardian", "Guardian", "The Times", "New York Times",
	"The New York Times", "Washington Post", "The Washington Post",
	"Wall Street Journal", "The Wall Street Journal", "Financial Times",
	"The Telegraph", "Daily Mail", "The Independent", "Sky News", "Fox News",
	"NBC", "ABC", "CBS", "NPR", "Al Jazeera", "Breitbart", "Breitbart News",
	"Twitter", "Facebook", "Google", "YouTube", "Instagram", "WhatsApp",
	"WikiLeaks", "Wikipedia", "Microsoft", "Apple", "Amazon", "Reddit",
	"TikTok", "LinkedIn", "Snapchat", "Uber", "Netflix", "Tesla", "Labour",
	"Conservatives", "Democrats", "Republicans", "Tories",
	NULL
};

static const char *const extra_places[] = {
	"UK", "U.K.", "US", "U.S.", "USA", "U.S.A.", "Britain", "Great Britain",
	"England", "Scotland", "Wales", "Northern Ireland", "America", "Europe",
	"Asia", "Africa", "Middle East", "Silicon Valley", "Washington", "London",
	NULL
};

static void
gaz_insert(gaz_table *t, gaz_entry *slots, uint64_t key, uint8_t classes)
{
	for (uint32_t s = (uint32_t) (key ^ (key >> 32)) & t->mask;; s = (s + 1) & t->mask)
	{
		if (slots[s].key == 0)
		{
			slots[s].key = key;
			slots[s].classes = classes;
			return;
		}
		if (slots[s].key == key)
		{
			slots[s].classes |= classes;
			return;
		}
	}
}

/* One phrase of the gazetteer: its text and its classes. */
typedef struct gaz_phrase
{
	const char *text;
	uint8_t		cls;
} gaz_phrase;

/* Phrases tokenized as one text: its tokens fit in memory malloc reuses. */
#define GAZ_CHUNK 128

/* Adds the key of phrase tokens [b, e) of d when the phrase is short enough. */
static void
gaz_add_tokens(gaz_table *t, const ws_doc *d, int32_t b, int32_t e, uint8_t cls)
{
	uint64_t	h = 0;

	if (e <= b || e - b > GAZ_MAXLEN)
		return;
	for (int32_t i = b; i < e; i++)
		h = seq_step(h, d->toks[i].hash);
	gaz_insert(t, gaz_slots, h, cls);
	if (e - b > t->maxlen)
		t->maxlen = e - b;
}

/*
 * Adds the keys of phrases ph[0..n), tokenized as one text with a phrase per
 * line: each token goes to the phrase whose bytes hold it. A phrase whose
 * tokens would reach past its line is tokenized alone, so the keys are the
 * same as tokenizing every phrase alone.
 */
static void
gaz_add_chunk(gaz_table *t, const gaz_phrase *ph, int32_t n)
{
	ws_arena   *arena = ws_arena_new();
	int32_t    *start = ws_arena_alloc(arena, sizeof(int32_t) * (size_t) (n + 1));
	int32_t		bytes = 0,
				k = 0;
	char	   *text;
	ws_doc	   *d;

	for (int32_t i = 0; i < n; i++)
		bytes += (int32_t) strlen(ph[i].text) + 1;
	text = ws_arena_alloc(arena, (size_t) bytes + 1);
	bytes = 0;
	for (int32_t i = 0; i < n; i++)
	{
		int32_t		len = (int32_t) strlen(ph[i].text);

		start[i] = bytes;
		memcpy(text + bytes, ph[i].text, len);
		bytes += len;
		text[bytes++] = '\n';
	}
	start[n] = bytes;
	d = ws_doc_new(arena, text, bytes);
	for (int32_t i = 0; i < n; i++)
	{
		int32_t		b = k,
					end = start[i + 1] - 1;
		/* a token of the line before reaching into this one */
		bool		alone = k > 0 && d->toks[k - 1].e > start[i];

		while (k < d->ntoks && d->toks[k].b < end)
		{
			alone |= d->toks[k].e > end;
			k++;
		}
		if (alone)
		{
			ws_doc	   *pd = ws_doc_new(arena, ph[i].text, end - start[i]);

			gaz_add_tokens(t, pd, 0, pd->ntoks, ph[i].cls);
		}
		else
			gaz_add_tokens(t, d, b, k, ph[i].cls);
	}
	ws_arena_free(arena);
}

/*
 * Builds the table. Tokenizing each of the ~2,400 phrases as a document of
 * its own cost ~300 ms, most of it zeroing fresh memory for a token array
 * per phrase; tokenized GAZ_CHUNK phrases at a time it takes a few ms (which
 * every new backend paid, until the table was computed at build time).
 */
static const gaz_table *
gaz_build(void)
{
	static const struct
	{
		const char *list;
		uint8_t		cls;
	}			lists[] = {
		{"organizations", WS_GAZ_ORG},
		{"countries", WS_GAZ_COUNTRY},
		{"capitals", WS_GAZ_CAPITAL},
		{"us_cities", WS_GAZ_CITY},
		{"nationalities", WS_GAZ_NATIONALITY},
	};
	gaz_table  *t;
	gaz_phrase *ph;
	int32_t		n = 0,
				total = 0;
	uint32_t	size = 1;
	ws_arena   *arena;

	if (gaz != NULL)
		return gaz;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
	{
		const ws_lex_list *ll = ws_lex_list_named(lists[l].list);

		total += ll ? ll->n : 0;
	}
	for (int pass = 0; pass < 2; pass++)
		for (const char *const *w = pass ? extra_places : extra_orgs; *w; w++)
			total++;
	while (size < (uint32_t) total * 3 + 16)
		size <<= 1;
	t = malloc(sizeof(gaz_table));
	gaz_slots = calloc(size, sizeof(gaz_entry));
	if (t == NULL || gaz_slots == NULL)
		ws_error(WS_ERROR_OUT_OF_MEMORY, "out of memory building the gazetteer");
	t->slots = gaz_slots;
	t->mask = size - 1;
	t->maxlen = 1;
	arena = ws_arena_new();
	ph = ws_arena_alloc(arena, sizeof(gaz_phrase) * (size_t) total);
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
	{
		const ws_lex_list *ll = ws_lex_list_named(lists[l].list);

		for (int32_t i = 0; ll && i < ll->n; i++)
			ph[n++] = (gaz_phrase) {ll->words[i], lists[l].cls};
	}
	for (int pass = 0; pass < 2; pass++)
		for (const char *const *w = pass ? extra_places : extra_orgs; *w; w++)
			ph[n++] = (gaz_phrase) {*w, pass ? WS_GAZ_COUNTRY : WS_GAZ_ORG};
	for (int32_t c = 0; c < n; c += GAZ_CHUNK)
		gaz_add_chunk(t, ph + c, n - c < GAZ_CHUNK ? n - c : GAZ_CHUNK);
	ws_arena_free(arena);
	gaz = t;
	return gaz;
}

void
ws_gaz_table_write(FILE *out)
{
	const gaz_table *t = gaz_build();
	uint32_t	n = 0;

	fprintf(out, "/* gazetteer_table.inc — generated at build time by tools/gen_tables.c; do not edit. */\n");
	fprintf(out, "#define GAZ_MASK %uu\n#define GAZ_TABLE_MAXLEN %d\n\n", t->mask, (int) t->maxlen);
	fprintf(out, "static const gaz_entry gaz_slots[%u] = {\n", t->mask + 1);
	for (uint32_t i = 0; i <= t->mask; i++)
		if (t->slots[i].key != 0)
		{
			fprintf(out, "\t[%u] = {0x%016llxull, 0x%02x},\n", i,
					(unsigned long long) t->slots[i].key, t->slots[i].classes);
			n++;
		}
	fprintf(out, "};\n/* %u phrases */\n", n);
}
#endif							/* WS_GEN_TABLES */

void
ws_gazetteer_mark(const ws_doc *d, uint8_t *begin, uint8_t *inside)
{
	const gaz_table *t = gaz_build();

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		uint64_t	h = 0;
		int32_t		best = 0;
		uint8_t		bestcls = 0;

		if (!(d->toks[i].flags & (WS_T_CAP | WS_T_NUM)))
			continue;
		for (int32_t n = 1; n <= t->maxlen && i + n <= d->ntoks; n++)
		{
			uint8_t		c;

			if (n > 1 && d->toks[i + n - 1].para != d->toks[i].para)
				break;
			h = seq_step(h, d->toks[i + n - 1].hash);
			c = gaz_get(t, h);
			if (c)
			{
				best = n;
				bestcls = c;
			}
		}
		if (best)
		{
			begin[i] |= bestcls;
			for (int32_t k = i + 1; k < i + best; k++)
				inside[k] |= bestcls;
		}
	}
}

uint8_t
ws_gazetteer_lookup(const ws_doc *d, int32_t b, int32_t e)
{
	const gaz_table *t = gaz_build();
	uint64_t	h = 0;

	if (b < 0 || e > d->ntoks || e <= b || e - b > t->maxlen)
		return 0;
	for (int32_t i = b; i < e; i++)
		h = seq_step(h, d->toks[i].hash);
	return gaz_get(t, h);
}
