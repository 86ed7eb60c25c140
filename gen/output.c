/*
 * output: atomic, change-only file writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

/* The temporary file being written, for the signal handler. */
static char			pending[PATH_MAX];
static volatile sig_atomic_t	have_pending;

static void
on_signal(int sig)
{
	if (have_pending)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
out_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int
out_mkdirs(const char *dir, char **err)
{
	struct stat st;
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			*err = xasprintf("%s: %s", p, strerror(errno));
			rc = -1;
			break;
		}
		if (stat(p, &st) == -1 || !S_ISDIR(st.st_mode)) {
			*err = xasprintf("%s: %s", p, stat(p, &st) == -1 ?
			    strerror(errno) : "exists and is not a folder");
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* 1 if path holds exactly these bytes. */
static int
same_content(const char *path, const void *data, size_t len)
{
	struct stat st;
	struct buf b;
	int same;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
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

enum out_result
out_write(const char *path, const void *data, size_t len, char **err)
{
	struct stat st;
	mode_t mask;
	int fd, e;

	*err = NULL;
	if (same_content(path, data, len))
		return OUT_UNCHANGED;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s: is a folder; expected a file name",
		    path);
		return OUT_ERROR;
	}
	if (snprintf(pending, sizeof(pending), "%s.tmp-XXXXXX", path) >=
	    (int)sizeof(pending)) {
		*err = xasprintf("%s: path too long", path);
		return OUT_ERROR;
	}
	if ((fd = mkstemp(pending)) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return OUT_ERROR;
	}
	have_pending = 1;
	mask = umask(0);
	umask(mask);
	if (write_all(fd, data, len) == -1 ||
	    fchmod(fd, 0666 & ~mask) == -1 || close(fd) == -1) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (rename(pending, path) == -1) {
		e = errno;
		goto fail;
	}
	have_pending = 0;
	return OUT_WRITTEN;
fail:
	unlink(pending);
	have_pending = 0;
	*err = xasprintf("%s: %s", path, strerror(e));
	return OUT_ERROR;
}
