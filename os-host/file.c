// SPDX-License-Identifier: GPL-2.0
/* Plain host file access for the kernel side. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

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
