/*
 * gallery: DIR/index.html, one page that shows what the runs into DIR
 * wrote, so a CI artifact opens on it: every briefing (HTML, PDF, page
 * SVGs) and every chart (SVG, PNG, PDF, alt text) with its title, its
 * files and their sizes, and a preview.  It is made from the runs'
 * records (stamp.h), so it needs nothing drawn again.
 */
#ifndef GALLERY_H
#define GALLERY_H

#include "stamp.h"
#include "util.h"

/* Append the index of dir to out: the records of dir's runs, with
 * current (may be NULL) in place of the one of its name on disk, which
 * is not written yet. */
void	gallery_html(const char *dir, const struct stamp *current,
	    struct buf *out);

/* The index's path in dir; caller frees. */
char	*gallery_path(const char *dir);

/* Write dir's index from the records on disk, if its bytes changed.
 * Returns 0, or -1 with *err (caller frees). */
int	gallery_write(const char *dir, char **err);

#endif
