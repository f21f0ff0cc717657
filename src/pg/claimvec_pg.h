/*
 * claimvec_pg.h — the on-disk form of whosaid.claimvec and its view as the
 * engine's flat structure (claimvec.h), and the whosaid.claim_threshold
 * setting shared by the % operator and its GIN operator class.
 *
 * A 4-aligned varlena: a 28-byte header carrying the format version, the
 * shingle size and a reserved field (zero; recv rejects anything else), then
 * uint32 keys[nkeys], uint32 shorts[nshort] and the normalised text.
 */
#ifndef WHOSAID_CLAIMVEC_PG_H
#define WHOSAID_CLAIMVEC_PG_H

#include "whosaid_pg.h"

#include "claimvec.h"

typedef struct ClaimVec
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* WS_CV_VERSION */
	uint8		k;				/* shingle size */
	uint16		reserved;		/* zero */
	int32		nwords;
	int32		nsegs;
	int32		nkeys;
	int32		nshort;
	int32		textlen;
	/* uint32 keys[nkeys]; uint32 shorts[nshort]; char text[textlen] */
} ClaimVec;

#define CLAIMVEC_HDRSZ sizeof(ClaimVec)

#define DatumGetClaimVecP(X) ((ClaimVec *) PG_DETOAST_DATUM(X))
#define PG_GETARG_CLAIMVEC_P(n) DatumGetClaimVecP(PG_GETARG_DATUM(n))

/* whosaid.claim_threshold */
extern double whosaid_claim_threshold;

/* Define the claim settings; called from _PG_init. */
void		whosaid_claims_init(void);

/* Point an engine view at the arrays inside a detoasted value. */
void		claimvec_view(const ClaimVec *p, ws_cv *v);

/* Similarity of two values; errors when their shingle sizes differ. */
double		claimvec_similarity(const ws_cv *a, const ws_cv *b);

#endif
