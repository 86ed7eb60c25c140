/*
 * diag: diagnostics collected by the input stages (dataset, template).
 *
 * A stage adds every problem it finds to a struct diags, up to a cap;
 * main prints them as "regen: FILE:LINE:COL: message" and picks the exit
 * code.  Collecting rather than printing lets tests assert on messages.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "regen.h"

#define DIAG_MAX 50	/* errors kept; later ones are only counted */

struct diags {
	char	**msgs;		/* "file:line:col: text", owned */
	size_t	  n;		/* kept */
	size_t	  total;	/* found, kept or not */
};

void	diags_init(struct diags *);
void	diags_free(struct diags *);
void	diags_add(struct diags *, const struct pos *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	diags_print(const struct diags *, FILE *);
int	diags_has(const struct diags *, const char *);	/* 1 if any contains */

struct buf;

/*
 * Read the input file path (a dataset, a template, a manifest: what) of
 * at most max bytes into b.  Returns EXIT_OK, or, with the reason added to
 * d, EXIT_DATAERR when it is too large and EXIT_NOINPUT when it cannot be
 * read.
 */
int	diag_read_input(struct diags *, const char *path, const char *what,
	    size_t max, struct buf *b);

/* Print "regen: " + message + "\n" to stderr. */
void	diag_warnx(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#endif
