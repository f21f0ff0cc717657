/*
 * model.c — the tagger model of this backend: loaded (memory-mapped) on
 * first use from $sharedir/extension/whosaid_ner.model and kept for the
 * backend's life; whosaid.model_info() reports what was loaded and how
 * long it took, and verifies the weights' checksum, which a backend's load
 * skips (ws_model_verify says why); the postmaster verifies it when whosaid
 * is preloaded.
 */
#include "whosaid_pg.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "utils/builtins.h"

#include "ner.h"

static ws_model *backend_model;
static char model_path[MAXPGPATH];
static double model_load_ms;

/* Why the postmaster could not use the model, for every backend it forks to report. */
static char preload_error[MAXPGPATH + 256];

static void
model_file_path(char *out)
{
	char		share[MAXPGPATH];

	get_share_path(my_exec_path, share);
	snprintf(out, MAXPGPATH, "%s/extension/whosaid_ner.model", share);
}

/* Loads the model into backend_model if not there yet; false with err set if it cannot. */
static bool
load_model(char *err, size_t errlen)
{
	instr_time	start,
				duration;

	if (backend_model != NULL)
		return true;
	if (preload_error[0] != '\0')
	{
		strlcpy(err, preload_error, errlen);
		return false;
	}
	model_file_path(model_path);
	INSTR_TIME_SET_CURRENT(start);
	backend_model = ws_model_load(model_path, err, errlen);
	INSTR_TIME_SET_CURRENT(duration);
	INSTR_TIME_SUBTRACT(duration, start);
	model_load_ms = INSTR_TIME_GET_MILLISEC(duration);
	return backend_model != NULL;
}

/*
 * Loads the model when whosaid is preloaded (shared_preload_libraries), so
 * that backends forked from the postmaster inherit it. A model that cannot
 * be used is left for the first call to report: the server still starts.
 */
bool
whosaid_model_preload(void)
{
	char		err[sizeof(preload_error)];

	if (load_model(err, sizeof(err)) &&
		!ws_model_verify(backend_model, model_path, err, sizeof(err)))
	{
		ws_model_free(backend_model);
		backend_model = NULL;
	}
	if (backend_model == NULL)
		strlcpy(preload_error, err, sizeof(preload_error));
	return backend_model != NULL;
}

/* The model file cannot be used: an ERROR saying why (err). */
static void
model_error(const char *err)
{
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_FILE),
			 errmsg("%s", err),
			 errdetail("The named-entity tagger's model file could not be used."),
			 errhint("Reinstall the extension with \"make install\", or rebuild the model with \"make model\".")));
}

const ws_model *
whosaid_model(void)
{
	char		err[sizeof(preload_error)];

	if (!load_model(err, sizeof(err)))
		model_error(err);
	return backend_model;
}

PG_FUNCTION_INFO_V1(model_info);

Datum
model_info(PG_FUNCTION_ARGS)
{
	const ws_model *m = whosaid_model();
	char		err[sizeof(preload_error)];
	TupleDesc	tupdesc;
	Datum		values[8];
	bool		nulls[8] = {0};
	int32		used = 0;
	uint32		nb = ws_model_buckets(m);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	/* it reads every weight below anyway: the place to check them all */
	if (!ws_model_verify(m, model_path, err, sizeof(err)))
		model_error(err);
	/* buckets with any non-zero weight: the features the model really uses */
	for (uint32 b = 0; b < nb; b++)
	{
		const int16 *row = m->w + (size_t) b * WS_NER_NLABELS;

		for (int y = 0; y < WS_NER_NLABELS; y++)
			if (row[y] != 0)
			{
				used++;
				break;
			}
		if ((b & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	values[0] = CStringGetTextDatum(model_path);
	values[1] = Int64GetDatum((int64) ws_model_bytes(m));
	values[2] = Float8GetDatum(model_load_ms);
	values[3] = Int32GetDatum(used);
	values[4] = Int32GetDatum((int32) nb);
	values[5] = Int32GetDatum((int32) m->hdr->version);
	values[6] = Int32GetDatum((int32) m->hdr->feature_set);
	values[7] = Int64GetDatum((int64) m->hdr->train_tokens);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
