/*
 * output: staged, all-or-nothing, change-only file writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

struct staged {
	char	*tmp;		/* NULL for a removal */
	char	*path;
};

struct out_batch {
	struct staged	*files;
	size_t		 n;
	char		**dirs;		/* folders created, outermost first */
	size_t		 ndirs;
};

/*
 * The temporaries of the batch in progress, for the signal handler: a
 * fixed array it can walk without allocating.
 */
#define MAX_PENDING 4096
static const char *volatile	 pending[MAX_PENDING];
static volatile sig_atomic_t	 npending;
static const char *volatile	 pending_dirs[64];	/* outermost first */
static volatile sig_atomic_t	 npending_dirs;

/* The thread that stages and commits: only it may act on a signal. */
static pthread_t main_thread;

static void
on_signal(int sig)
{
	sig_atomic_t i;

	/*
	 * Pango's font threads can take a signal sent to the process.
	 * Cleaning up there would race the main thread, which goes on
	 * staging files (left behind: seen in 8 of 150 interrupted runs)
	 * or committing with the signal held back.  Hand it to the main
	 * thread, which takes it now, or after its commit.
	 */
	if (!pthread_equal(pthread_self(), main_thread)) {
		pthread_kill(main_thread, sig);
		return;
	}
	for (i = 0; i < npending; i++)
		if (pending[i] != NULL)
			unlink(pending[i]);
	for (i = npending_dirs; i-- > 0;)
		if (pending_dirs[i] != NULL)
			rmdir(pending_dirs[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* SIGINT, SIGTERM and SIGHUP held back (how = SIG_BLOCK) or let through. */
static void
hold_signals(int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(how, &set, NULL);
}

void
out_catch_signals(void)
{
	struct sigaction sa;

	main_thread = pthread_self();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

struct out_batch *
out_batch_new(void)
{
	return xcalloc(1, sizeof(struct out_batch));
}

void
out_batch_free(struct out_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	npending = 0;
	npending_dirs = 0;
	for (i = 0; i < b->n; i++) {
		free(b->files[i].tmp);
		free(b->files[i].path);
	}
	for (i = 0; i < b->ndirs; i++)
		free(b->dirs[i]);
	free(b->files);
	free(b->dirs);
	free(b);
}

/* Remember a folder the batch made, for out_abort and the signal
 * handler. */
static void
made_dir(struct out_batch *b, const char *p)
{
	if (b == NULL)
		return;
	b->dirs = xreallocarray(b->dirs, b->ndirs + 1, sizeof(*b->dirs));
	b->dirs[b->ndirs++] = xstrdup(p);
	if (npending_dirs < 64) {
		pending_dirs[npending_dirs] = b->dirs[b->ndirs - 1];
		npending_dirs++;
	}
}

/* mkdir p and remember it; 0, or errno. */
static int
make_dir(struct out_batch *b, const char *p)
{
	if (mkdir(p, 0777) == -1)
		return errno;
	made_dir(b, p);
	return 0;
}

/*
 * mkdir -p of p (which it may change and restore), leaf first: a folder
 * that is there costs one mkdir and one stat, not one of each per level
 * (a build of 1,000 jobs made 8,000 mkdir calls).  Parents are made, and
 * remembered, before their children.
 */
static int
mkdirs(struct out_batch *b, char *p, char **err)
{
	struct stat st;
	char *slash;
	int e;

	if ((e = make_dir(b, p)) == 0)
		return 0;
	/* a parent missing, or not a folder: that parent says which */
	if ((e == ENOENT || e == ENOTDIR) &&
	    (slash = strrchr(p, '/')) != NULL && slash != p) {
		*slash = '\0';
		e = mkdirs(b, p, err);
		*slash = '/';
		if (e == -1)
			return -1;
		if ((e = make_dir(b, p)) == 0)
			return 0;
	}
	if (e != EEXIST) {
		*err = xasprintf("%s: %s", p, strerror(e));
		return -1;
	}
	if (stat(p, &st) == -1 || !S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s: %s", p, stat(p, &st) == -1 ?
		    strerror(errno) : "exists and is not a folder");
		return -1;
	}
	return 0;
}

int
out_mkdirs(struct out_batch *b, const char *dir, char **err)
{
	char *p = xstrdup(dir);
	size_t n = strlen(p);
	int rc;

	while (n > 1 && p[n - 1] == '/')	/* "out/" is "out" */
		p[--n] = '\0';
	/* a folder is made and remembered before a signal can come */
	hold_signals(SIG_BLOCK);
	rc = mkdirs(b, p, err);
	hold_signals(SIG_UNBLOCK);
	free(p);
	return rc;
}

/* 1 if path, whose status is st, holds exactly these bytes. */
static int
same_content(const char *path, const struct stat *st, const void *data,
    size_t len)
{
	struct buf b;
	int same;

	if (!S_ISREG(st->st_mode) || (size_t)st->st_size != len)
		return 0;
	buf_init(&b);
	same = util_read_file(path, len, &b) == 0 && b.len == len &&
	    memcmp(b.data, data, len) == 0;
	buf_free(&b);
	return same;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static struct staged *
add_staged(struct out_batch *b, char *tmp, const char *path)
{
	struct staged *s;

	b->files = xreallocarray(b->files, b->n + 1, sizeof(*b->files));
	s = &b->files[b->n++];
	s->tmp = tmp;
	s->path = xstrdup(path);
	if (tmp != NULL && npending < MAX_PENDING) {
		pending[npending] = tmp;
		npending++;
	}
	return s;
}

enum out_result
out_stage(struct out_batch *b, const char *path, const void *data,
    size_t len, char **err)
{
	static mode_t mask = (mode_t)-1;
	struct stat st;
	char *tmp;
	int fd, e;

	*err = NULL;
	if (stat(path, &st) == 0) {
		if (same_content(path, &st, data, len))
			return OUT_UNCHANGED;
		if (S_ISDIR(st.st_mode)) {
			*err = xasprintf("%s: is a folder; expected a file "
			    "name", path);
			return OUT_ERROR;
		}
	}
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	/* a temporary is made and remembered before a signal can come */
	hold_signals(SIG_BLOCK);
	if ((fd = mkstemp(tmp)) == -1) {
		e = errno;
		hold_signals(SIG_UNBLOCK);
		*err = xasprintf("%s: %s", path, strerror(e));
		free(tmp);
		return OUT_ERROR;
	}
	add_staged(b, tmp, path);
	hold_signals(SIG_UNBLOCK);
	if (mask == (mode_t)-1) {	/* read once: regen never sets it */
		mask = umask(0);
		umask(mask);
	}
	if (write_all(fd, data, len) == -1 ||
	    fchmod(fd, 0666 & ~mask) == -1) {
		e = errno;
		close(fd);
		*err = xasprintf("%s: %s", path, strerror(e));
		return OUT_ERROR;
	}
	if (close(fd) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return OUT_ERROR;
	}
	return OUT_WRITTEN;
}

void
out_stage_remove(struct out_batch *b, const char *path)
{
	if (access(path, F_OK) == 0)
		add_staged(b, NULL, path);
}

int
out_commit(struct out_batch *b, char **err)
{
	size_t i;

	*err = NULL;
	/* once renaming starts it runs to the end, so a signal cannot
	 * leave half of the new files beside half of the old ones */
	hold_signals(SIG_BLOCK);
	for (i = 0; i < b->n; i++) {
		struct staged *s = &b->files[i];

		if (s->tmp == NULL) {
			unlink(s->path);
			continue;
		}
		if (rename(s->tmp, s->path) == -1) {
			*err = xasprintf("%s: %s", s->path, strerror(errno));
			out_abort(b);
			hold_signals(SIG_UNBLOCK);
			return -1;
		}
		/* renamed: no longer a temporary to clean up */
		free(s->tmp);
		s->tmp = NULL;
	}
	npending = 0;
	npending_dirs = 0;
	hold_signals(SIG_UNBLOCK);
	return 0;
}

void
out_abort(struct out_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->files[i].tmp != NULL) {
			unlink(b->files[i].tmp);
			free(b->files[i].tmp);
			b->files[i].tmp = NULL;
		}
	npending = 0;
	npending_dirs = 0;
	/* innermost first; rmdir leaves a folder that is not empty */
	for (i = b->ndirs; i-- > 0;)
		rmdir(b->dirs[i]);
}

enum out_result
out_write(const char *path, const void *data, size_t len, char **err)
{
	struct out_batch *b = out_batch_new();
	enum out_result r;

	r = out_stage(b, path, data, len, err);
	if (r == OUT_ERROR)
		out_abort(b);
	else if (r == OUT_WRITTEN && out_commit(b, err) == -1)
		r = OUT_ERROR;
	out_batch_free(b);
	return r;
}
