/*
 * lexicon.h — word lists compiled into the engine (data/lexicons, see
 * NOTICE) and the word classes the tokenizer stamps on every token.
 */
#ifndef WS_LEXICON_H
#define WS_LEXICON_H

#include "ws.h"

typedef struct ws_lex_list
{
	const char *name;			/* file name under data/lexicons, no .txt */
	const char *const *words;
	int32_t		n;
} ws_lex_list;

extern const ws_lex_list ws_lex_lists[];	/* lexicon_data.c; NULL-terminated */

const ws_lex_list *ws_lex_list_named(const char *name);

/* Classes of a single word (ws_tok.lex). */
enum ws_lex_class
{
	WS_LEX_SPEECH = 1 << 0,		/* speech / cue verb form */
	WS_LEX_HONORIFIC = 1 << 1,	/* Mr, Dr, Sen, President ... */
	WS_LEX_MALE = 1 << 2,		/* male first name */
	WS_LEX_FEMALE = 1 << 3,		/* female first name */
	WS_LEX_PLACE = 1 << 4,		/* one-word country, capital, US city or state */
	WS_LEX_NATIONALITY = 1 << 5,
	WS_LEX_ORGWORD = 1 << 6,	/* word that ends organisation names */
	WS_LEX_ROLE = 1 << 7,		/* occupation or role noun */
	WS_LEX_PRONOUN = 1 << 8,	/* subject pronoun that can speak */
	WS_LEX_FUNCTION = 1 << 9,	/* closed-class word (the, in, but ...) */
	WS_LEX_ORG = 1 << 10,		/* one-word organisation name */
};

/* Classes of a word, matched case-insensitively. Thread-unsafe first call. */
uint16_t	ws_lex_classes(const char *s, int32_t len);

/* The same for a word already case-folded (ws_fold) with its ws_hash_bytes. */
uint16_t	ws_lex_classes_folded(const char *folded, int32_t n, uint32_t hash);

/* FNV-1a of bytes; ws_hash_fold(s) == ws_hash_bytes(ws_fold(s)). */
uint32_t	ws_hash_bytes(const char *s, int32_t len);

/* Case-fold s into buf (capacity cap); returns bytes written (truncates). */
int32_t		ws_fold(const char *s, int32_t len, char *buf, int32_t cap);

/* 1 for Mr, Sir, Lord; 2 for Mrs, Ms, Miss, Dame, Lady; else 0. */
int8_t		ws_honorific_gender(const char *s, int32_t len);

#endif							/* WS_LEXICON_H */
