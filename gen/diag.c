/*
 * diag: collecting and printing diagnostics.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

void
diags_init(struct diags *d)
{
	d->msgs = NULL;
	d->n = d->total = 0;
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	diags_init(d);
}

void
diags_add(struct diags *d, const struct pos *p, const char *fmt, ...)
{
	va_list ap;
	char *text, *where;

	d->total++;
	if (d->n >= DIAG_MAX)
		return;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (p == NULL || p->file == NULL)
		where = xstrdup("");
	else if (p->line > 0 && p->col > 0)
		where = xasprintf("%s:%d:%d: ", p->file, p->line, p->col);
	else if (p->line > 0)
		where = xasprintf("%s:%d: ", p->file, p->line);
	else
		where = xasprintf("%s: ", p->file);
	d->msgs = xreallocarray(d->msgs, d->n + 1, sizeof(*d->msgs));
	d->msgs[d->n++] = xasprintf("%s%s", where, text);
	free(where);
	free(text);
}

void
diags_print(const struct diags *d, FILE *fp)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(fp, "regen: %s\n", d->msgs[i]);
	if (d->total > d->n)
		fprintf(fp, "regen: ... and %zu more errors\n",
		    d->total - d->n);
}

int
diags_has(const struct diags *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->msgs[i], needle) != NULL)
			return 1;
	return 0;
}

void
diag_warnx(const char *fmt, ...)
{
	va_list ap;

	fputs("regen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
diag_read_input(struct diags *d, const char *path, const char *what,
    size_t max, struct buf *b)
{
	struct pos p = { path, 0, 0 };
	int err;

	if ((err = util_read_file(path, max, b)) == 0)
		return EXIT_OK;
	if (err == EFBIG) {
		diags_add(d, &p, "file larger than %zu MiB; expected a %s of "
		    "at most that size", max >> 20, what);
		return EXIT_DATAERR;
	}
	diags_add(d, &p, "cannot read %s: %s", what, strerror(err));
	return EXIT_NOINPUT;
}
