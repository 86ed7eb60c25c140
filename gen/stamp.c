/*
 * stamp: the record of a run, for up-to-date checks.
 *
 * The file DIR/.regen-NAME.stamp holds "key HEX" and then one line per
 * output: "HEX SIZE PATH" (the content hash, the size, the path).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "stamp.h"
#include "util.h"

struct entry {
	char		*path;
	uint64_t	 hash;
	size_t		 size;
};

struct stamp {
	char		*dir;		/* paths are recorded relative to it */
	char		*file;
	uint64_t	 key;
	struct entry	*e;
	size_t		 n;
};

uint64_t
stamp_hash_str(uint64_t h, const char *s)
{
	return util_hash(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

uint64_t
stamp_hash_identity(uint64_t h, const char *path)
{
	struct stat st;
	long long v[2] = { -1, -1 };

	if (stat(path, &st) == 0) {
		v[0] = (long long)st.st_size;
		v[1] = (long long)st.st_mtime;
	}
	return util_hash(stamp_hash_str(h, path), v, sizeof(v));
}

uint64_t
stamp_hash_file(uint64_t h, const char *path)
{
	struct buf b;
	int err;

	buf_init(&b);
	h = stamp_hash_str(h, path);
	err = util_read_file(path, 64u << 20, &b);
	h = err ? util_hash(h, &err, sizeof(err)) :
	    util_hash(h, b.data, b.len);
	buf_free(&b);
	return h;
}

struct stamp *
stamp_new(const char *dir, const char *name, uint64_t key)
{
	struct stamp *s = xcalloc(1, sizeof(*s));

	s->dir = xstrdup(dir);
	s->file = xasprintf("%s/.regen-%s.stamp", dir, name);
	s->key = key;
	return s;
}

void
stamp_free(struct stamp *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->e[i].path);
	free(s->e);
	free(s->dir);
	free(s->file);
	free(s);
}

/* 1 if path holds size bytes hashing to hash. */
static int
intact(const char *path, uint64_t hash, size_t size)
{
	struct stat st;
	struct buf b;
	int ok;

	if (stat(path, &st) == -1 || (size_t)st.st_size != size)
		return 0;
	buf_init(&b);
	ok = util_read_file(path, size, &b) == 0 && b.len == size &&
	    util_hash(UTIL_HASH_SEED, b.data, b.len) == hash;
	buf_free(&b);
	return ok;
}

int
stamp_fresh(const struct stamp *s)
{
	struct buf b;
	char *line, *next, rel[4096], *path;
	uint64_t key, h;
	size_t size, files = 0;
	int ok = 1;

	buf_init(&b);
	if (util_read_file(s->file, 1u << 20, &b) != 0 || b.len == 0 ||
	    sscanf(b.data, "key %" SCNx64, &key) != 1 || key != s->key) {
		buf_free(&b);
		return 0;
	}
	line = strchr(b.data, '\n');
	for (line = line ? line + 1 : NULL; ok && line && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (sscanf(line, "%" SCNx64 " %zu %4095[^\n]", &h, &size,
		    rel) != 3) {
			ok = 0;
			break;
		}
		path = xasprintf("%s/%s", s->dir, rel);
		ok = intact(path, h, size);
		free(path);
		files++;
	}
	buf_free(&b);
	return ok && files > 0;
}

void
stamp_add(struct stamp *s, const char *path, const void *data, size_t len)
{
	struct entry *e;

	s->e = xreallocarray(s->e, s->n + 1, sizeof(*s->e));
	e = &s->e[s->n++];
	/* relative, so the same run into two folders records the same */
	if (strncmp(path, s->dir, strlen(s->dir)) == 0 &&
	    path[strlen(s->dir)] == '/')
		path += strlen(s->dir) + 1;
	e->path = xstrdup(path);
	e->hash = util_hash(UTIL_HASH_SEED, data, len);
	e->size = len;
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path,
	    ((const struct entry *)b)->path);
}

int
stamp_stage(struct stamp *s, struct out_batch *batch, char **err)
{
	struct buf b;
	size_t i;
	int rc;

	/* by path: the record does not depend on which process wrote what
	 * first (bare regen renders its two languages side by side) */
	qsort(s->e, s->n, sizeof(*s->e), by_path);
	buf_init(&b);
	buf_printf(&b, "key %016" PRIx64 "\n", s->key);
	for (i = 0; i < s->n; i++)
		buf_printf(&b, "%016" PRIx64 " %zu %s\n", s->e[i].hash,
		    s->e[i].size, s->e[i].path);
	rc = out_stage(batch, s->file, b.data, b.len, err) == OUT_ERROR ?
	    -1 : 0;
	buf_free(&b);
	return rc;
}
