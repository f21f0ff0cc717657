/*
 * ner_model.c — the tagger's model file: validation and memory mapping.
 *
 * A model is a 64-byte header followed by int16 weights (see ner.h). The
 * file is mapped read-only and shared by every document the process tags;
 * it is permanent per-process data, so its bookkeeping uses malloc, not an
 * arena. Anything wrong with the file — missing, short, foreign, from
 * another version, corrupted — is reported with the file's name and never
 * read past its end.
 */
#include "ner.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(sizeof(ws_model_header) == 64, "model header is 64 bytes");

uint64_t
ws_model_checksum(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t	h = 14695981039346656037ull;
	size_t		i = 0;

	for (; i + 8 <= n; i += 8)
	{
		uint64_t	w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * 1099511628211ull;
	}
	for (; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h ^ (uint64_t) n;
}

static bool
host_is_little_endian(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *) &one == 1;
}

/* The model file mapped read-only, its length in *len; NULL with a message in err. */
static void *
map_model_file(const char *path, size_t *len, char *err, size_t errlen)
{
	int			fd;
	struct stat st;
	void	   *map;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
	{
		snprintf(err, errlen, "could not open model file \"%s\": %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
	{
		snprintf(err, errlen, "model file \"%s\" is not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((uint64_t) st.st_size < sizeof(ws_model_header))
	{
		snprintf(err, errlen, "model file \"%s\" is truncated: %lld bytes, the header alone needs %zu",
				 path, (long long) st.st_size, sizeof(ws_model_header));
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
	{
		snprintf(err, errlen, "could not map model file \"%s\": %s", path, strerror(errno));
		return NULL;
	}
	*len = (size_t) st.st_size;
	return map;
}

/* Is the mapped file of `size` bytes a model this build reads, whole (but for its weights' checksum)? Else a message in err. */
static bool
valid_model(const ws_model_header *h, size_t size, const char *path, char *err, size_t errlen)
{
	uint64_t	nbuckets;

	if (memcmp(h->magic, WS_MODEL_MAGIC, 8) != 0)
	{
		snprintf(err, errlen, "file \"%s\" is not a whosaid tagger model (bad magic number)", path);
		return false;
	}
	if (h->version != WS_MODEL_VERSION || h->feature_set != WS_FEATURE_SET)
	{
		snprintf(err, errlen, "model file \"%s\" has format %u / feature set %u; this build reads %u / %u (retrain with \"make model\")",
				 path, h->version, h->feature_set, WS_MODEL_VERSION, WS_FEATURE_SET);
		return false;
	}
	if (h->nlabels != WS_NER_NLABELS || h->hash_bits < 8 || h->hash_bits > 26 ||
		!(h->scale > 0.0f && h->scale < 1e6f))
	{
		snprintf(err, errlen, "model file \"%s\" has an invalid header", path);
		return false;
	}
	nbuckets = (uint64_t) 1 << h->hash_bits;
	if (h->weight_bytes != nbuckets * WS_NER_NLABELS * sizeof(int16_t) ||
		(uint64_t) size != sizeof(ws_model_header) + h->weight_bytes)
	{
		snprintf(err, errlen, "model file \"%s\" is truncated or damaged: %lld bytes, expected %llu",
				 path, (long long) size,
				 (unsigned long long) (sizeof(ws_model_header) + nbuckets * WS_NER_NLABELS * sizeof(int16_t)));
		return false;
	}
	return true;
}

/*
 * The weights' checksum reads all 4.7 MB, a page fault per page: ~4 ms, most
 * of a new backend's first call, for a property of the file, not of the
 * process. So ws_model_load checks only what it must read anyway (header,
 * size) and the weights are verified where that is done once: the CLI on
 * loading, the postmaster when preloaded, whosaid.model_info() on request.
 * Damaged weights can give wrong tags, never a read out of bounds.
 */
bool
ws_model_verify(const ws_model *m, const char *path, char *err, size_t errlen)
{
	if (ws_model_checksum(m->w, m->hdr->weight_bytes) != m->hdr->checksum)
	{
		snprintf(err, errlen, "model file \"%s\" is damaged (checksum mismatch)", path);
		return false;
	}
	return true;
}

ws_model *
ws_model_load(const char *path, char *err, size_t errlen)
{
	size_t		len;
	void	   *map;
	const ws_model_header *h;
	ws_model   *m;

	if (!host_is_little_endian())
	{
		snprintf(err, errlen, "model file \"%s\": big-endian hosts are not supported", path);
		return NULL;
	}
	map = map_model_file(path, &len, err, errlen);
	if (map == NULL)
		return NULL;
	h = map;
	if (!valid_model(h, len, path, err, errlen))
	{
		munmap(map, len);
		return NULL;
	}
	m = calloc(1, sizeof(ws_model));
	if (m == NULL)
	{
		snprintf(err, errlen, "out of memory loading model file \"%s\"", path);
		munmap(map, len);
		return NULL;
	}
	m->hdr = h;
	m->w = (const int16_t *) ((const char *) map + sizeof(ws_model_header));
	m->mask = (uint32_t) (((uint64_t) 1 << h->hash_bits) - 1);
	m->scale = h->scale;
	m->map = map;
	m->map_len = len;
	m->mapped = true;
	return m;
}

void
ws_model_free(ws_model *m)
{
	if (m == NULL)
		return;
	if (m->mapped)
		munmap(m->map, m->map_len);
	else
		free(m->map);
	free(m);
}

size_t
ws_model_bytes(const ws_model *m)
{
	return m ? m->map_len : 0;
}

uint32_t
ws_model_buckets(const ws_model *m)
{
	return m ? m->mask + 1 : 0;
}
