/*
 * lexicon.h — word lists compiled into the engine (data/lexicons, see
 * NOTICE) and the word classes the tokenizer stamps on every token.
 */
#ifndef WS_LEXICON_H
#define WS_LEXICON_H

#include "ws.h"

#include <string.h>

#ifdef WS_GEN_TABLES
#include <stdio.h>

/*
 * The lists themselves are needed only at build time, by tools/gen_tables.c,
 * which turns them into the tables lexicon.c and gazetteer.c compile in.
 */
typedef struct ws_lex_list
{
	const char *name;			/* file name under data/lexicons, no .txt */
	const char *const *words;
	int32_t		n;
} ws_lex_list;

extern const ws_lex_list ws_lex_lists[];	/* lexicon_data.c; NULL-terminated */

const ws_lex_list *ws_lex_list_named(const char *name);

/* Write lexicon_table.inc / gazetteer_table.inc / word_rules_table.inc (C source) to out. */
void		ws_lex_table_write(FILE *out);
void		ws_gaz_table_write(FILE *out);
void		ws_word_rules_write(FILE *out);

/* n bytes of s as the inside of a C string literal. */
void		ws_gen_c_bytes(FILE *out, const char *s, size_t n);
#endif

/*
 * The rules' word table, data/lexicons/whosaid_quote_words.tsv (its header
 * says what each list is for), compiled by tools/gen_lexicons.sh: its words
 * (ws_qw_words[1 .. ws_qw_nwords - 1]; 0 is no word), the lists each word is
 * on (bit id of ws_qw_member[word], for the list of that id) and the lists.
 * The word-class table gives each word's number to the tokenizer, which
 * stamps it on every token (ws_tok.word), so that ws_tok_in is one bit test
 * however long the list (the word-by-word scan was 11 % of the CLI's
 * instructions for quotes on the BBC corpus).
 */
#define WS_QW_BYTES 16			/* bytes of a word's list bits: at most 128 lists */

typedef struct ws_qw_list
{
	uint16_t	id;				/* its bit in ws_qw_member, its index in ws_qw_lists */
	const char *name;			/* as in the table */
	const uint16_t *words;		/* its words' numbers (ws_qw_words), 0-terminated */
} ws_qw_list;

extern const int32_t ws_qw_nwords;
extern const char *const ws_qw_words[];
extern const uint8_t ws_qw_member[][WS_QW_BYTES];
extern const ws_qw_list *const ws_qw_lists[];	/* NULL-terminated */

extern const ws_qw_list ws_qw_noun_risky[];
extern const ws_qw_list ws_qw_noun_prepositions[];
extern const ws_qw_list ws_qw_non_cues[];
extern const ws_qw_list ws_qw_plural_subjects[];
extern const ws_qw_list ws_qw_determiners_poss[];
extern const ws_qw_list ws_qw_object_verbs[];
extern const ws_qw_list ws_qw_directive_verbs[];
extern const ws_qw_list ws_qw_back_verbs[];
extern const ws_qw_list ws_qw_in_verbs[];
extern const ws_qw_list ws_qw_on_verbs[];
extern const ws_qw_list ws_qw_passive_aux[];
extern const ws_qw_list ws_qw_progressive_aux[];
extern const ws_qw_list ws_qw_inverting_cues[];
extern const ws_qw_list ws_qw_manner_cues[];
extern const ws_qw_list ws_qw_tail_openers[];
extern const ws_qw_list ws_qw_irregular_pasts[];
extern const ws_qw_list ws_qw_np_prepositions[];
extern const ws_qw_list ws_qw_relative_cues[];
extern const ws_qw_list ws_qw_naming_cues[];
extern const ws_qw_list ws_qw_relative_pronouns[];
extern const ws_qw_list ws_qw_complementizer[];
extern const ws_qw_list ws_qw_part_glue[];
extern const ws_qw_list ws_qw_indefinites[];
extern const ws_qw_list ws_qw_spokespeople[];
extern const ws_qw_list ws_qw_sentence_adverbs[];
extern const ws_qw_list ws_qw_cue_adverbs[];
extern const ws_qw_list ws_qw_subordinators[];
extern const ws_qw_list ws_qw_adjunct_openers[];
extern const ws_qw_list ws_qw_determiners[];
extern const ws_qw_list ws_qw_partitives[];
extern const ws_qw_list ws_qw_subj_pronouns[];
extern const ws_qw_list ws_qw_between_aux[];
extern const ws_qw_list ws_qw_finite_verbs[];
extern const ws_qw_list ws_qw_clause_openers[];
extern const ws_qw_list ws_qw_continue_verbs[];
extern const ws_qw_list ws_qw_go_verbs[];
extern const ws_qw_list ws_qw_irregular_past_cues[];
extern const ws_qw_list ws_qw_object_pronouns[];
extern const ws_qw_list ws_qw_perfect_aux[];
extern const ws_qw_list ws_qw_call_forms[];
extern const ws_qw_list ws_qw_subject_cue_fillers[];
extern const ws_qw_list ws_qw_clause_complementizers[];
extern const ws_qw_list ws_qw_plain_cue_heads[];
extern const ws_qw_list ws_qw_sentence_linkers[];
extern const ws_qw_list ws_qw_narrator_adverbs[];
extern const ws_qw_list ws_qw_previous_speaker_links[];
extern const ws_qw_list ws_qw_name_glue[];
extern const ws_qw_list ws_qw_object_prepositions[];
extern const ws_qw_list ws_qw_refusal_cues[];
extern const ws_qw_list ws_qw_no_comment_verbs[];
extern const ws_qw_list ws_qw_be_nonfinite[];
extern const ws_qw_list ws_qw_base_form_pasts[];
extern const ws_qw_list ws_qw_appear_forms[];
extern const ws_qw_list ws_qw_complement_openers[];
extern const ws_qw_list ws_qw_object_wh[];
extern const ws_qw_list ws_qw_no_clause_openers[];
extern const ws_qw_list ws_qw_charge_forms[];
extern const ws_qw_list ws_qw_no_answer_verbs[];
extern const ws_qw_list ws_qw_add_forms[];
extern const ws_qw_list ws_qw_go_on_forms[];
extern const ws_qw_list ws_qw_call_particles[];
extern const ws_qw_list ws_qw_put_forms[];
extern const ws_qw_list ws_qw_relative_links[];
extern const ws_qw_list ws_qw_question_cues[];
extern const ws_qw_list ws_qw_expletives[];
extern const ws_qw_list ws_qw_coordinators[];
extern const ws_qw_list ws_qw_tagger_adverbs[];
extern const ws_qw_list ws_qw_entity_org_nouns[];
extern const ws_qw_list ws_qw_entity_company_suffixes[];
extern const ws_qw_list ws_qw_entity_place_nouns[];
extern const ws_qw_list ws_qw_amount_verbs[];
extern const ws_qw_list ws_qw_amount_units[];
extern const ws_qw_list ws_qw_know_forms[];
extern const ws_qw_list ws_qw_wh_openers[];
extern const ws_qw_list ws_qw_seem_forms[];
extern const ws_qw_list ws_qw_person_pronouns[];
extern const ws_qw_list ws_qw_not_someone[];
extern const ws_qw_list ws_qw_relative_adverbs[];
extern const ws_qw_list ws_qw_title_words[];
extern const ws_qw_list ws_qw_document_nouns[];
extern const ws_qw_list ws_qw_study_nouns[];
extern const ws_qw_list ws_qw_abbreviations[];
extern const ws_qw_list ws_qw_title_abbreviations[];
extern const ws_qw_list ws_qw_entity_place_prepositions[];
extern const ws_qw_list ws_qw_time_nouns[];
extern const ws_qw_list ws_qw_time_modifiers[];
extern const ws_qw_list ws_qw_time_prepositions[];
extern const ws_qw_list ws_qw_source_nouns[];
extern const ws_qw_list ws_qw_party_members[];
extern const ws_qw_list ws_qw_have_cues[];
extern const ws_qw_list ws_qw_noun_conjunctions[];
extern const ws_qw_list ws_qw_beat_cues[];
extern const ws_qw_list ws_qw_agree_forms[];
extern const ws_qw_list ws_qw_quantity_words[];
extern const ws_qw_list ws_qw_passive_tail_words[];
extern const ws_qw_list ws_qw_ly_nouns[];
extern const ws_qw_list ws_qw_male_honorifics[];
extern const ws_qw_list ws_qw_female_honorifics[];
extern const ws_qw_list ws_qw_role_determiners[];
extern const ws_qw_list ws_qw_affiliation_prepositions[];
extern const ws_qw_list ws_qw_named_things[];
extern const ws_qw_list ws_qw_office_modifiers[];
extern const ws_qw_list ws_qw_office_titles[];
extern const ws_qw_list ws_qw_group_nouns[];

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

/*
 * The same for a word already case-folded (ws_fold) with its ws_hash_bytes;
 * when word is not NULL, *word is set to the number of the rules' word
 * (ws_qw_words) the unfolded text raw is, ASCII case aside, or 0.
 */
uint16_t	ws_lex_classes_folded(const char *folded, int32_t n, uint32_t hash,
								  const char *raw, int32_t rawlen, uint16_t *word);

/* FNV-1a of bytes; ws_hash_fold(s) == ws_hash_bytes(ws_fold(s)). */
uint32_t	ws_hash_bytes(const char *s, int32_t len);

/* Case-fold s into buf (capacity cap); returns bytes written (truncates). */
int32_t		ws_fold(const char *s, int32_t len, char *buf, int32_t cap);

/*
 * Gender of a name, 1 male, 2 female, 0 unknown: from the honorific at token
 * honorific (Mr, Sir, Lord; Mrs, Ms, Miss, Dame, Lady), else from the first
 * name at token first; either may be -1.
 */
int8_t		ws_name_gender(const ws_doc *d, int32_t honorific, int32_t first);

/*
 * Can a mention of gender mention_gender, as "she" or a female honorific gives
 * it ("Mrs. Axelrod"), not name a person whose name has gender name_gender?
 * Only a man's first name rules a woman out: the female list holds men's
 * names too ("Philippe", "Claude", "Bernie", even "Gates").
 */
bool		ws_mans_name_for_woman(int8_t mention_gender, int8_t name_gender);

/*
 * Is token i a capitalised word of a title before a name: an honorific, a
 * role ("Detective") or a title word ("Attorney"), not a first name ("Dean")?
 */
bool		ws_is_title_word(const ws_doc *d, int32_t i);

/*
 * Where the name on tokens [b, e) starts after the title it opens with: after
 * the last title word a first name follows ("Marlow County District Attorney
 * Brian Wright"), else past leading title words ("Detective Sergeant Haddad";
 * an occupation only before two words or more, not in "Fisher Scientific");
 * at b when an organisation or title word ends it ("Premier League", "Deputy
 * Prime Minister") or it joins two names ("Victor Ambrose and House Speaker Walter
 * Brisco"). At most e - 1.
 */
int32_t		ws_name_start(const ws_doc *d, int32_t b, int32_t e);

/*
 * Do n bytes of a and b match, A-Z and a-z alike? Only ASCII letters fold, whatever
 * the locale (strncasecmp follows LC_CTYPE, which a server sets per database). For
 * an ASCII word this is what full case folding gives too: no other character of a
 * token folds to ASCII without changing its length.
 */
static inline bool
ws_ascii_ieq(const char *a, const char *b, int32_t n)
{
	for (int32_t k = 0; k < n; k++)
	{
		unsigned char x = (unsigned char) a[k],
					y = (unsigned char) b[k];

		if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z'))
			return false;
	}
	return true;
}

/* "D-N.M.", "R-Texas", "D-Ore" (its period apart): a party tag, the len bytes at s */
static inline bool
ws_party_tag(const char *s, int32_t len)
{
	return len >= 3 && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I') && s[1] == '-' &&
		s[2] >= 'A' && s[2] <= 'Z';
}

/* Is token i the word w (ASCII case-insensitive)? Runs per token per word list. */
static inline bool
ws_tok_is(const ws_doc *d, int32_t i, const char *w)
{
	int32_t		n;

	if (i < 0 || i >= d->ntoks || (WS_TOK_PTR(d, i)[0] | 0x20) != (w[0] | 0x20))
		return false;			/* cheap reject first */
	n = (int32_t) strlen(w);
	return WS_TOK_LEN(d, i) == n && ws_ascii_ieq(WS_TOK_PTR(d, i), w, n);
}

/* A lower-case word, no function word or number: "lanky", "professor" */
static inline bool
ws_plain_word(const ws_doc *d, int32_t i)
{
	return (d->toks[i].flags & WS_T_WORD) && !(d->toks[i].flags & (WS_T_CAP | WS_T_NUM)) &&
		!(d->toks[i].lex & WS_LEX_FUNCTION);
}

/* Does token i (none outside the text) end in suffix, with at least one character before it (ASCII case-insensitive)? */
static inline bool
ws_tok_ends_with(const ws_doc *d, int32_t i, const char *suffix)
{
	int32_t		n = (int32_t) strlen(suffix);

	return i >= 0 && i < d->ntoks && WS_TOK_LEN(d, i) > n &&
		ws_ascii_ieq(WS_TOK_PTR(d, i) + WS_TOK_LEN(d, i) - n, suffix, n);
}

/* Is token i a word of list (ASCII case-insensitive: ws_tok_is of one of its words)? */
static inline bool
ws_tok_in(const ws_doc *d, int32_t i, const ws_qw_list *list)
{
	return i >= 0 && i < d->ntoks &&
		(ws_qw_member[d->toks[i].word][list->id >> 3] >> (list->id & 7)) & 1;
}

#endif							/* WS_LEXICON_H */
