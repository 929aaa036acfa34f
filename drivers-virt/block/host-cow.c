// SPDX-License-Identifier: GPL-2.0
/*
 * Block devices, host half: the copy-on-write backend. Writes go to the
 * COW file, reads of sectors never written come from the backing file,
 * which is opened read-only and never written.
 *
 * The COW file is the classic UML one (version 3), so uml_moo merges it:
 *
 *   offset 0     header, all numbers big-endian:
 *                u32 magic "OOOM", u32 version 3, u32 backing mtime (s),
 *                u64 disk size, u32 sector size (512), u32 alignment,
 *                u32 format (0: bitmap), char backing path[4096]
 *   bitmap_off   the header's size rounded up to the alignment: one bit per
 *                sector, set when the sector's data is in the COW file
 *                (bit n is bit n % 8 of byte n / 8)
 *   data_off     bitmap_off + bitmap length, rounded up: sector n at
 *                data_off + 512 n (the file is sparse)
 *
 * Crash safety. The bitmap is kept in memory; reads follow it. A write
 * puts its data in the COW file first and sets its bits in memory only
 * once that is done. Bits reach the file only at a flush, in this order:
 * the dirty parts of the bitmap are copied, the file's data is synced,
 * the copies are written, the file is synced again. So a bit in the file
 * always stands for data that was already on stable storage when the bit
 * was written, whatever moment the program (or the host) dies: every write
 * the guest flushed reads back, an unflushed one reads either as before
 * or as written (what a disk with a write cache gives), and the backing
 * file is never touched. A FUA write, and every write with flag s, is
 * flushed that way before it completes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/falloc.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "host-blk.h"

#define COW_MAGIC	0x4f4f4f4d	/* "OOOM" */
#define COW_VERSION	3
#define COW_PATH_LEN	4096
#define COW_HEADER_LEN	(6 * 4 + 8 + COW_PATH_LEN)
#define COW_SECTOR	512
#define COW_ALIGN	4096		/* for the files made here */
#define COW_CHUNK	4096		/* bytes of bitmap written as one */

struct blk_cow {
	int fd, backing_fd;
	unsigned long long bitmap_off, bitmap_len, data_off;
	unsigned char *bits;		/* the bitmap as reads see it */
	unsigned char *dirty;		/* a bit per COW_CHUNK of bits not in the file */
	unsigned long chunks;
	pthread_mutex_t flush_lock;	/* one flush at a time, the owner of: */
	unsigned char *copy;		/* the chunks a flush writes, as they were */
	unsigned long *which;		/* and their numbers */
};

static unsigned int get32(const unsigned char *p)
{
	return (unsigned int)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static unsigned long long get64(const unsigned char *p)
{
	return (unsigned long long)get32(p) << 32 | get32(p + 4);
}

static void put32(unsigned char *p, unsigned int v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put64(unsigned char *p, unsigned long long v)
{
	put32(p, v >> 32);
	put32(p + 4, v);
}

static unsigned long long round_up(unsigned long long v, unsigned long long a)
{
	return (v + a - 1) / a * a;
}

int blk_is_cow_file(int fd)
{
	unsigned char m[4];

	return pread(fd, m, 4, 0) == 4 && get32(m) == COW_MAGIC;
}

struct cow_header {
	unsigned int version, mtime, sector, align, format;
	unsigned long long size;
	char backing[COW_PATH_LEN + 1];
};

static void read_header(struct blk_disk *d, int fd, struct cow_header *h)
{
	unsigned char buf[COW_HEADER_LEN];
	ssize_t n = pread(fd, buf, sizeof(buf), 0);

	if (n >= 8 && get32(buf + 4) != COW_VERSION)
		host_die_usage("ubd%d=%s: COW file version %u is not supported (only 3)",
			       d->index, d->path, get32(buf + 4));
	if (n != sizeof(buf))
		host_die_usage("ubd%d=%s: the COW header is truncated", d->index, d->path);
	h->version = get32(buf + 4);
	h->mtime = get32(buf + 8);
	h->size = get64(buf + 12);
	h->sector = get32(buf + 20);
	h->align = get32(buf + 24);
	h->format = get32(buf + 28);
	memcpy(h->backing, buf + 32, COW_PATH_LEN);
	h->backing[COW_PATH_LEN] = '\0';
	if (h->sector != COW_SECTOR || h->format != 0 || !h->size || h->size % COW_SECTOR ||
	    h->size > (1ULL << 50) || h->align < 512 || h->align > (1U << 20) ||
	    (h->align & (h->align - 1)) || !h->backing[0])
		host_die_usage("ubd%d=%s: a corrupt COW header (sector size %u, alignment %u, "
			       "format %u, size %llu)", d->index, d->path, h->sector,
			       h->align, h->format, h->size);
}

static void write_header(struct blk_disk *d, int fd, const struct cow_header *h)
{
	unsigned char buf[COW_HEADER_LEN] = { 0 };

	put32(buf, COW_MAGIC);
	put32(buf + 4, COW_VERSION);
	put32(buf + 8, h->mtime);
	put64(buf + 12, h->size);
	put32(buf + 20, h->sector);
	put32(buf + 24, h->align);
	put32(buf + 28, h->format);
	memcpy(buf + 32, h->backing, strlen(h->backing));
	if (pwrite(fd, buf, sizeof(buf), 0) != sizeof(buf) || fdatasync(fd))
		host_die_usage("ubd%d=%s: cannot write the COW header: %s", d->index,
			       d->path, strerror(errno));
}

/* The backing file's path as the header keeps it: absolute. */
static void backing_path(struct blk_disk *d, const char *given, char *out)
{
	char *abs = realpath(given, NULL);

	if (!abs)
		host_die_usage("ubd%d=%s,%s: %s", d->index, d->path, given, strerror(errno));
	if (strlen(abs) >= COW_PATH_LEN)
		host_die_usage("ubd%d: the backing file's path is too long", d->index);
	strcpy(out, abs);
	free(abs);
}

/*
 * Open (or, given a backing file, create) the COW file of disk d, whose
 * descriptor fd is already open read-write; check it against its backing
 * file; set the disk up on this backend.
 */
void blk_cow_setup(struct blk_disk *d, int fd, const struct stat *st)
{
	struct blk_cow *c = calloc(1, sizeof(*c));
	struct cow_header h = { 0 };
	struct stat bst;
	const char *backing;
	int fresh = st->st_size == 0 && d->backing;

	if (!c)
		host_die("out of memory");
	if (fresh) {
		backing_path(d, d->backing, h.backing);
	} else {
		read_header(d, fd, &h);
	}
	/* BACKING given for an existing COW file: where the backing file is now. */
	backing = d->backing ? d->backing : h.backing;
	c->backing_fd = blk_open_file(d, backing, 0, &bst);
	blk_lock_file(d, c->backing_fd, backing, 0);
	if (bst.st_dev == st->st_dev && bst.st_ino == st->st_ino)
		host_die_usage("ubd%d=%s: the COW file is its own backing file", d->index, d->path);
	if (fresh) {
		h.size = blk_file_size(c->backing_fd, &bst);
		h.mtime = bst.st_mtime;
		h.sector = COW_SECTOR;
		h.align = COW_ALIGN;
		if (!h.size || h.size % COW_SECTOR)
			host_die_usage("ubd%d=%s,%s: the backing file's size (%llu bytes) is "
				       "not a multiple of 512", d->index, d->path, backing, h.size);
	} else if (blk_file_size(c->backing_fd, &bst) != h.size) {
		host_die_usage("ubd%d=%s: the backing file %s is %llu bytes, the COW file "
			       "was made for %llu", d->index, d->path, backing,
			       blk_file_size(c->backing_fd, &bst), h.size);
	} else if ((unsigned int)bst.st_mtime != h.mtime) {
		if (!strchr(d->flags, 'f'))
			host_die_usage("ubd%d=%s: the backing file %s changed since the COW "
				       "file was made (flag f accepts it)", d->index, d->path,
				       backing);
		h.mtime = bst.st_mtime;
		if (d->backing)
			backing_path(d, d->backing, h.backing);
		write_header(d, fd, &h);
	}
	d->backing_dev = bst.st_dev;
	d->backing_ino = bst.st_ino;

	c->fd = fd;
	c->bitmap_off = round_up(COW_HEADER_LEN, h.align);
	c->bitmap_len = (h.size / COW_SECTOR + 7) / 8;
	c->data_off = round_up(c->bitmap_off + c->bitmap_len, h.align);
	c->chunks = (c->bitmap_len + COW_CHUNK - 1) / COW_CHUNK;
	c->bits = calloc(1, c->chunks * COW_CHUNK);
	c->dirty = calloc(1, (c->chunks + 7) / 8);
	c->copy = malloc(c->chunks * COW_CHUNK);
	c->which = malloc(c->chunks * sizeof(*c->which));
	if (!c->bits || !c->dirty || !c->copy || !c->which)
		host_die("out of memory for the COW bitmap of ubd%d", d->index);
	if (fresh) {
		write_header(d, fd, &h);
		if (ftruncate(fd, c->data_off + h.size) || fdatasync(fd))
			host_die_usage("ubd%d=%s: %s", d->index, d->path, strerror(errno));
	} else {
		struct stat now;

		if (pread(fd, c->bits, c->bitmap_len, c->bitmap_off) != (ssize_t)c->bitmap_len)
			host_die_usage("ubd%d=%s: the COW file is truncated (no whole bitmap)",
				       d->index, d->path);
		/* The data area is sparse; a file cut short reads as zeroes. */
		if (!fstat(fd, &now) && (unsigned long long)now.st_size < c->data_off + h.size &&
		    ftruncate(fd, c->data_off + h.size))
			host_die_usage("ubd%d=%s: %s", d->index, d->path, strerror(errno));
	}
	pthread_mutex_init(&c->flush_lock, NULL);
	d->size = h.size;
	d->cow = c;
	d->backend = &blk_cow_backend;
}

static int test_bit(struct blk_cow *c, unsigned long long s)
{
	return __atomic_load_n(&c->bits[s / 8], __ATOMIC_ACQUIRE) >> (s % 8) & 1;
}

/* The part [from, from+len) of a request's buffers, as its own vector. */
static int sub_vector(const struct iovec *vec, int n, unsigned long from,
		      unsigned long len, struct iovec *out)
{
	int i, m = 0;

	for (i = 0; i < n && len; i++) {
		unsigned long take;

		if (from >= vec[i].iov_len) {
			from -= vec[i].iov_len;
			continue;
		}
		take = vec[i].iov_len - from;
		if (take > len)
			take = len;
		out[m].iov_base = (char *)vec[i].iov_base + from;
		out[m++].iov_len = take;
		len -= take;
		from = 0;
	}
	return m;
}

static int cow_read(struct blk_disk *d, const struct iovec *vec, int n,
		    unsigned long long off, unsigned long len)
{
	struct blk_cow *c = d->cow;
	struct iovec part[HOST_BLK_MAX_VEC];
	unsigned long done = 0;

	while (done < len) {
		unsigned long long s = (off + done) / COW_SECTOR;
		int in_cow = test_bit(c, s);
		unsigned long run = COW_SECTOR;
		int m, err;

		while (done + run < len && test_bit(c, s + run / COW_SECTOR) == in_cow)
			run += COW_SECTOR;
		m = sub_vector(vec, n, done, run, part);
		if (in_cow)
			err = blk_file_rw(c->fd, 0, part, m, c->data_off + off + done, run, 0);
		else
			err = blk_file_rw(c->backing_fd, 0, part, m, off + done, run, 0);
		if (err)
			return err;
		done += run;
	}
	return 0;
}

static void mark(struct blk_cow *c, unsigned long long first, unsigned long long count)
{
	unsigned long long s;

	for (s = first; s < first + count; s++) {
		__atomic_fetch_or(&c->bits[s / 8], 1 << (s % 8), __ATOMIC_RELEASE);
		/* After the bit: a flush that clears this mark copies the bit. */
		__atomic_fetch_or(&c->dirty[s / 8 / COW_CHUNK / 8],
				  1 << (s / 8 / COW_CHUNK % 8), __ATOMIC_RELEASE);
	}
}

/* Make every write completed so far durable, bitmap included (see the top). */
static int cow_flush(struct blk_disk *d)
{
	struct blk_cow *c = d->cow;
	unsigned long i, j = 0, k = 0;
	int err = 0;

	pthread_mutex_lock(&c->flush_lock);
	for (i = 0; i < c->chunks; i++) {
		unsigned char bit = 1 << (i % 8);

		if (!(__atomic_fetch_and(&c->dirty[i / 8], ~bit, __ATOMIC_ACQ_REL) & bit))
			continue;
		memcpy(c->copy + k * COW_CHUNK, c->bits + i * COW_CHUNK, COW_CHUNK);
		c->which[k++] = i;
	}
	if (fdatasync(c->fd)) {
		err = -errno;
		goto out;
	}
	for (; j < k; j++) {
		unsigned long long at = c->which[j] * COW_CHUNK;
		unsigned long len = c->bitmap_len - at < COW_CHUNK ? c->bitmap_len - at : COW_CHUNK;
		struct iovec v = { c->copy + j * COW_CHUNK, len };

		err = blk_file_rw(c->fd, 1, &v, 1, c->bitmap_off + at, len, 0);
		if (err)
			goto out;
	}
	if (k && fdatasync(c->fd))
		err = -errno;
out:
	if (err)	/* the chunks not written are still to be written */
		for (; j < k; j++)
			__atomic_fetch_or(&c->dirty[c->which[j] / 8], 1 << (c->which[j] % 8),
					  __ATOMIC_RELEASE);
	pthread_mutex_unlock(&c->flush_lock);
	return err;
}

static int cow_rw(struct blk_disk *d, int write, const struct iovec *vec, int n,
		  unsigned long long off, unsigned long len, int fua)
{
	struct blk_cow *c = d->cow;
	int err;

	if (!write)
		return cow_read(d, vec, n, off, len);
	err = blk_file_rw(c->fd, 1, vec, n, c->data_off + off, len, 0);
	if (err)
		return err;
	mark(c, off / COW_SECTOR, len / COW_SECTOR);
	return (fua || d->sync) ? cow_flush(d) : 0;
}

/* Discarded sectors read as zeroes: their data in the COW file is a hole. */
static int cow_discard(struct blk_disk *d, unsigned long long off,
		       unsigned long long len, int zero)
{
	struct blk_cow *c = d->cow;
	unsigned long long at = c->data_off + off;
	int err = 0;

	if (fallocate(c->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, at, len)) {
		if (errno != EOPNOTSUPP)
			return -errno;
		err = blk_write_zeroes(c->fd, at, len);
	}
	if (!err)
		mark(c, off / COW_SECTOR, len / COW_SECTOR);
	return err;
}

const struct blk_backend blk_cow_backend = {
	.rw = cow_rw,
	.flush = cow_flush,
	.discard = cow_discard,
};
