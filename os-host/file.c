// SPDX-License-Identifier: GPL-2.0
/* Plain host file access for the kernel side. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "host-priv.h"

int host_open_ro(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

long host_pread(int fd, void *buf, unsigned long len, unsigned long long off)
{
	ssize_t n;

	do {
		n = pread(fd, buf, len, off);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

long host_write(int fd, const void *buf, unsigned long len)
{
	unsigned long done = 0;

	while (done < len) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return done ? (long)done : -errno;
		done += n;
	}
	return done;
}

int host_close(int fd)
{
	return close(fd) ? -errno : 0;
}

/*
 * Opened without blocking, so that a FIFO with no writer or a device that
 * waits for a carrier cannot hang the program before it boots; then
 * checked, on the descriptor itself.
 */
int host_open_regular(const char *opt, const char *path)
{
	struct stat st;
	int fd;

	if (!*path)
		host_die_usage("%s=: no file named", opt);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		host_die_usage("%s=%s: %s", opt, path, strerror(errno));
	if (fstat(fd, &st))
		host_die_usage("%s=%s: %s", opt, path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		host_die_usage("%s=%s: is a directory", opt, path);
	if (!S_ISREG(st.st_mode))
		host_die_usage("%s=%s: not a regular file", opt, path);
	fcntl(fd, F_SETFL, 0);
	return fd;
}
