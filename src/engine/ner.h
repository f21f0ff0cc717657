/*
 * ner.h — engine-internal interface of the named-entity tagger, shared by
 * the model loader (ner_model.c), the tagger (ner_tagger.c), the gazetteer
 * (gazetteer.c) and the trainer (src/cli/train.c), so training extracts
 * exactly the features the tagger sees at run time.
 */
#ifndef WS_NER_H
#define WS_NER_H

#include "ws.h"

/* ------------------------------------------------------------ model file */

/*
 * File layout, little-endian:
 *   header (64 bytes, struct ws_model_header) then
 *   weights: int16 [nbuckets][nlabels], row-major; score = sum * scale.
 * checksum is FNV-1a-64 folded over the weight bytes, 8 at a time.
 */
#define WS_MODEL_MAGIC "WSNERMD\x1a"
#define WS_MODEL_VERSION 1
#define WS_FEATURE_SET 5		/* bump when feature extraction changes */

typedef struct ws_model_header
{
	char		magic[8];
	uint32_t	version;
	uint32_t	nlabels;
	uint32_t	hash_bits;		/* nbuckets = 1 << hash_bits */
	uint32_t	feature_set;
	float		scale;
	uint32_t	reserved0;
	uint64_t	weight_bytes;
	uint64_t	checksum;
	uint64_t	train_tokens;
	uint32_t	epochs;
	uint32_t	reserved[1];
} ws_model_header;

struct ws_model
{
	const ws_model_header *hdr;
	const int16_t *w;			/* [nbuckets * WS_NER_NLABELS] */
	uint32_t	mask;			/* nbuckets - 1 */
	float		scale;
	void	   *map;			/* mmap'd region, or malloc'd (writable) */
	size_t		map_len;
	bool		mapped;
};

uint64_t	ws_model_checksum(const void *p, size_t n);

/* Bytes the model maps (0 for NULL); number of hash buckets. */
size_t		ws_model_bytes(const ws_model *m);
uint32_t	ws_model_buckets(const ws_model *m);

/* ------------------------------------------------------------ features */

/* 32-bit finaliser (murmur3 fmix32): hash-table slots and feature hashes. */
static inline uint32_t
ws_mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

#define WS_NER_MAXFEAT 96

/*
 * Per-document precomputation (shapes, gazetteer marks, document-level
 * casing evidence), allocated in d->arena.
 */
typedef struct ws_ner_doc ws_ner_doc;

ws_ner_doc *ws_ner_prepare(const ws_doc *d);

/*
 * Feature hashes of token i given the labels already decided for tokens
 * before i (labels[0..i-1]) and the document history. Returns the count.
 */
int			ws_ner_features(ws_ner_doc *nd, int32_t i, const uint8_t *labels,
							uint32_t *out);

/* Record the label decided for token i (feeds the history features). */
void		ws_ner_commit(ws_ner_doc *nd, int32_t i, uint8_t label);

/* Is label y allowed after label prev under BIO? */
bool		ws_ner_allowed(uint8_t prev, uint8_t y);

/*
 * Document-level consistency of decoded labels (ner_consistency.c): a
 * person's name parts and other occurrences stay a person. ws_ner_tag calls
 * it last.
 */
void		ws_ner_consistency(const ws_doc *d, uint8_t *labels);

/* ------------------------------------------------------------ gazetteer */

enum ws_gaz_class
{
	WS_GAZ_ORG = 1 << 0,
	WS_GAZ_COUNTRY = 1 << 1,
	WS_GAZ_CAPITAL = 1 << 2,
	WS_GAZ_CITY = 1 << 3,
	WS_GAZ_NATIONALITY = 1 << 4,
	WS_GAZ_NCLASSES = 5
};

/*
 * Mark multi-word (and one-word) gazetteer phrases: begin[i] / inside[i]
 * get the enum ws_gaz_class bits of the longest phrase matched at / over
 * token i. Arrays of d->ntoks bytes, zeroed by the caller.
 */
void		ws_gazetteer_mark(const ws_doc *d, uint8_t *begin, uint8_t *inside);

/* Gazetteer classes of the exact token range [b, e), 0 if none. */
uint8_t		ws_gazetteer_lookup(const ws_doc *d, int32_t b, int32_t e);

#endif							/* WS_NER_H */
