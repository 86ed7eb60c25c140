/*
 * util: allocation, growable buffers and file reading.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "util.h"

static void
oom(void)
{
	fputs("regen: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	size_t n;
	char *p;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char small[256], *p;
	va_list cp;
	int n;

	/* one formatting pass when the result is short (labels, paths),
	 * two only for long ones */
	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* What c becomes in XML text or an attribute, or NULL: itself. */
static const char *
escaped(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	}
	/* XML 1.0 has no place for control characters */
	return c < 0x20 ? " " : NULL;
}

/* Runs that need nothing are added whole (labels are mostly such a
 * run). */
void
buf_add_xml(struct buf *b, const char *s, size_t len)
{
	const char *e;
	size_t i, run = 0;

	for (i = 0; i < len && s[i] != '\0'; i++)
		if ((e = escaped((unsigned char)s[i])) != NULL) {
			buf_add(b, s + run, i - run);
			buf_adds(b, e);
			run = i + 1;
		}
	buf_add(b, s + run, i - run);
}

uint64_t
util_hash(uint64_t h, const void *p, size_t n)
{
	return XXH3_64bits_withSeed(p, n, h);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

static void
buf_grow(struct buf *b, size_t more)
{
	size_t need;

	if (more > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add_grow(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* straight into the spare room; a second pass only when it is
	 * too small (SVG writing calls this for every attribute) */
	buf_grow(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

char *
buf_release(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

int
util_read_file(const char *path, size_t max, struct buf *b)
{
	struct stat st;
	char chunk[65536];
	ssize_t n;
	int fd, err = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno;
	if (fstat(fd, &st) == -1) {
		err = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	buf_add(b, "", 0);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (n == 0)
			break;
		if (b->len + (size_t)n > max) {
			err = EFBIG;
			break;
		}
		buf_add(b, chunk, (size_t)n);
	}
out:
	close(fd);
	return err;
}

const char *
util_exe_path(void)
{
	static char exe[4096];
	static int done;
	ssize_t n;

	if (!done) {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		exe[n > 0 ? n : 0] = '\0';
		done = 1;
	}
	return exe;
}

char *
util_resource(const char *rel)
{
	const char *exe = util_exe_path(), *slash = strrchr(exe, '/');
	char *p;

	if (access(rel, F_OK) == 0)
		return xstrdup(rel);
	if (slash != NULL) {
		int dir = (int)(slash - exe);

		p = xasprintf("%.*s/%s", dir, exe, rel);
		if (access(p, F_OK) == 0)
			return p;
		free(p);
		p = xasprintf("%.*s/../share/regen/%s", dir, exe, rel);
		if (access(p, F_OK) == 0)
			return p;
		free(p);
	}
	return xasprintf("%s/%s", REGEN_DATADIR, rel);
}
