/*
 * util: allocation that aborts on exhaustion, a growable byte buffer,
 * and whole-file reading.  Nothing outside util.c checks an allocation.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);		/* NULL in, NULL out */
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

/* A growable byte buffer, always NUL-terminated; data owned by the buf. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_add_grow(struct buf *, const void *, size_t);

/* Append n bytes.  Inline, with a call only when the buffer must grow:
 * writing an SVG adds a few bytes at a time, thousands of times. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n != 0 && n < b->cap - b->len) {	/* room for the NUL too */
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_add_grow(b, p, n);
}
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_release(struct buf *);	/* caller frees; buf is reset */
/* Append s[0..len) up to any NUL as XML or HTML text or attribute value:
 * & < > " escaped, control characters (which XML 1.0 has no place for)
 * as spaces. */
void	 buf_add_xml(struct buf *, const char *s, size_t len);

/*
 * A 64-bit hash of n bytes, continuing from h (start from
 * UTIL_HASH_SEED): xxHash's XXH3 with h as its seed.  The one hash of
 * up-to-date keys and the text memo (whose slots are its low bits); it
 * guards against change, not attack.  Some keys hash structs as they lie
 * in memory, so a stamp is only valid on the machine that wrote it.
 */
#define UTIL_HASH_SEED 0	/* XXH3's own default */
uint64_t util_hash(uint64_t h, const void *p, size_t n);

/* The path of the running binary, or "" if unknown; read once. */
const char *util_exe_path(void);

/*
 * Where a file that ships with regen is: rel ("data/rare_earths.json",
 * "templates/briefing.xml") under the current folder (a checkout), beside
 * the binary (a build tree), in BINDIR/../share/regen (an install), else
 * in the data folder compiled in.  Caller frees.
 */
char	*util_resource(const char *rel);

/*
 * Read a whole file into b (NUL-terminated).  Returns 0 on success, or an
 * errno value; EFBIG when the file is larger than max bytes.
 */
int	 util_read_file(const char *path, size_t max, struct buf *b);

#endif
