/*
 * tokenizer.c — UTF-8 text to tokens, sentences and paragraphs.
 *
 * Words come from ICU's UAX #29 word break iterator run directly over the
 * UTF-8 bytes (utext_openUTF8), which keeps don't / O'Neill / Parker's whole
 * and leaves a quotation mark standing alone. On top of that we join what
 * news text needs joined (U.S., Mr., co-operation), split the possessive
 * clitic ('s) off names, classify quotation marks, and cut sentences with
 * rules that know abbreviations and quotation marks.
 */
#include "lexicon.h"
#include "ws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#define INTERRUPT_EVERY 4096

/* One break iterator per process, re-pointed at each text. */
static UBreakIterator *word_breaker;

#ifndef WS_GEN_TABLES
/*
 * ICU's word break rules for "en", compiled: what ubrk_getBinaryRules gives at
 * build time (tools/gen_tables.c), from the ICU this build links. Opening the
 * iterator from them skips loading ICU's data and looking up the locale's
 * resources, most of the ~1.5 ms ubrk_open took in a new backend; the rules
 * and so the breaks are the same.
 */
#include "word_rules_table.inc"	/* word_rules */
#endif

/* The word break iterator; ICU failing to open it is an error (ws_error), tried again next time. */
static UBreakIterator *
get_breaker(void)
{
	if (word_breaker == NULL)
	{
		UErrorCode	status = U_ZERO_ERROR;
#ifndef WS_GEN_TABLES
		UBreakIterator *bi = ubrk_openBinaryRules(word_rules.bytes, (int32_t) sizeof(word_rules.bytes),
												  NULL, 0, &status);
#else
		UBreakIterator *bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &status);
#endif

		if (ws_test_fault == WS_FAULT_BREAK_ITERATOR && U_SUCCESS(status))
			status = U_MISSING_RESOURCE_ERROR;
		if (U_FAILURE(status))
		{
			if (bi != NULL)
				ubrk_close(bi);
			ws_error(WS_ERROR_ICU, "could not open ICU's word break iterator: %s", u_errorName(status));
		}
		word_breaker = bi;
	}
	return word_breaker;
}

typedef struct tok_builder
{
	ws_doc	   *doc;
	int32_t		cap;
	int32_t		cp_pos_b;		/* byte offset whose code-point offset is known */
	int32_t		cp_pos_c;
} tok_builder;

/* Code-point offset of byte offset b (b only moves forward, mostly). */
static int32_t
cp_offset(tok_builder *tb, int32_t b)
{
	const char *s = tb->doc->text;
	int32_t		i,
				n;				/* counted in a local: s could alias tb */

	if (b < tb->cp_pos_b)
	{
		tb->cp_pos_b = 0;
		tb->cp_pos_c = 0;
	}
	/* step as ICU does: an ill-formed sequence is one code point (U+FFFD) */
	i = tb->cp_pos_b;
	n = tb->cp_pos_c;
	while (i < b)
	{
		UChar32		c;

		if ((unsigned char) s[i] < 0x80)
			i++;
		else
			U8_NEXT(s, i, b, c);
		n++;
	}
	tb->cp_pos_b = b;
	tb->cp_pos_c = n;
	return n;
}

static ws_tok *
push_tok(tok_builder *tb, int32_t b, int32_t e)
{
	ws_doc	   *d = tb->doc;
	ws_tok	   *t;

	if (d->ntoks == tb->cap)
		d->toks = ws_arena_grow(d->arena, d->toks, d->ntoks, &tb->cap, d->ntoks + 1, sizeof(ws_tok));
	t = &d->toks[d->ntoks++];
	memset(t, 0, sizeof(*t));
	t->b = b;
	t->e = e;
	t->cb = cp_offset(tb, b);
	t->ce = cp_offset(tb, e);
	return t;
}

/* White space, and control characters (NUL among them), which are not words either. */
static bool
is_space_cp(UChar32 c)
{
	/* ASCII white space is all tested before ICU is asked */
	return c == ' ' || c == 0xA0 || c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
		(c >= 0x80 && u_isUWhiteSpace(c));
}

/*
 * ICU's u_isalpha, u_isupper || u_istitle and u_isdigit, answered here for
 * ASCII (with the same answers: ASCII has no title case): most characters of
 * a text are ASCII, and a call into ICU per character was 5 % of the CLI's
 * instructions.
 */
static inline bool
is_letter_cp(UChar32 c)
{
	return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : u_isalpha(c);
}

static inline bool
is_capital_cp(UChar32 c)
{
	return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c) || u_istitle(c);
}

static inline bool
is_digit_cp(UChar32 c)
{
	return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c);
}

static bool
is_newline_cp(UChar32 c)
{
	return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
}

static uint8_t
quote_class(UChar32 c)
{
	switch (c)
	{
		case 0x201C:			/* “ */
		case 0x201E:			/* „ */
		case 0x00AB:			/* « */
		case 0x201F:
			return WS_Q_DOUBLE_OPEN;
		case 0x201D:			/* ” */
		case 0x00BB:			/* » */
			return WS_Q_DOUBLE_CLOSE;
		case '"':
		case 0xFF02:
			return WS_Q_DOUBLE_STRAIGHT;
		case 0x2018:			/* ‘ */
		case 0x201A:			/* ‚ */
		case 0x201B:
			return WS_Q_SINGLE_OPEN;
		case 0x2019:			/* ’ */
			return WS_Q_SINGLE_CLOSE;
		case '\'':
			return WS_Q_SINGLE_STRAIGHT;
		default:
			return WS_Q_NONE;
	}
}

static bool
is_dash_cp(UChar32 c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/*
 * Set the hash and the rules' word of token t from its text, and its lexicon
 * classes when it is a word and classes is set.
 */
static void
look_up(const ws_doc *d, ws_tok *t, bool classes)
{
	const char *s = d->text + t->b;
	int32_t		len = t->e - t->b;
	char		buf[256];
	int32_t		n = ws_fold(s, len, buf, sizeof(buf));
	uint16_t	lex = 0;

	t->hash = ws_hash_bytes(buf, n);
	t->word = 0;
	if (n < (int32_t) sizeof(buf))
		lex = ws_lex_classes_folded(buf, n, t->hash, s, len, &t->word);
	if (classes && (t->flags & WS_T_WORD) && n < (int32_t) sizeof(buf))
		t->lex = lex;
}

/* Fill flags, hash, rules' word and lexicon classes of a token from its text. */
static void
classify(ws_doc *d, ws_tok *t)
{
	const char *s = d->text + t->b;
	int32_t		len = t->e - t->b;
	int32_t		i = 0;
	UChar32		c;
	int			letters = 0,
				uppers = 0;

	U8_NEXT(s, i, len, c);
	if (c < 0)
		c = 0xFFFD;
	if (len == i && quote_class(c) != WS_Q_NONE)
	{
		t->flags |= WS_T_QUOTE | WS_T_PUNCT;
		t->quote = quote_class(c);
	}
	else if (len == i && is_dash_cp(c))
		t->flags |= WS_T_DASH | WS_T_PUNCT;
	else if (is_digit_cp(c))
		t->flags |= WS_T_WORD | WS_T_NUM;
	else if (is_letter_cp(c) || c == '\'' || c == 0x2019)
		t->flags |= WS_T_WORD;
	else
		t->flags |= WS_T_PUNCT;

	if (t->flags & WS_T_WORD)
	{
		int32_t		j = 0;

		while (j < len)
		{
			UChar32		k;

			U8_NEXT(s, j, len, k);
			if (k < 0)
				continue;
			if (is_letter_cp(k))
			{
				letters++;
				if (is_capital_cp(k))
				{
					if (letters == 1)
						t->flags |= WS_T_CAP;
					uppers++;
				}
			}
		}
		if (letters >= 2 && uppers == letters)
			t->flags |= WS_T_ALLCAPS;
	}

	look_up(d, t, true);
}

#ifdef WS_GEN_TABLES
void
ws_word_rules_write(FILE *out)
{
	UErrorCode	status = U_ZERO_ERROR;
	UBreakIterator *bi = get_breaker();
	int32_t		n = ubrk_getBinaryRules(bi, NULL, 0, &status);
	uint8_t    *rules;

	if (U_FAILURE(status) || n <= 0 || (rules = malloc((size_t) n)) == NULL)
		ws_error(WS_ERROR_ICU, "could not get ICU's word break rules: %s", u_errorName(status));
	ubrk_getBinaryRules(bi, rules, n, &status);
	if (U_FAILURE(status))
		ws_error(WS_ERROR_ICU, "could not get ICU's word break rules: %s", u_errorName(status));
	fprintf(out, "/* word_rules_table.inc — generated at build time by tools/gen_tables.c; do not edit. */\n");
	fprintf(out, "/* ICU %s word break rules for \"en\" (ubrk_getBinaryRules), aligned for RBBIDataHeader */\n",
			U_ICU_VERSION);
	fprintf(out, "static const union\n{\n\tuint64_t\talign;\n\tuint8_t\t\tbytes[%d];\n}\t\t\tword_rules = {.bytes = {", n);
	for (int32_t i = 0; i < n; i++)
		fprintf(out, "%s%u,", i % 16 == 0 ? "\n\t" : " ", rules[i]);
	fprintf(out, "\n}};\n");
	free(rules);
}
#endif

/* Is the folded word buf one of list's words, byte for byte? */
static bool
folded_in(const char *buf, const ws_qw_list *list)
{
	for (int i = 0; list->words[i]; i++)
	{
		const char *w = ws_qw_words[list->words[i]];

		if (w[0] == buf[0] && strcmp(w, buf) == 0)
			return true;
	}
	return false;
}

/* Titles after which a period never ends a sentence (data/lexicons: title_abbreviations). */
static bool
is_title_abbrev(const char *s, int32_t len)
{
	char		buf[16];
	int32_t		n;

	if (len >= (int32_t) sizeof(buf))
		return false;
	n = ws_fold(s, len, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	return folded_in(buf, ws_qw_title_abbreviations);
}

/* Does a word followed directly by "." form one token (Mr., U.S., J.)? */
static bool
takes_period(const char *s, int32_t len)
{
	char		buf[16];
	int32_t		n;

	if (memchr(s, '.', len) != NULL)
	{
		const char *last = s + len;

		while (last[-1] != '.')
			last--;
		return s + len - last < 2;	/* U.S, e.g, but not Mic.com */
	}
	if (len == 1 && s[0] >= 'A' && s[0] <= 'Z')
		return true;			/* an initial */
	if (len >= (int32_t) sizeof(buf))
		return false;
	n = ws_fold(s, len, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	return folded_in(buf, ws_qw_abbreviations);	/* data/lexicons: abbreviations */
}

/* Split a trailing 's / ’s off a word; returns the byte length kept. */
static int32_t
possessive_split(const char *s, int32_t len)
{
	if (len > 3 && (s[len - 1] == 's' || s[len - 1] == 'S'))
	{
		if (s[len - 2] == '\'')
			return len - 2;
		if (len > 5 && (unsigned char) s[len - 4] == 0xE2 &&
			(unsigned char) s[len - 3] == 0x80 && (unsigned char) s[len - 2] == 0x99)
			return len - 4;
	}
	return len;
}

/* Offset of the period in "concern.Parker" within [b, e), or 0. */
static int32_t
glued_sentence_dot(const char *s, int32_t b, int32_t e)
{
	for (int32_t i = b + 3; i + 2 < e; i++)
		if (s[i] == '.' && s[i - 1] >= 'a' && s[i - 1] <= 'z' &&
			s[i - 2] >= 'a' && s[i - 2] <= 'z' && s[i - 3] >= 'a' && s[i - 3] <= 'z' &&
			s[i + 1] >= 'A' && s[i + 1] <= 'Z' && s[i + 2] >= 'a' && s[i + 2] <= 'z')
			return i;
	return 0;
}

static bool
is_terminal(const ws_doc *d, const ws_tok *t)
{
	const char *s = d->text + t->b;
	int32_t		len = t->e - t->b;

	if (!(t->flags & WS_T_PUNCT))
		return false;
	if (len == 1)
		return s[0] == '.' || s[0] == '!' || s[0] == '?';
	return len == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0;	/* … */
}

static bool
is_closer(const ws_doc *d, const ws_tok *t)
{
	const char *s = d->text + t->b;

	if (t->quote == WS_Q_DOUBLE_CLOSE || t->quote == WS_Q_SINGLE_CLOSE ||
		t->quote == WS_Q_DOUBLE_STRAIGHT || t->quote == WS_Q_SINGLE_STRAIGHT)
		return true;
	return t->e - t->b == 1 && (s[0] == ')' || s[0] == ']');
}

/* A mark that may open a quotation */
static bool
is_opener(const ws_tok *t)
{
	return t->quote == WS_Q_DOUBLE_OPEN || t->quote == WS_Q_SINGLE_OPEN ||
		t->quote == WS_Q_DOUBLE_STRAIGHT || t->quote == WS_Q_SINGLE_STRAIGHT;
}

/* Sentence boundaries: paragraph starts, and terminal punctuation (plus any
 * closing quotes or brackets) before a token that can start a sentence. */
static void
split_sentences(ws_doc *d)
{
	int32_t		sent = 0;

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		ws_tok	   *t = &d->toks[i];

		if (i == 0 || (t->flags & WS_T_PARA_START))
		{
			if (i > 0)
				sent++;
			t->flags |= WS_T_SENT_START;
		}
		t->sent = sent;
		if (is_terminal(d, t) || (t->flags & WS_T_ABBREV))
		{
			int32_t		j = i + 1;
			ws_tok	   *nx;

			while (j < d->ntoks && is_closer(d, &d->toks[j]) &&
				   !(d->toks[j].flags & WS_T_SPACE_BEFORE))
				j++;
			if (j >= d->ntoks)
				continue;
			nx = &d->toks[j];
			if (nx->flags & WS_T_PARA_START)
				continue;		/* handled at the top */
			if (!(nx->flags & WS_T_SPACE_BEFORE) &&
				!(i > 0 && j == i + 1 && (nx->flags & WS_T_CAP) &&
				  glued_sentence_dot(d->text, d->toks[i - 1].b, nx->e) == t->b))
				continue;
			if (t->flags & WS_T_ABBREV)
			{
				/* "Mr. Parker", "J. Smith": never; "the U.S. The": yes */
				if (is_title_abbrev(d->text + t->b, t->e - t->b - 1) ||
					t->e - t->b == 2)
					continue;
				/*
				 * a party tag ("D-N.M.") is an apposition that a comma closes
				 * inside a sentence, so before a capitalised word its period
				 * ends one ("said Sen. Carla Mendez, D-N.M. Republicans said …")
				 */
				if (!((nx->flags & WS_T_CAP) &&
					  ((nx->lex & WS_LEX_FUNCTION) ||
					   (ws_party_tag(d->text + t->b, t->e - t->b) && d->text[t->e - 1] == '.'))) &&
					!(is_opener(nx) && j + 1 < d->ntoks && (d->toks[j + 1].flags & WS_T_CAP)))
					continue;
			}
			else if (!((nx->flags & (WS_T_CAP | WS_T_NUM)) || is_opener(nx)))
				continue;
			/* tokens up to j-1 belong to this sentence */
			for (int32_t k = i + 1; k < j; k++)
				d->toks[k].sent = sent;
			i = j - 1;
			sent++;
			nx->flags |= WS_T_SENT_START;
		}
	}
	d->nsents = d->ntoks ? sent + 1 : 0;
}

ws_span
ws_tok_span(const ws_doc *d, int32_t from, int32_t to)
{
	ws_span		s;

	if (from < 0 || to <= from || to > d->ntoks)
		return WS_NO_SPAN;
	s.b = d->toks[from].b;
	s.cb = d->toks[from].cb;
	s.e = d->toks[to - 1].e;
	s.ce = d->toks[to - 1].ce;
	return s;
}

const char *
ws_span_text(const ws_doc *d, ws_span s, bool squeeze)
{
	char	   *out;
	int32_t		o = 0;
	bool		sp = false;

	if (!WS_SPAN_PRESENT(s))
		return NULL;
	if (!squeeze)
		return ws_arena_strndup(d->arena, d->text + s.b, (size_t) (s.e - s.b));
	out = ws_arena_alloc(d->arena, (size_t) (s.e - s.b) + 1);
	for (int32_t i = s.b; i < s.e; i++)
	{
		char		c = d->text[i];

		if ((unsigned char) c <= ' ' || c == 0x7F)
		{
			sp = true;
			continue;
		}
		if (sp && o > 0)
			out[o++] = ' ';
		sp = false;
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

/*
 * A white-space segment [prev, cur) of the break iterator: true, with its
 * line breaks and the space noted in *pending (the next token's flags) and on
 * the token before. False for any other segment.
 */
static bool
note_space(tok_builder *tb, int32_t prev, int32_t cur, uint32_t *pending)
{
	ws_doc	   *d = tb->doc;
	int32_t		i = prev;
	UChar32		c;

	U8_NEXT(d->text, i, d->len, c);
	if (c < 0 || !is_space_cp(c))
		return false;
	for (int32_t j = prev; j < cur;)
	{
		U8_NEXT(d->text, j, cur, c);
		if (c >= 0 && is_newline_cp(c))
			*pending |= WS_T_PARA_START;
	}
	*pending |= WS_T_SPACE_BEFORE;
	if (d->ntoks)
		d->toks[d->ntoks - 1].flags |= WS_T_SPACE_AFTER;
	return true;
}

/* join "U.S" + "." and "Mr" + "." */
static bool
join_abbreviation_period(tok_builder *tb, int32_t prev, int32_t cur)
{
	ws_doc	   *d = tb->doc;
	ws_tok	   *p = &d->toks[d->ntoks - 1];

	if (cur - prev != 1 || d->text[prev] != '.' || d->ntoks == 0 ||
		!(p->flags & WS_T_WORD) || (p->flags & WS_T_ABBREV) || (p->flags & WS_T_POSSESSIVE) ||
		!takes_period(d->text + p->b, p->e - p->b))
		return false;
	p->e = cur;
	p->ce = cp_offset(tb, cur);
	p->flags |= WS_T_ABBREV;
	look_up(d, p, false);		/* "Mr" keeps its classes */
	return true;
}

/* join word-word across a hyphen with no spaces: co-operation */
static bool
join_hyphenated(tok_builder *tb, int32_t cur)
{
	ws_doc	   *d = tb->doc;
	ws_tok	   *h = &d->toks[d->ntoks - 1];
	ws_tok	   *w = &d->toks[d->ntoks - 2];
	uint32_t	keep;

	if (!(h->flags & WS_T_DASH) || h->e - h->b != 1 ||
		(h->flags & WS_T_SPACE_BEFORE) || !(w->flags & WS_T_WORD) || (w->flags & WS_T_POSSESSIVE))
		return false;
	keep = w->flags & (WS_T_SPACE_BEFORE | WS_T_PARA_START);
	d->ntoks--;
	w->e = cur;
	w->ce = cp_offset(tb, cur);
	w->flags = keep;
	classify(d, w);
	w->flags |= keep;
	return true;
}

/* MI5’s: UAX #29 splits a clitic after a digit; rejoin it as 's */
static bool
join_digit_clitic(tok_builder *tb, int32_t prev, int32_t cur)
{
	ws_doc	   *d = tb->doc;
	ws_tok	   *q = &d->toks[d->ntoks - 1];

	if (cur - prev != 1 || (d->text[prev] != 's' && d->text[prev] != 'S') ||
		(cur < d->len && u_isalnum((UChar32) (unsigned char) d->text[cur])) ||
		(q->quote != WS_Q_SINGLE_CLOSE && q->quote != WS_Q_SINGLE_STRAIGHT) ||
		(q->flags & WS_T_SPACE_BEFORE) || !(d->toks[d->ntoks - 2].flags & WS_T_WORD))
		return false;
	q->e = cur;
	q->ce = cp_offset(tb, cur);
	q->flags = WS_T_WORD | WS_T_POSSESSIVE;
	q->quote = WS_Q_NONE;
	look_up(d, q, false);
	return true;
}

/*
 * Push the word [prev, cur) with flags pending in paragraph para: split off
 * its possessive clitic, and a sentence glued on by a period ("concern.Parker":
 * scraped text glues sentences, UAX #29 reads one word; split after a
 * lower-case word at a period before a capital).
 */
static void
push_word(tok_builder *tb, int32_t prev, int32_t cur, uint32_t pending, int32_t *para, bool letters)
{
	ws_doc	   *d = tb->doc;
	ws_tok	   *t;
	int32_t		keep;

	if (letters)
	{
		int32_t		dot = glued_sentence_dot(d->text, prev, cur);

		if (dot > 0)
		{
			if ((pending & WS_T_PARA_START) && d->ntoks > 0)
				(*para)++;
			t = push_tok(tb, prev, dot);
			t->flags = pending;
			t->para = *para;
			classify(d, t);
			t = push_tok(tb, dot, dot + 1);
			t->para = *para;
			classify(d, t);
			pending = 0;
			prev = dot + 1;
		}
	}
	keep = letters ? possessive_split(d->text + prev, cur - prev) : cur - prev;
	if ((pending & WS_T_PARA_START) && d->ntoks > 0)
		(*para)++;
	t = push_tok(tb, prev, prev + keep);
	t->flags = pending;
	t->para = *para;
	classify(d, t);
	if (keep < cur - prev)
	{
		t = push_tok(tb, prev + keep, cur);
		t->para = *para;
		classify(d, t);
		t->flags &= ~(WS_T_CAP | WS_T_ALLCAPS);
		t->flags |= WS_T_POSSESSIVE;
		t->lex = 0;
	}
}

ws_doc *
ws_doc_new(ws_arena *arena, const char *text, int32_t len)
{
	ws_doc	   *d = ws_arena_alloc(arena, sizeof(ws_doc));
	tok_builder tb = {d, 0, 0, 0};
	UBreakIterator *bi = get_breaker();
	UText		ut = UTEXT_INITIALIZER;
	UErrorCode	status = U_ZERO_ERROR;
	uint32_t	pending = WS_T_PARA_START;	/* flags for the next token */
	int32_t		para = 0;
	int32_t		prev,
				cur;

	d->text = text;
	d->len = len;
	d->arena = arena;
	if (len <= 0)
		return d;
	/* news has about one token per 5 bytes: one array at once, not a series of doublings */
	d->toks = ws_arena_grow(arena, NULL, 0, &tb.cap, len / 5 + 16, sizeof(ws_tok));

	utext_openUTF8(&ut, text, len, &status);
	if (U_SUCCESS(status))
		ubrk_setUText(bi, &ut, &status);
	if (U_FAILURE(status))
	{
		utext_close(&ut);
		ws_error(WS_ERROR_ICU, "could not set ICU's word break iterator on the text: %s", u_errorName(status));
	}

	for (prev = ubrk_first(bi), cur = ubrk_next(bi); cur != UBRK_DONE;
		 prev = cur, cur = ubrk_next(bi))
	{
		if (cur <= prev || cur > len)
			break;
		if (note_space(&tb, prev, cur, &pending))
			continue;
		if (d->ntoks % INTERRUPT_EVERY == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		if (!pending &&
			((d->ntoks > 0 && join_abbreviation_period(&tb, prev, cur)) ||
			 (d->ntoks >= 2 && ubrk_getRuleStatus(bi) >= UBRK_WORD_NUMBER && join_hyphenated(&tb, cur)) ||
			 (d->ntoks >= 2 && join_digit_clitic(&tb, prev, cur))))
			continue;
		push_word(&tb, prev, cur, pending, &para, ubrk_getRuleStatus(bi) >= UBRK_WORD_LETTER);
		pending = 0;
	}
	if (d->ntoks)
		d->toks[d->ntoks - 1].flags |= WS_T_SPACE_AFTER;
	utext_close(&ut);
	d->nchars = cp_offset(&tb, len);
	split_sentences(d);
	return d;
}
