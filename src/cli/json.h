/* json.h — just enough JSON for the CLI: read string fields of one flat
 * object per line, write escaped strings. */
#ifndef WS_CLI_JSON_H
#define WS_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Find top-level key in the JSON object line[0..len) and decode its string
 * value into a malloc'd, NUL-terminated UTF-8 buffer (*out, *outlen).
 * Returns false if the key is absent, not a string, or the line is malformed.
 */
bool		json_get_string(const char *line, size_t len, const char *key,
							char **out, size_t *outlen);

/* Write s[0..len) as a JSON string literal, quotes included. */
void		json_put_string(FILE *f, const char *s, size_t len);

#endif
