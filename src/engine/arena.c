/*
 * arena.c — bump allocator for one document's work. Blocks come from
 * ws_alloc_hook (palloc in the backend, malloc in the CLI); the whole arena
 * is released at once, so a longjmp out of the engine leaks nothing the
 * host's own memory management does not reclaim.
 */
#include "ws.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
default_error(ws_error_code code, const char *message)
{
	fprintf(stderr, "whosaid engine: %s\n", message);
	abort();
}

static void *
default_alloc(size_t size)
{
	void	   *p = malloc(size);

	if (p == NULL)
		ws_error(WS_ERROR_OUT_OF_MEMORY, "out of memory (%zu bytes requested)", size);
	return p;
}

void	   *(*ws_alloc_hook) (size_t size) = default_alloc;
void		(*ws_free_hook) (void *ptr) = free;
void		(*ws_interrupt_hook) (void) = NULL;
void		(*ws_error_hook) (ws_error_code code, const char *message) = default_error;
ws_fault	ws_test_fault = WS_FAULT_NONE;
void		(*ws_trace_hook) (const ws_doc *d, const ws_trace_event *ev) = NULL;

void
ws_trace(const ws_doc *d, const char *rule, const char *action, int32_t cand,
		 int32_t tok_b, int32_t tok_e, const char *note)
{
	ws_trace_event ev = {rule, action, cand, tok_b, tok_e, note};

	if (ws_trace_hook)
		ws_trace_hook(d, &ev);
}

void
ws_error(ws_error_code code, const char *fmt,...)
{
	char		message[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	ws_error_hook(code, message);
	abort();					/* a hook that returns breaks its contract */
}

typedef struct block
{
	struct block *next;
	size_t		size;
	size_t		used;
	/* data follows, 16-aligned */
} block;

struct ws_arena
{
	block	   *head;
};

#define BLOCK_HDR ((sizeof(block) + 15) & ~(size_t) 15)
#define ROUND8(n) (((n) + 7) & ~(size_t) 7)
#define MIN_BLOCK (64 * 1024)

ws_arena *
ws_arena_new(void)
{
	ws_arena   *a = ws_alloc_hook(sizeof(ws_arena));

	a->head = NULL;
	return a;
}

/* size bytes, not zeroed */
static void *
take(ws_arena *a, size_t size)
{
	block	   *b = a->head;
	void	   *p;

	size = ROUND8(size);
	if (b == NULL || b->size - b->used < size)
	{
		size_t		bsize = size > MIN_BLOCK / 2 ? size : MIN_BLOCK;

		b = ws_alloc_hook(BLOCK_HDR + bsize);
		b->size = bsize;
		b->used = 0;
		/* a big one-off block goes behind the head so the head keeps filling */
		if (a->head != NULL && bsize != MIN_BLOCK)
		{
			b->next = a->head->next;
			a->head->next = b;
		}
		else
		{
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *) b + BLOCK_HDR + b->used;
	b->used += size;
	return p;
}

void *
ws_arena_alloc(ws_arena *a, size_t size)
{
	void	   *p = take(a, size);

	memset(p, 0, ROUND8(size));
	return p;
}

char *
ws_arena_strndup(ws_arena *a, const char *s, size_t n)
{
	char	   *p = ws_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
ws_arena_grow(ws_arena *a, void *old, int32_t n, int32_t *cap, int32_t need, size_t elsize)
{
	int32_t		ncap;
	void	   *p;

	if (need <= *cap)
		return old;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	p = take(a, elsize * (size_t) ncap);
	if (n > 0)
		memcpy(p, old, elsize * (size_t) n);
	memset((char *) p + elsize * (size_t) n, 0, ROUND8(elsize * (size_t) ncap) - elsize * (size_t) n);
	*cap = ncap;
	return p;
}

void
ws_arena_free(ws_arena *a)
{
	block	   *b = a->head;

	while (b)
	{
		block	   *next = b->next;

		ws_free_hook(b);
		b = next;
	}
	ws_free_hook(a);
}
