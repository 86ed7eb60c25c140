/*
 * render: drawing scenes with Cairo and Pango, and the backend table.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "render.h"
#include "util.h"

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0,
	    ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

static void
draw_item(cairo_t *cr, const struct scene_item *it, struct text_ctx *tc)
{
	PangoLayout *l;

	set_rgb(cr, it->rgb);
	switch (it->kind) {
	case SCENE_RECT:
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_fill(cr);
		break;
	case SCENE_LINE:
		cairo_set_line_width(cr, it->line_width);
		cairo_move_to(cr, it->x, it->y);
		cairo_line_to(cr, it->x2, it->y2);
		cairo_stroke(cr);
		break;
	case SCENE_TEXT:
		l = text_layout(tc, it->text, &it->style, it->wrap);
		cairo_move_to(cr, it->x, it->y);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		break;
	}
}

static void
draw_scene(cairo_t *cr, const struct scene *s, struct text_ctx *tc)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		draw_item(cr, &s->items[i], tc);
}

/* Finish a surface and report what went wrong, if anything. */
static int
finish(cairo_surface_t *sf, cairo_t *cr, char **err)
{
	cairo_status_t st;

	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		*err = xasprintf("cairo: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

static int
render_pdf(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	cairo_surface_t *sf;

	(void)scale;
	sf = cairo_pdf_surface_create_for_stream(to_buf, out, s->w, s->h);
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
	/* Cairo 1.16 stamps the clock time unless told a date; the date
	 * comes from SOURCE_DATE_EPOCH or the dataset, never the clock. */
	if (meta != NULL) {
		if (meta->title)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_TITLE, meta->title);
		if (meta->author)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_AUTHOR, meta->author);
		if (meta->subject)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_SUBJECT, meta->subject);
		if (meta->keywords)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_KEYWORDS, meta->keywords);
		if (meta->date) {
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_CREATE_DATE, meta->date);
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_MOD_DATE, meta->date);
		}
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
		    "regen");
	}
	{
		cairo_t *cr = cairo_create(sf);

		draw_scene(cr, s, tc);
		cairo_show_page(cr);
		return finish(sf, cr, err);
	}
}

static int
render_svg(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	cairo_surface_t *sf;
	cairo_t *cr;

	(void)scale;
	(void)meta;
	sf = cairo_svg_surface_create_for_stream(to_buf, out, s->w, s->h);
	cairo_svg_surface_restrict_to_version(sf, CAIRO_SVG_VERSION_1_1);
	cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PX);
	cr = cairo_create(sf);
	draw_scene(cr, s, tc);
	return finish(sf, cr, err);
}

static int
render_png(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	cairo_surface_t *sf;
	cairo_status_t st;
	cairo_t *cr;
	int w = (int)(s->w * scale + 0.5), h = (int)(s->h * scale + 0.5);

	(void)meta;
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(sf);
	cairo_scale(cr, scale, scale);
	draw_scene(cr, s, tc);
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png_stream(sf, to_buf, out);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		*err = xasprintf("cairo: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

static int
render_dump(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	(void)scale;
	(void)tc;
	(void)meta;
	(void)err;
	scene_dump(s, out);
	return 0;
}

static const struct {
	const char	*name;
	int		(*render)(const struct scene *, double,
			    struct text_ctx *, const struct render_meta *,
			    struct buf *, char **);
} backends[RENDER__MAX] = {
	{ "svg", render_svg },
	{ "pdf", render_pdf },
	{ "png", render_png },
	{ "scene", render_dump },
};

const char *
render_format_name(enum render_format f)
{
	return f < RENDER__MAX ? backends[f].name : "?";
}

int
render_format_from_name(const char *s)
{
	int f;

	for (f = 0; f < RENDER__MAX; f++)
		if (strcmp(backends[f].name, s) == 0)
			return f;
	return -1;
}

int
render_scene(const struct scene *s, enum render_format f, double scale,
    struct text_ctx *tc, const struct render_meta *meta, struct buf *out,
    char **err)
{
	*err = NULL;
	return backends[f].render(s, scale, tc, meta, out, err);
}
