/*
 * stamp: up-to-date checks.  A run records, next to its outputs, a key
 * made from everything that decides them (regen's binary, the options,
 * the dataset, the templates, the theme, the fonts, SOURCE_DATE_EPOCH)
 * and a content hash of every file it wrote.  A later run with the same
 * key whose files are all still intact does nothing at all.
 */
#ifndef STAMP_H
#define STAMP_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"

/* util_hash over a string, including its end. */
uint64_t	 stamp_hash_str(uint64_t h, const char *s);
/* Over a file's path, size and time, without reading it (fonts, the
 * binary); a missing file counts as size and time -1. */
uint64_t	 stamp_hash_identity(uint64_t h, const char *path);
/* Over a file's bytes; a missing file hashes its name and the error. */
uint64_t	 stamp_hash_file(uint64_t h, const char *path);

struct stamp;

/* The record for a run of kind name into folder dir with key; caller
 * frees with stamp_free(). */
struct stamp	*stamp_new(const char *dir, const char *name, uint64_t key);
void		 stamp_free(struct stamp *);

/* 1 when the last run of this kind had the same key and every file it
 * wrote is there with the same bytes. */
int		 stamp_fresh(const struct stamp *);

/* An output of this run (written or left unchanged). */
void		 stamp_add(struct stamp *, const char *path, const void *data,
		    size_t len);

/* A briefing or chart of this run, for the gallery: kind "briefing" or
 * "chart", lang "en" or "zh", stem the path of its files without their
 * endings, title its title (tabs and line ends become spaces). */
void		 stamp_item(struct stamp *, const char *kind, const char *lang,
		    const char *stem, const char *title);

/* Stage the record in the run's batch, so it lands with the outputs. */
int		 stamp_stage(struct stamp *, struct out_batch *, char **err);

/* Reading records back (the gallery): the record in file, with paths
 * relative to dir; NULL if it is missing or damaged.  Caller frees with
 * stamp_free(). */
struct stamp	*stamp_load(const char *dir, const char *file);
const char	*stamp_file(const struct stamp *);
size_t		 stamp_nfiles(const struct stamp *);
/* The i-th output's path (relative to the folder) and its size. */
const char	*stamp_path(const struct stamp *, size_t i, size_t *size);

struct stamp_item {
	char	*kind;
	char	*lang;
	char	*stem;		/* relative to the folder */
	char	*title;
};
const struct stamp_item *stamp_items(const struct stamp *, size_t *n);

#endif
