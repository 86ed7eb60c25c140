/*
 * manifest: the job list of `regen build`.  One job per line:
 *
 *   report  template=FILE [data=FILE] [out=DIR] [formats=LIST]
 *   charts  [data=FILE] [out=DIR] [formats=LIST] [lang=en|zh]
 *           [chart=ID [name=NAME]] [theme=NAME]
 *
 * Blank lines and lines starting with '#' are skipped.  Relative paths
 * are taken from the current folder.
 */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stddef.h>

#include "diag.h"

enum job_kind { JOB_REPORT, JOB_CHARTS };

struct job {
	int		 line;		/* in the manifest */
	enum job_kind	 kind;
	char		*tmpl;		/* report only */
	char		*data;		/* NULL: the bundled dataset */
	char		*out;		/* NULL: out */
	char		*formats;	/* NULL: the command's default */
	char		*lang;		/* charts: en or zh */
	char		*chart;		/* charts: one id */
	char		*name;		/* charts: its file name, not the id */
	char		*theme;
};

/*
 * Read the manifest at path.  Returns 0 and sets *jobs (caller frees
 * with manifest_free) and *n, or an exit code with the problems in d.
 */
int	manifest_load(const char *path, struct job **jobs, size_t *n,
	    struct diags *d);
/* The same from a manifest's text (len bytes) read from path. */
int	manifest_parse(const char *path, const char *text, size_t len,
	    struct job **jobs, size_t *n, struct diags *d);
void	manifest_free(struct job *, size_t);

#endif
