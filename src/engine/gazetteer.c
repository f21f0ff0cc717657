/*
 * gazetteer.c — phrase lists (organisations, countries, capitals, US
 * cities, nationalities) matched over a document's tokens.
 *
 * Each list entry is tokenized with the engine's own tokenizer once per
 * process and stored as the hash of its token-hash sequence, so a phrase
 * matches exactly when the text tokenizes the same way ("Bank of England",
 * "U.S. Steel"). The table is permanent per-process data (malloc), built
 * privately and published only when complete, so an interrupt during the
 * build leaves no half-built table behind.
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
	gaz_entry  *slots;
	uint32_t	mask;
	int32_t		maxlen;
} gaz_table;

static gaz_table *gaz;

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

static inline uint64_t
seq_step(uint64_t h, uint32_t tokhash)
{
	h ^= tokhash;
	h *= 0x100000001b3ull;
	h ^= h >> 29;
	return h | 1;				/* never 0 */
}

static void
gaz_insert(gaz_table *t, uint64_t key, uint8_t classes)
{
	for (uint32_t s = (uint32_t) (key ^ (key >> 32)) & t->mask;; s = (s + 1) & t->mask)
	{
		if (t->slots[s].key == 0)
		{
			t->slots[s].key = key;
			t->slots[s].classes = classes;
			return;
		}
		if (t->slots[s].key == key)
		{
			t->slots[s].classes |= classes;
			return;
		}
	}
}

static inline uint8_t
gaz_get(const gaz_table *t, uint64_t key)
{
	for (uint32_t s = (uint32_t) (key ^ (key >> 32)) & t->mask; t->slots[s].key; s = (s + 1) & t->mask)
		if (t->slots[s].key == key)
			return t->slots[s].classes;
	return 0;
}

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
	int32_t		total = 0;
	uint32_t	size = 1;
	ws_arena   *arena;

	if (gaz != NULL)
		return gaz;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
	{
		const ws_lex_list *ll = ws_lex_list_named(lists[l].list);

		total += ll ? ll->n : 0;
	}
	while (size < (uint32_t) total * 3 + 16)
		size <<= 1;
	t = malloc(sizeof(gaz_table));
	if (t != NULL)
		t->slots = calloc(size, sizeof(gaz_entry));
	if (t == NULL || t->slots == NULL)
	{
		free(t);
		ws_error(WS_ERROR_OUT_OF_MEMORY, "out of memory building the gazetteer");
	}
	t->mask = size - 1;
	t->maxlen = 1;
	arena = ws_arena_new();
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
	{
		const ws_lex_list *ll = ws_lex_list_named(lists[l].list);

		for (int32_t k = 0; ll && k < ll->n; k++)
		{
			const char *w = ll->words[k];
			ws_doc	   *pd = ws_doc_new(arena, w, (int32_t) strlen(w));
			uint64_t	h = 0;

			if (pd->ntoks == 0 || pd->ntoks > GAZ_MAXLEN)
				continue;
			for (int32_t i = 0; i < pd->ntoks; i++)
				h = seq_step(h, pd->toks[i].hash);
			gaz_insert(t, h, lists[l].cls);
			if (pd->ntoks > t->maxlen)
				t->maxlen = pd->ntoks;
		}
	}
	for (int pass = 0; pass < 2; pass++)
		for (const char *const *w = pass ? extra_places : extra_orgs; *w; w++)
		{
			ws_doc	   *pd = ws_doc_new(arena, *w, (int32_t) strlen(*w));
			uint64_t	h = 0;

			for (int32_t i = 0; i < pd->ntoks; i++)
				h = seq_step(h, pd->toks[i].hash);
			if (pd->ntoks > 0 && pd->ntoks <= GAZ_MAXLEN)
				gaz_insert(t, h, pass ? WS_GAZ_COUNTRY : WS_GAZ_ORG);
		}
	ws_arena_free(arena);
	gaz = t;
	return gaz;
}

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
