/*
 * entities.h — the entity (coreference) layer of one text (entities.c): who
 * each name, pronoun and definite description refers to, built once per text
 * from the tagger's mentions and a scan of capitalised name runs.
 */
#ifndef WS_ENTITIES_H
#define WS_ENTITIES_H

#include "ws.h"

typedef struct ws_entities ws_entities;

/*
 * Build the entities of d. actors (the tagger's mentions) may be NULL;
 * in_quote, when given, marks the tokens inside quotation marks (one byte per
 * token), whose names and pronouns are the quoted speaker's and so take no
 * part in resolving the narrator's pronouns. Linear in the tokens.
 */
ws_entities *ws_entities_new(ws_doc *d, const ws_actors *actors, const uint8_t *in_quote);

/*
 * The same in two steps: the names and their entities, which the actor
 * resolver reads (ws_entities_names), then the referents of pronouns and
 * descriptions (ws_entities_resolve, once; later calls do nothing).
 */
ws_entities *ws_entities_names(ws_doc *d, const ws_actors *actors);
void		ws_entities_resolve(ws_entities *en, const uint8_t *in_quote);

/*
 * For each of a's mentions (in text order): ent[i] the entity of the name
 * run with its words (or its last words: "Mr Parker" tagged whole), -1 when
 * none, and kind[i] that entity's kind (WS_KIND_NONE when it has none).
 * Entity ids are below the number returned. Linear in mentions and runs.
 */
int32_t		ws_entities_of_mentions(const ws_entities *en, const ws_actors *a, int32_t *ent,
									ws_kind *kind);

/* The name of entity ent as the text gives it most fully; *words gets its length in tokens. */
const char *ws_entity_text(const ws_entities *en, int32_t ent, int32_t *words);

/* Is a person named in the text with this last word (a token hash)? */
bool		ws_entity_person_ending_in(const ws_entities *en, uint32_t last_hash);

/*
 * The canonical name of the entity the name on tokens [b, e) (no honorific)
 * belongs to: the longest person form ending in its last word, preferring the
 * gender an honorific or first name gives, else the full name it is the first
 * word of ("Jayme" → "Jayme Closs", "Wang" → "Wang Qishan", "Samsung" →
 * "Samsung Electronics Co."), else the name as written. When the gender is
 * sure ("she", "Mrs"), a man's name is no answer.
 */
const char *ws_entity_name(ws_entities *en, int32_t b, int32_t e, int8_t gender, bool sure);

/*
 * The canonical name a pronoun (he, she, it) or the noun of a definite
 * description ("the mayor", "the company") at token tok refers to, or NULL.
 * *rule gets the name of the rule that resolved it.
 */
const char *ws_entity_referent(ws_entities *en, int32_t tok, const char **rule);

#endif							/* WS_ENTITIES_H */
