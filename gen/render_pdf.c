/*
 * render_pdf: what Cairo 1.16 cannot write into a PDF, added afterwards
 * as an incremental update (new versions of a few objects and a new
 * cross-reference section appended; no byte Cairo wrote is changed):
 *
 *  - /Lang and /MarkInfo << /Marked true >> in the catalog, so the
 *    structure tags make a tagged PDF;
 *  - /Alt on every Figure structure element (the chart's summary);
 *  - the "D:" prefix Cairo 1.16 leaves off /CreationDate and /ModDate.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"

/* Offset of needle in hay[from..n), or (size_t)-1. */
static size_t
find(const char *hay, size_t n, const char *needle, size_t from)
{
	size_t k = strlen(needle), i;
	const char *p;

	for (i = from; k <= n && i + k <= n; i++) {
		/* memchr skips to the next candidate many bytes at a time */
		if ((p = memchr(hay + i, needle[0], n - k + 1 - i)) == NULL)
			break;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, k) == 0)
			return i;
	}
	return (size_t)-1;
}

/* The last occurrence of needle, or (size_t)-1. */
static size_t
rfind(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(hay + i, needle, k) == 0)
			return i;
	return (size_t)-1;
}

/* The dictionary text of object num ("<< ... >>"), copied; or NULL. */
static char *
object_dict(const struct buf *pdf, long num)
{
	char head[32];
	size_t at, end, close;

	snprintf(head, sizeof(head), "\n%ld 0 obj\n", num);
	if ((at = find(pdf->data, pdf->len, head, 0)) == (size_t)-1)
		return NULL;
	at += strlen(head);
	if ((end = find(pdf->data, pdf->len, "\nendobj", at)) == (size_t)-1)
		return NULL;
	if ((close = rfind(pdf->data + at, end - at, ">>")) == (size_t)-1)
		return NULL;
	return xasprintf("%.*s", (int)(close + 2), pdf->data + at);
}

/* The number of the object the byte at off belongs to, or -1. */
static long
object_at(const struct buf *pdf, size_t off)
{
	size_t i = off;

	while (i > 0) {
		i--;
		if (pdf->data[i] == '\n' && i + 1 < off &&
		    find(pdf->data + i + 1, off - i - 1, " 0 obj\n", 0) !=
		    (size_t)-1)
			return strtol(pdf->data + i + 1, NULL, 10);
	}
	return -1;
}

/* d without its final ">>", then extra, then ">>"; caller frees. */
static char *
dict_add(const char *d, const char *extra)
{
	size_t n = strlen(d);

	return xasprintf("%.*s%s\n>>", (int)(n - 2), d, extra);
}

/* A PDF text string in UTF-16BE hex, as the standard wants for any
 * text beyond ASCII.  Caller frees. */
static char *
pdf_text(const char *s)
{
	struct buf b;
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;

	buf_init(&b);
	buf_adds(&b, "<FEFF");
	while (*u) {
		if (*u < 0x80)
			cp = *u++;
		else if ((*u & 0xE0) == 0xC0 && u[1])
			cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu), u += 2;
		else if ((*u & 0xF0) == 0xE0 && u[1] && u[2])
			cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
			    (u[2] & 0x3Fu), u += 3;
		else if ((*u & 0xF8) == 0xF0 && u[1] && u[2] && u[3])
			cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
			    ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu), u += 4;
		else {
			cp = 0xFFFD;
			u++;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(&b, "%04X%04X", 0xD800 + (cp >> 10),
			    0xDC00 + (cp & 0x3FF));
		} else
			buf_printf(&b, "%04X", cp);
	}
	buf_adds(&b, ">");
	return buf_release(&b);
}

/* "(2026...)" -> "(D:2026...)" for one date key of an Info dictionary. */
static char *
fix_date(char *d, const char *key)
{
	char *at = strstr(d, key), *r;
	size_t off;

	if (at == NULL)
		return d;
	off = (size_t)(at - d) + strlen(key);
	if (strncmp(d + off, " (D:", 4) == 0 || d[off] != ' ' ||
	    d[off + 1] != '(')
		return d;
	r = xasprintf("%.*s (D:%s", (int)off, d, d + off + 2);
	free(d);
	return r;
}

struct upd {
	long	 num;
	char	*dict;
};

int
render_pdf_patch(struct buf *pdf, const char *lang,
    const char *const *alts, size_t nalts)
{
	struct upd *u = xcalloc(2 + nalts, sizeof(*u));
	size_t nu = 0, i, at, trailer, sx, from;
	long size, root, info, prev, *figs = xcalloc(nalts + 1, sizeof(*figs));
	size_t nfigs = 0;
	int rc = -1;
	char *d, *extra, *t;
	size_t xref;

	if ((trailer = rfind(pdf->data, pdf->len, "\ntrailer\n")) ==
	    (size_t)-1 || (sx = rfind(pdf->data, pdf->len, "\nstartxref\n")) ==
	    (size_t)-1)
		goto out;
	t = pdf->data + trailer;
	size = (at = find(t, pdf->len - trailer, "/Size ", 0)) != (size_t)-1 ?
	    strtol(t + at + 6, NULL, 10) : -1;
	root = (at = find(t, pdf->len - trailer, "/Root ", 0)) != (size_t)-1 ?
	    strtol(t + at + 6, NULL, 10) : -1;
	info = (at = find(t, pdf->len - trailer, "/Info ", 0)) != (size_t)-1 ?
	    strtol(t + at + 6, NULL, 10) : -1;
	prev = strtol(pdf->data + sx + 11, NULL, 10);
	if (size <= 0 || root <= 0 || prev <= 0)
		goto out;

	/* the catalog: language and "this is a tagged PDF" */
	if ((d = object_dict(pdf, root)) == NULL)
		goto out;
	extra = xasprintf("\n   /Lang (%s)%s", lang, strstr(d,
	    "/StructTreeRoot") ? "\n   /MarkInfo << /Marked true >>" : "");
	u[nu].num = root;
	u[nu++].dict = dict_add(d, extra);
	free(extra);
	free(d);
	/* the Info dictionary: dates with their D: prefix */
	if (info > 0 && (d = object_dict(pdf, info)) != NULL) {
		d = fix_date(d, "/CreationDate");
		d = fix_date(d, "/ModDate");
		u[nu].num = info;
		u[nu++].dict = d;
	}
	/* Figures, in file order, which is the order they were drawn */
	for (from = 0; (at = find(pdf->data, trailer, "/S /Figure\n",
	    from)) != (size_t)-1; from = at + 1) {
		if (nfigs <= nalts)
			figs[nfigs] = object_at(pdf, at);
		nfigs++;
	}
	if (nfigs == nalts)
		for (i = 0; i < nfigs && figs[i] > 0; i++) {
			if (alts[i] == NULL ||
			    (d = object_dict(pdf, figs[i])) == NULL)
				continue;
			t = pdf_text(alts[i]);
			extra = xasprintf("\n   /Alt %s", t);
			u[nu].num = figs[i];
			u[nu++].dict = dict_add(d, extra);
			free(extra);
			free(t);
			free(d);
		}

	/* append the new versions and their cross-reference section */
	{
		size_t *offs = xcalloc(nu, sizeof(*offs));

		for (i = 0; i < nu; i++) {
			offs[i] = pdf->len;
			buf_printf(pdf, "%ld 0 obj\n%s\nendobj\n", u[i].num,
			    u[i].dict);
		}
		xref = pdf->len;
		buf_adds(pdf, "xref\n");
		for (i = 0; i < nu; i++)
			buf_printf(pdf, "%ld 1\n%010zu 00000 n \n", u[i].num,
			    offs[i]);
		free(offs);
	}
	buf_printf(pdf, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size,
	    root);
	if (info > 0)
		buf_printf(pdf, "   /Info %ld 0 R\n", info);
	buf_printf(pdf, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev,
	    xref);
	rc = 0;
out:
	for (i = 0; i < nu; i++)
		free(u[i].dict);
	free(u);
	free(figs);
	return rc;
}
