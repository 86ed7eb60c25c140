/*
 * render: backends that turn scenes into bytes.
 *
 * Cairo draws a scene into PDF (render_pdf.c then adds what Cairo 1.16
 * cannot write; render_font.c hands it small stand-ins for the CJK fonts
 * it embeds) and into the pixels of a PNG (encoded by render_png.c);
 * SVG is regen's own writer (render_svg.c: editable text), or Cairo's
 * glyph outlines when asked; "scene" writes the text dump used by tests.
 * Backends are a table in render.c: a new format is a row there.
 * Output goes to memory; writing files is output.h's job.
 */
#ifndef RENDER_H
#define RENDER_H

#include <cairo.h>
#include <pango/pango.h>

#include "render_format.h"
#include "render_outline.h"
#include "scene.h"
#include "text.h"
#include "util.h"

/* Document metadata; NULL fields are left out. */
struct render_meta {
	const char	*lang;		/* PDF /Lang: "en", "zh-CN"; NULL: none */
	int		 svg_outline;	/* SVG: Cairo's glyph outlines, not
					   editable <text> */
	int		 svg_inline;	/* native SVG inside HTML: no XML
					   declaration, scales to its box */
	const char	*id_prefix;	/* SVG ids; NULL: the scene's id */
	const char	*title;
	const char	*author;
	const char	*subject;
	const char	*keywords;
	const char	*date;	/* ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" */
};

/*
 * Render pages into one PDF with metadata, bookmarks and clickable links,
 * appending the bytes to out.  Returns 0, or -1 with *err (caller frees).
 */
int		 render_pdf_pages(const struct scene *const *pages, size_t n,
		    const struct render_outline *, size_t noutline,
		    struct text_ctx *, const struct render_meta *,
		    struct buf *out, char **err);

/*
 * Add to a finished Cairo 1.16 PDF, as an incremental update, what Cairo
 * cannot write: /Lang (lang) in the catalog, and /MarkInfo when it has a
 * structure tree (which it must have when tagged is set), /Alt on the
 * Figure structure elements (alts[i] for the i-th Figure drawn; there
 * must be exactly nalts), and the D: prefix of the dates.  Returns 0, or
 * -1 leaving pdf unchanged, with *err naming what was not found where
 * Cairo 1.16 puts it (caller frees).
 */
int		 render_pdf_patch(struct buf *pdf, const char *lang,
		    int tagged, const char *const *alts, size_t nalts,
		    char **err);

/*
 * Whether render_pdf_patch may run: regen built with (built, as
 * CAIRO_VERSION) and running with (running, as cairo_version()) the
 * Cairo series it was written for.  Returns 0, or -1 with *err saying
 * which Cairo it is and how to go on (caller frees).
 */
int		 render_pdf_cairo_check(int built, int running, char **err);

/* The native SVG writer (render_svg.c): editable <text>, <title>
 * (meta->title, else the scene's), <desc> for a scene with one, ids
 * starting with meta->id_prefix (else the scene's id); meta may be NULL.
 * Appends to out; returns 0. */
int		 render_svg_native(const struct scene *, struct text_ctx *,
		    const struct render_meta *meta, struct buf *out);

/*
 * Encode an opaque Cairo RGB24 image (w x h, stride bytes a row) as a
 * PNG stating scale x 72 pixels per inch, a band of rows at a time, so
 * the whole image need not be in memory: begin (NULL with *err set on
 * failure), give all h rows in order, then end, which appends the file
 * to out, frees the writer and returns 0, or -1 with *err set (caller
 * frees).  abandon frees a writer without a file.
 */
struct png_writer;
struct png_writer *render_png_begin(int w, int h, double scale, char **err);
void		 render_png_rows(struct png_writer *, const unsigned char *data,
		    int n, int stride);
int		 render_png_end(struct png_writer *, struct buf *out,
		    char **err);
void		 render_png_abandon(struct png_writer *);

/*
 * Small stand-ins for the large CFF fonts (Noto Sans CJK) a PDF embeds
 * (render_font.c): collect the glyphs of every layout the PDF draws,
 * build, draw each layout with render_text(), free after the surface is
 * finished.  render_text() with fs NULL is Pango's own drawing.
 */
struct render_fonts;
struct render_fonts *render_fonts_new(void);	/* render_fonts_free() */
void		 render_fonts_collect(struct render_fonts *, PangoLayout *);
void		 render_fonts_build(struct render_fonts *);
void		 render_fonts_free(struct render_fonts *);
void		 render_text(cairo_t *, PangoLayout *, double x, double y,
		    struct render_fonts *);

int		 render_format_from_name(const char *);	/* -1 if none */

/*
 * Render one scene in format at scale (PNG only: 1 or 2) and append the
 * bytes to out.  Returns 0, or -1 with a message in *err (caller frees).
 */
int		 render_scene(const struct scene *, enum render_format,
		    double scale, struct text_ctx *,
		    const struct render_meta *, struct buf *out, char **err);

#endif
