/*
 * quote_marks.c — pair quotation marks into quoted stretches.
 *
 * Handles curly and straight double quotes, '' used as a double quote,
 * single quotes used as quotation marks (told apart from apostrophes by
 * their neighbours), nested quotes (ignored inside an open double quote),
 * and a quotation running over paragraphs: an open quote still unclosed at
 * a paragraph break continues when the next paragraph opens with a mark.
 */
#include "quotes.h"

static bool
is_double(uint8_t q)
{
	return q == WS_Q_DOUBLE_OPEN || q == WS_Q_DOUBLE_CLOSE || q == WS_Q_DOUBLE_STRAIGHT;
}

/* '' (two straight or curly single marks, touching) standing for " */
static bool
is_double_pair(const ws_doc *d, int32_t i)
{
	const ws_tok *a = &d->toks[i];
	const ws_tok *b;

	if (i + 1 >= d->ntoks)
		return false;
	b = &d->toks[i + 1];
	return (a->quote >= WS_Q_SINGLE_OPEN && b->quote >= WS_Q_SINGLE_OPEN) &&
		a->e == b->b;
}

static bool
word_at(const ws_doc *d, int32_t i)
{
	return i >= 0 && i < d->ntoks && (d->toks[i].flags & WS_T_WORD);
}

/* Could a (non-curly-closing) single mark at i open a quotation? */
static bool
single_opens(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (t->quote == WS_Q_SINGLE_CLOSE)
		return false;
	if (!(t->flags & (WS_T_SPACE_BEFORE | WS_T_PARA_START)) && i > 0 &&
		!(d->toks[i - 1].flags & WS_T_PUNCT))
		return false;			/* students' — glued to a word */
	if (t->flags & WS_T_SPACE_AFTER)
		return false;
	/* '90s, 'em: an elided word, not a quotation */
	if (i + 1 < d->ntoks && (d->toks[i + 1].flags & WS_T_NUM))
		return false;
	return word_at(d, i + 1) || (i + 1 < d->ntoks && (d->toks[i + 1].flags & WS_T_QUOTE));
}

static bool
single_closes(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (t->quote == WS_Q_SINGLE_OPEN)
		return false;
	if (t->flags & WS_T_SPACE_BEFORE)
		return false;
	return (t->flags & WS_T_SPACE_AFTER) || i + 1 >= d->ntoks ||
		(d->toks[i + 1].flags & WS_T_PUNCT);
}

/* A left mark glued to the word before and followed by a space or the end: “Not,“ he said */
static bool
wrong_way_close(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (t->flags & (WS_T_SPACE_BEFORE | WS_T_PARA_START))
		return false;
	return (t->flags & WS_T_SPACE_AFTER) || i + 1 >= d->ntoks || (d->toks[i + 1].flags & WS_T_PARA_START);
}

/* Does a straight double mark at i look like an opening one? */
static bool
straight_opens(const ws_doc *d, int32_t i)
{
	const ws_tok *t = &d->toks[i];

	if (t->flags & WS_T_SPACE_AFTER)
		return false;
	return (t->flags & (WS_T_SPACE_BEFORE | WS_T_PARA_START)) ||
		(i > 0 && (d->toks[i - 1].flags & WS_T_PUNCT) && !(d->toks[i - 1].flags & WS_T_QUOTE));
}

static void
push_mark(ws_doc *d, ws_marks *m, int32_t open, int32_t close, int32_t open_w, int32_t close_w,
		  int32_t cont_from)
{
	ws_marked  *x;

	m->items = ws_arena_grow(d->arena, m->items, m->n, &m->cap, m->n + 1, sizeof(ws_marked));
	x = &m->items[m->n++];
	x->open = open;
	x->close = close;
	x->ib = open + open_w;
	x->ie = close;
	x->close_end = close + close_w;
	x->first_para_end = cont_from;
	x->used = false;
}

/*
 * A single mark left unpaired outside every quoted stretch is an apostrophe
 * (Sanders’ campaign manager): the finder must not stop at it as at a mark.
 */
static void
demote_apostrophes(ws_doc *d, const ws_marks *m)
{
	int32_t		k = 0;

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		while (k < m->n && m->items[k].close_end <= i)
			k++;
		if (k < m->n && i >= m->items[k].open)
			continue;
		if (d->toks[i].quote >= WS_Q_SINGLE_OPEN && !is_double_pair(d, i) &&
			!(i > 0 && is_double_pair(d, i - 1)))
			d->toks[i].quote = WS_Q_NONE;
	}
}

/* The pairing state: the mark open now, if any. */
typedef struct pairing
{
	ws_doc	   *d;
	ws_marks   *m;
	int32_t		open;			/* the open mark's token, or -1 */
	int32_t		open_w;			/* its width in tokens ('' is 2) */
	int32_t		cont;			/* the mark reopening it in a later paragraph, or -1 */
	bool		open_single;
} pairing;

static void
close_open(pairing *p)
{
	p->open = -1;
	p->cont = -1;
}

/*
 * A paragraph starts at token i with a quote open: the quotation goes on if
 * the paragraph opens with its mark again (true: skip that mark), else the
 * open mark is given up.
 */
static bool
quote_goes_on(pairing *p, int32_t i)
{
	const ws_tok *t = &p->d->toks[i];
	bool		reopens = (t->flags & WS_T_QUOTE) &&
		(p->open_single ? (t->quote >= WS_Q_SINGLE_OPEN) : is_double(t->quote) || is_double_pair(p->d, i));

	if (reopens && !(t->quote == WS_Q_DOUBLE_CLOSE))
	{
		if (p->cont < 0)
			p->cont = i;
		return true;
	}
	close_open(p);
	return false;
}

/* A double mark (or '') of w tokens at i: it closes the open quote or opens one. */
static void
double_mark(pairing *p, int32_t i, int32_t w)
{
	const ws_doc *d = p->d;
	uint8_t		q = d->toks[i].quote;
	bool		closes;

	if (p->open >= 0 && p->open_single)
		close_open(p);			/* a double mark inside a single-quoted stretch: drop the single */
	if (q == WS_Q_DOUBLE_OPEN)
		closes = p->open >= 0 && wrong_way_close(d, i);
	else if (q == WS_Q_DOUBLE_CLOSE)
		closes = true;
	else if (w == 2)
		closes = p->open >= 0;
	else
		closes = p->open >= 0 || !straight_opens(d, i);
	if (closes)
	{
		if (p->open >= 0)
			push_mark(p->d, p->m, p->open, i, p->open_w, w, p->cont);
		close_open(p);
		return;
	}
	p->open = i;
	p->open_w = w;
	p->open_single = false;
	p->cont = -1;
}

/* A single mark at i: only outside double quotes, and only where it quotes. */
static void
single_mark(pairing *p, int32_t i)
{
	if (p->open >= 0 && !p->open_single)
		return;
	if (p->open >= 0 && single_closes(p->d, i))
	{
		push_mark(p->d, p->m, p->open, i, p->open_w, 1, p->cont);
		close_open(p);
	}
	else if (p->open < 0 && single_opens(p->d, i))
	{
		p->open = i;
		p->open_w = 1;
		p->open_single = true;
		p->cont = -1;
	}
}

ws_marks *
ws_find_marks(ws_doc *d)
{
	pairing		p = {d, ws_arena_alloc(d->arena, sizeof(ws_marks)), -1, 0, -1, false};

	for (int32_t i = 0; i < d->ntoks; i++)
	{
		ws_tok	   *t = &d->toks[i];

		if ((i & 4095) == 0 && ws_interrupt_hook)
			ws_interrupt_hook();
		if (p.open >= 0 && (t->flags & WS_T_PARA_START) && i > p.open + p.open_w &&
			quote_goes_on(&p, i))
		{
			i += is_double_pair(d, i) ? 1 : 0;
			continue;			/* the repeated opening mark */
		}
		if (!(t->flags & WS_T_QUOTE) || t->quote == WS_Q_NONE)
			continue;
		if (is_double(t->quote))
			double_mark(&p, i, 1);
		else if (is_double_pair(d, i))
		{
			double_mark(&p, i, 2);
			i++;
		}
		else
			single_mark(&p, i);
	}
	demote_apostrophes(d, p.m);
	return p.m;
}
