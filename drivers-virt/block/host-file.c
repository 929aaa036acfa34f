// SPDX-License-Identifier: GPL-2.0
/*
 * Block devices, host half: the plain backend, where the disk is its image
 * file byte for byte (or a host block device). Flush is fdatasync; a FUA
 * write is a write with RWF_DSYNC; discard punches a hole, so the guest's
 * fstrim gives the space back to the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <linux/falloc.h>
#include <sys/uio.h>

#include "host-blk.h"

/* All of len bytes at off through the buffers, or -errno (-EIO past the end). */
int blk_file_rw(int fd, int write, const struct iovec *vec, int n,
		unsigned long long off, unsigned long len, int dsync)
{
	struct iovec v[HOST_BLK_MAX_VEC];
	struct iovec *p = v;
	ssize_t got;

	if (n > HOST_BLK_MAX_VEC)
		return -EINVAL;
	memcpy(v, vec, n * sizeof(*v));
	while (len) {
		if (write)
			got = pwritev2(fd, p, n, off, dsync ? RWF_DSYNC : 0);
		else
			got = preadv(fd, p, n, off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (!got)
			return -EIO;	/* the file shrank under the guest */
		if ((unsigned long)got > len)
			got = len;
		len -= got;
		off += got;
		while (n && (size_t)got >= p->iov_len) {
			got -= p->iov_len;
			p++;
			n--;
		}
		if (n) {
			p->iov_base = (char *)p->iov_base + got;
			p->iov_len -= got;
		}
	}
	return 0;
}

static int file_rw(struct blk_disk *d, int write, const struct iovec *vec, int n,
		   unsigned long long off, unsigned long len, int fua)
{
	return blk_file_rw(d->fd, write, vec, n, off, len, fua && !d->sync);
}

static int file_flush(struct blk_disk *d)
{
	return fdatasync(d->fd) ? -errno : 0;
}

/* Zeroes written the long way, where the file system cannot punch holes. */
int blk_write_zeroes(int fd, unsigned long long off, unsigned long long len)
{
	static const char zero[65536];
	struct iovec v = { (void *)zero, 0 };
	int err;

	while (len) {
		v.iov_len = len < sizeof(zero) ? len : sizeof(zero);
		err = blk_file_rw(fd, 1, &v, 1, off, v.iov_len, 0);
		if (err)
			return err;
		off += v.iov_len;
		len -= v.iov_len;
	}
	return 0;
}

static int file_discard(struct blk_disk *d, unsigned long long off,
			unsigned long long len, int zero)
{
	if (!fallocate(d->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len))
		return 0;
	if (errno != EOPNOTSUPP)
		return -errno;
	/* A discard may leave the data; zeroes must be there after. */
	return zero ? blk_write_zeroes(d->fd, off, len) : 0;
}

const struct blk_backend blk_file_backend = {
	.rw = file_rw,
	.flush = file_flush,
	.discard = file_discard,
};
