/*
 * The floor of the benchmark: the least a C program does to draw the
 * reserves chart with Cairo and Pango from the peers' reserves.json:
 * parse it with cJSON, set up Pango with the system's fontconfig, draw
 * sorted bars with value labels and a title, write one file.  No
 * validation, no layout checks, no determinism work.
 *
 * usage: floor svg|pdf|png|png2|pdf-zh N OUTDIR DATA.json
 *
 * png2 writes each chart at 800x500 and at 1600x1000, the two files regen
 * writes for PNG.  pdf-zh sets the title and labels in Noto Sans CJK SC
 * (regular and bold): the least memory any Chinese PDF costs with Cairo
 * 1.16, which subsets the whole CFF table of each CJK face it embeds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cjson/cJSON.h>
#include <pango/pangocairo.h>

struct row { const char *name; double v; };

static int
cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return x->v < y->v ? 1 : x->v > y->v ? -1 : 0;
}

static void
text(cairo_t *cr, PangoLayout *l, const char *s, double x, double y)
{
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

int
main(int argc, char *argv[])
{
	const char *fmt = argc > 1 ? argv[1] : "svg";
	int two = strcmp(fmt, "png2") == 0, zh = strcmp(fmt, "pdf-zh") == 0;
	int n = argc > 2 ? atoi(argv[2]) : 1, k, i, nr = 0;
	const char *dir = argc > 3 ? argv[3] : ".";
	const char *data = argc > 4 ? argv[4] : "reserves.json";
	struct row rows[64];
	cJSON *root, *it;
	FILE *fp = fopen(data, "rb");
	static char buf[1 << 20];
	size_t len;

	if (fp == NULL)
		return 1;
	len = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	root = cJSON_Parse(buf);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(root, "series")) {
		if (nr == 64)
			break;
		rows[nr].name = cJSON_GetObjectItem(it, "country")->valuestring;
		rows[nr++].v = cJSON_GetObjectItem(it, "value")->valuedouble;
	}
	qsort(rows, (size_t)nr, sizeof(rows[0]), cmp);
	if (zh)
		fmt = "pdf";
	if (two)
		fmt = "png";
	for (k = 0; k < n * (two ? 2 : 1); k++) {
		char path[4096], lbl[64];
		cairo_surface_t *s;
		cairo_t *cr;
		PangoLayout *l;
		PangoFontDescription *fd;
		double scale = 1 + (two ? k / 2 : k) / 100.0;
		int px = two && k % 2 ? 2 : 1;

		snprintf(path, sizeof(path), "%s/chart_%02d%s.%s", dir,
		    two ? k / 2 : k, px == 2 ? "@2x" : "", fmt);
		if (strcmp(fmt, "pdf") == 0)
			s = cairo_pdf_surface_create(path, 800, 500);
		else if (strcmp(fmt, "svg") == 0)
			s = cairo_svg_surface_create(path, 800, 500);
		else
			s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
			    800 * px, 500 * px);
		cr = cairo_create(s);
		cairo_scale(cr, px, px);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		l = pango_cairo_create_layout(cr);
		fd = pango_font_description_from_string(zh ?
		    "Noto Sans CJK SC Bold 16px" : "Noto Sans Bold 16px");
		pango_layout_set_font_description(l, fd);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		text(cr, l, zh ? "\xe5\x90\x84\xe5\x9b\xbd\xe7\xa8\x80\xe5"
		    "\x9c\x9f\xe5\x82\xa8\xe9\x87\x8f" :	/* 各国稀土储量 */
		    cJSON_GetObjectItem(root, "title")->valuestring, 24, 20);
		pango_font_description_free(fd);
		fd = pango_font_description_from_string(zh ?
		    "Noto Sans CJK SC 12px" : "Noto Sans 12px");
		pango_layout_set_font_description(l, fd);
		for (i = 0; i < nr; i++) {
			double y = 70 + i * 36, w = rows[i].v * scale /
			    rows[0].v / scale * 520;

			cairo_set_source_rgb(cr, i ? 0.6 : 0, i ? 0.6 : 0.45,
			    i ? 0.6 : 0.7);
			cairo_rectangle(cr, 140, y, w, 26);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			text(cr, l, rows[i].name, 24, y + 4);
			snprintf(lbl, sizeof(lbl), "%.1f Mt",
			    rows[i].v * scale / 1e6);
			text(cr, l, lbl, 146 + w, y + 4);
		}
		pango_font_description_free(fd);
		g_object_unref(l);
		cairo_destroy(cr);
		if (strcmp(fmt, "png") == 0)
			cairo_surface_write_to_png(s, path);
		cairo_surface_destroy(s);
	}
	cJSON_Delete(root);
	return 0;
}
