/*
 * icu_fault.c — an LD_PRELOAD library for test/cli/engine_errors_sql.sh. While the file
 * named by WHOSAID_ICU_FAULT_FILE exists, ICU's ubrk_open and ubrk_openBinaryRules (which
 * the engine opens its word break iterator with: tokenizer.c) fail as when ICU's data is
 * missing (U_MISSING_RESOURCE_ERROR); otherwise they are ICU's own. Preloaded into a
 * server, it makes the extension meet a real ICU failure, with no test switch in the
 * extension itself.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>
#include <unicode/ubrk.h>

/* ICU renames its functions per version (ubrk_open_72): dlsym needs the renamed one. */
#define NAME_OF(f) NAME_OF_(f)
#define NAME_OF_(f) #f

UBreakIterator *
ubrk_open(UBreakIteratorType type, const char *locale, const UChar *text,
		  int32_t textLength, UErrorCode *status)
{
	static UBreakIterator *(*real) (UBreakIteratorType, const char *, const UChar *,
									int32_t, UErrorCode *);
	const char *fault = getenv("WHOSAID_ICU_FAULT_FILE");

	if (fault != NULL && access(fault, F_OK) == 0)
	{
		*status = U_MISSING_RESOURCE_ERROR;
		return NULL;
	}
	if (real == NULL)
		*(void **) &real = dlsym(RTLD_NEXT, NAME_OF(ubrk_open));
	return real(type, locale, text, textLength, status);
}

UBreakIterator *
ubrk_openBinaryRules(const uint8_t *binaryRules, int32_t rulesLength, const UChar *text,
					 int32_t textLength, UErrorCode *status)
{
	static UBreakIterator *(*real) (const uint8_t *, int32_t, const UChar *, int32_t, UErrorCode *);
	const char *fault = getenv("WHOSAID_ICU_FAULT_FILE");

	if (fault != NULL && access(fault, F_OK) == 0)
	{
		*status = U_MISSING_RESOURCE_ERROR;
		return NULL;
	}
	if (real == NULL)
		*(void **) &real = dlsym(RTLD_NEXT, NAME_OF(ubrk_openBinaryRules));
	return real(binaryRules, rulesLength, text, textLength, status);
}
