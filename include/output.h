/*
 * output: writing files into out/ safely.
 *
 * Every file is written to a temporary name in its own folder and renamed
 * into place only when complete, so a failed or interrupted run leaves
 * earlier outputs as they were.  A file whose bytes would not change is
 * not rewritten (its modification time stays).
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>

enum out_result { OUT_ERROR = -1, OUT_WRITTEN = 0, OUT_UNCHANGED = 1 };

/* mkdir -p; returns 0, or -1 with *err set (caller frees). */
int		out_mkdirs(const char *dir, char **err);

/* Write len bytes to path as described above; *err set on OUT_ERROR. */
enum out_result	out_write(const char *path, const void *data, size_t len,
		    char **err);

/* Remove a temporary file in progress when SIGINT or SIGTERM arrives,
 * then die of that signal. */
void		out_catch_signals(void);

#endif
