/*
 * diff: what changed from one edition of a dataset to the next.
 *
 * Compares two models record by record: every observation and total of
 * every series, every value-chain share and figure added, removed or
 * revised; every control whose status (each on its dataset's as_of) and
 * every claim whose verdict changed; sources, series, controls and
 * claims that came or went.  `regen diff OLD NEW` prints the list; the
 * briefing's revisions table takes the changes of one series against
 * the previous edition the dataset keeps (series.previous).
 *
 * Rows are matched by id, observations by entity and year; a series
 * whose editions each hold a single year (reserves) is compared entity
 * by entity (series_counterpart).
 */
#ifndef DIFF_H
#define DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

enum change_kind { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_REVISED };

struct change {
	enum change_kind kind;
	char		*record;	/* "series reserves", "figures", … */
	char		*key;		/* "AU 2025", "cn-2025-57 status" */
	char		*before;	/* the old value as text; NULL when
					   added */
	char		*after;		/* NULL when removed */
	/* an observation's change, for tables; NULL otherwise */
	const struct observation *old_obs;
	const struct observation *new_obs;
};

/* A list of changes; owns its strings.  Zero it (or diff_*) first. */
struct changes {
	struct change	*v;
	size_t		 n;
	size_t		 nadded, nremoved, nrevised;
};

/* Append the changes from old to new. */
void	diff_models(const struct model *old, const struct model *new,
	    struct changes *);
void	diff_series(const struct series *old, const struct series *new,
	    struct changes *);

/* Print the list as text lines, or (markdown) as a Markdown table, with
 * a last line counting them; names are the two files. */
void	changes_print(const struct changes *, const char *old_name,
	    const char *new_name, int markdown, FILE *);
void	changes_free(struct changes *);

#endif
