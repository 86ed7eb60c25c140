/*
 * output: writing files into out/ as one transaction.
 *
 * Every file of a run is first written to a temporary name beside its
 * final one ("staged"); only when all are written are they renamed into
 * place, one after the other.  A run that fails, or is stopped by SIGINT
 * or SIGTERM, removes its temporaries and the folders it created, so
 * out/ stays as it was.  A file whose bytes would not change is not
 * staged at all (its modification time stays).
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>

enum out_result { OUT_ERROR = -1, OUT_WRITTEN = 0, OUT_UNCHANGED = 1 };

struct out_batch;

/* A new empty batch; free with out_batch_free() after commit or abort. */
struct out_batch *out_batch_new(void);
void		out_batch_free(struct out_batch *);

/* mkdir -p, remembering what it made so an abort can remove it.
 * Returns 0, or -1 with *err set (caller frees). */
int		out_mkdirs(struct out_batch *, const char *dir, char **err);

/* Stage len bytes for path; *err set on OUT_ERROR (caller frees). */
enum out_result	out_stage(struct out_batch *, const char *path,
		    const void *data, size_t len, char **err);

/* Stage the removal of path if it exists (a stale page). */
void		out_stage_remove(struct out_batch *, const char *path);

/* Rename every staged file into place.  Returns 0, or -1 with *err set
 * after removing the temporaries not yet renamed. */
int		out_commit(struct out_batch *, char **err);

/* Remove every temporary and every folder the batch created. */
void		out_abort(struct out_batch *);

/* One file on its own: stage and commit. */
enum out_result	out_write(const char *path, const void *data, size_t len,
		    char **err);

/* Remove staged temporaries when SIGINT, SIGTERM or SIGHUP arrives, then
 * die of that signal. */
void		out_catch_signals(void);

#endif
