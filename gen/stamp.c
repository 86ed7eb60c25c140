/*
 * stamp: the record of a run, for up-to-date checks.
 *
 * The file DIR/.regen-NAME.stamp holds "key HEX", one line per output,
 * "HEX SIZE PATH" (the content hash, the size, the path), and one per
 * briefing or chart, "= KIND LANG STEM<tab>TITLE", which the gallery
 * (gallery.h) shows.
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
	struct stamp_item *items;
	size_t		 nitems;
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
	for (i = 0; i < s->nitems; i++) {
		free(s->items[i].kind);
		free(s->items[i].lang);
		free(s->items[i].stem);
		free(s->items[i].title);
	}
	free(s->items);
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

/* path relative to dir when it is under it */
static const char *
relative(const struct stamp *s, const char *path)
{
	size_t n = strlen(s->dir);

	return strncmp(path, s->dir, n) == 0 && path[n] == '/' ?
	    path + n + 1 : path;
}

static void
entry_add(struct stamp *s, const char *path, uint64_t hash, size_t size)
{
	struct entry *e;

	s->e = xreallocarray(s->e, s->n + 1, sizeof(*s->e));
	e = &s->e[s->n++];
	e->path = xstrdup(path);
	e->hash = hash;
	e->size = size;
}

static void
item_add(struct stamp *s, const char *kind, const char *lang,
    const char *stem, const char *title)
{
	struct stamp_item *it;

	s->items = xreallocarray(s->items, s->nitems + 1, sizeof(*s->items));
	it = &s->items[s->nitems++];
	it->kind = xstrdup(kind);
	it->lang = xstrdup(lang);
	it->stem = xstrdup(stem);
	it->title = xstrdup(title);
}

/* "= KIND LANG STEM<tab>TITLE" into s; -1 if it is not one. */
static int
parse_item(struct stamp *s, char *line)
{
	char *kind, *lang, *stem, *title, *save = NULL;

	if ((title = strchr(line, '\t')) == NULL)
		return -1;
	*title++ = '\0';
	if (strtok_r(line, " ", &save) == NULL ||
	    (kind = strtok_r(NULL, " ", &save)) == NULL ||
	    (lang = strtok_r(NULL, " ", &save)) == NULL ||
	    (stem = strtok_r(NULL, "", &save)) == NULL)
		return -1;
	item_add(s, kind, lang, stem, title);
	return 0;
}

/* Read s->file into s; -1 if it is missing, damaged or of another key
 * (when key_must is set). */
static int
parse(struct stamp *s, int key_must)
{
	struct buf b;
	char *line, *next, rel[4096];
	uint64_t key, h;
	size_t size;
	int rc = 0;

	buf_init(&b);
	if (util_read_file(s->file, 1u << 20, &b) != 0 || b.len == 0 ||
	    sscanf(b.data, "key %" SCNx64, &key) != 1 ||
	    (key_must && key != s->key)) {
		buf_free(&b);
		return -1;
	}
	line = strchr(b.data, '\n');
	for (line = line ? line + 1 : NULL; rc == 0 && line && *line;
	    line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '=')
			rc = parse_item(s, line);
		else if (sscanf(line, "%" SCNx64 " %zu %4095[^\n]", &h, &size,
		    rel) == 3)
			entry_add(s, rel, h, size);
		else
			rc = -1;
	}
	buf_free(&b);
	return rc;
}

int
stamp_fresh(const struct stamp *s)
{
	struct stamp *was = stamp_new(s->dir, "", s->key);
	char *path;
	size_t i;
	int ok;

	free(was->file);
	was->file = xstrdup(s->file);
	ok = parse(was, 1) == 0 && was->n > 0;
	for (i = 0; ok && i < was->n; i++) {
		path = xasprintf("%s/%s", s->dir, was->e[i].path);
		ok = intact(path, was->e[i].hash, was->e[i].size);
		free(path);
	}
	stamp_free(was);
	return ok;
}

struct stamp *
stamp_load(const char *dir, const char *file)
{
	struct stamp *s = stamp_new(dir, "", 0);

	free(s->file);
	s->file = xstrdup(file);
	if (parse(s, 0) == -1) {
		stamp_free(s);
		return NULL;
	}
	return s;
}

const char *
stamp_file(const struct stamp *s)
{
	return s->file;
}

size_t
stamp_nfiles(const struct stamp *s)
{
	return s->n;
}

const char *
stamp_path(const struct stamp *s, size_t i, size_t *size)
{
	*size = s->e[i].size;
	return s->e[i].path;
}

const struct stamp_item *
stamp_items(const struct stamp *s, size_t *n)
{
	*n = s->nitems;
	return s->items;
}

void
stamp_item(struct stamp *s, const char *kind, const char *lang,
    const char *stem, const char *title)
{
	char *t = xstrdup(title != NULL ? title : ""), *c;

	/* one line, one tab */
	for (c = t; *c != '\0'; c++)
		if (*c == '\n' || *c == '\t' || *c == '\r')
			*c = ' ';
	item_add(s, kind, lang, relative(s, stem), t);
	free(t);
}

void
stamp_add(struct stamp *s, const char *path, const void *data, size_t len)
{
	/* relative, so the same run into two folders records the same */
	entry_add(s, relative(s, path), util_hash(UTIL_HASH_SEED, data, len),
	    len);
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path,
	    ((const struct entry *)b)->path);
}

static int
by_stem(const void *a, const void *b)
{
	return strcmp(((const struct stamp_item *)a)->stem,
	    ((const struct stamp_item *)b)->stem);
}

int
stamp_stage(struct stamp *s, struct out_batch *batch, char **err)
{
	struct buf b;
	size_t i;
	int rc;

	/* by path: the record does not depend on which process wrote what
	 * first (bare regen renders its two languages side by side) */
	if (s->n > 0)
		qsort(s->e, s->n, sizeof(*s->e), by_path);
	if (s->nitems > 0)
		qsort(s->items, s->nitems, sizeof(*s->items), by_stem);
	buf_init(&b);
	buf_printf(&b, "key %016" PRIx64 "\n", s->key);
	for (i = 0; i < s->n; i++)
		buf_printf(&b, "%016" PRIx64 " %zu %s\n", s->e[i].hash,
		    s->e[i].size, s->e[i].path);
	for (i = 0; i < s->nitems; i++)
		buf_printf(&b, "= %s %s %s\t%s\n", s->items[i].kind,
		    s->items[i].lang, s->items[i].stem, s->items[i].title);
	rc = out_stage(batch, s->file, b.data, b.len, err) == OUT_ERROR ?
	    -1 : 0;
	buf_free(&b);
	return rc;
}
