// SPDX-License-Identifier: GPL-2.0
/*
 * Block devices, host half: the ubdN= options and the files behind them.
 *
 *   ubdN[FLAGS]=FILE[,BACKING][,SERIAL]      (':' separates as well)
 *
 * N is 0 to 15 or a to p; FLAGS any of r (read-only: the host file is
 * opened read-only), s (synchronous writes), d (data: never taken for a
 * copy-on-write file), c (shared: no lock), t (no TRIM), f (force: take a
 * COW file's backing file although it changed since). Everything is
 * checked and opened here, before boot, so a bad option stops the program
 * with one line; at run time a failing host call is an I/O error in the
 * guest.
 *
 * Unless flag c is given, the file is locked with an open file description
 * lock (which also conflicts with the classic POSIX locks other programs
 * take): exclusive when written, shared when read-only. So two guests
 * never write one image, and a guest never writes one another reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "host-blk.h"

static struct blk_disk disks[HOST_BLK_DISKS];
static int snapshot;		/* --snapshot: every writable disk on a throwaway COW file */

static int disk_number(const char *name, size_t len, size_t *used)
{
	size_t i = 0;
	int n = 0;

	if (len && name[0] >= 'a' && name[0] <= 'z') {
		*used = 1;
		return name[0] - 'a';
	}
	while (i < len && name[i] >= '0' && name[i] <= '9' && n < 1000)
		n = n * 10 + (name[i++] - '0');
	*used = i;
	return i ? n : -1;
}

int host_blk_option(const char *name, size_t len, const char *val,
		    char *err, size_t errlen)
{
	struct blk_disk *d;
	const char *f[3] = { val, NULL, NULL };
	size_t used, i;
	int n, nf = 1;
	char *copy, *c;

	n = disk_number(name, len, &used);
	if (n < 0 || n >= HOST_BLK_DISKS) {
		snprintf(err, errlen, "no such disk (ubd0 to ubd15, or ubda to ubdp)");
		return -1;
	}
	d = &disks[n];
	if (d->set) {
		snprintf(err, errlen, "disk %d is given twice", n);
		return -1;
	}
	for (i = used; i < len; i++) {
		if (!strchr("rsdctf", name[i])) {
			snprintf(err, errlen, "unknown flag '%c' (r, s, d, c, t or f)", name[i]);
			return -1;
		}
	}
	if (len - used >= sizeof(d->flags)) {
		snprintf(err, errlen, "too many flags");
		return -1;
	}
	memcpy(d->flags, name + used, len - used);
	d->flags[len - used] = '\0';

	copy = strdup(val);
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (c = copy; *c; c++) {
		if (*c != ',' && *c != ':')
			continue;
		if (nf == 3) {
			free(copy);
			snprintf(err, errlen, "more than FILE,BACKING,SERIAL");
			return -1;
		}
		*c = '\0';
		f[nf++] = c + 1;
	}
	f[0] = copy;
	if (!*f[0]) {
		free(copy);
		snprintf(err, errlen, "no file named");
		return -1;
	}
	d->index = n;
	d->set = 1;
	d->path = f[0];
	d->backing = f[1] && *f[1] ? f[1] : NULL;
	d->serial = f[2] && *f[2] ? f[2] : NULL;
	d->read_only = !!strchr(d->flags, 'r');
	d->sync = !!strchr(d->flags, 's');
	d->data_only = !!strchr(d->flags, 'd');
	d->shared = !!strchr(d->flags, 'c');
	d->no_trim = !!strchr(d->flags, 't');
	return 0;
}

/* Open FILE for disk d; dies with a usage error naming it. */
int blk_open_file(struct blk_disk *d, const char *path, int writable,
		  struct stat *st)
{
	int fd, flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK;

	if (writable && d->sync)
		flags |= O_DSYNC;
	/* Without blocking, so a FIFO cannot hang the start; then checked. */
	fd = open(path, flags);
	if (fd < 0)
		host_die_usage("ubd%d=%s: %s", d->index, path, strerror(errno));
	if (fstat(fd, st))
		host_die_usage("ubd%d=%s: %s", d->index, path, strerror(errno));
	if (!S_ISREG(st->st_mode) && !S_ISBLK(st->st_mode))
		host_die_usage("ubd%d=%s: not a regular file or block device",
			       d->index, path);
	if (fcntl(fd, F_SETFL, 0))
		host_die_usage("ubd%d=%s: %s", d->index, path, strerror(errno));
	return fd;
}

/* Size in bytes of an open image. */
unsigned long long blk_file_size(int fd, const struct stat *st)
{
	unsigned long long size = st->st_size;

	if (S_ISBLK(st->st_mode) && ioctl(fd, BLKGETSIZE64, &size))
		return 0;
	return size;
}

/*
 * Two disks on one host file would corrupt it behind each other's back,
 * unless neither writes it (a backing file shared by several COW disks,
 * an image several read-only disks read). Dies if another disk uses the
 * file (dev, ino) and one of the two writes it.
 */
static void check_use(struct blk_disk *d, const char *path, dev_t dev, ino_t ino,
		      int writes)
{
	int i;

	for (i = 0; i < HOST_BLK_DISKS; i++) {
		struct blk_disk *o = &disks[i];

		if (o == d || !o->backend)
			continue;
		if (o->dev == dev && o->ino == ino && (writes || !o->read_only))
			host_die_usage("ubd%d=%s: the same file as ubd%d", d->index, path, i);
		if (o->cow && o->backing_dev == dev && o->backing_ino == ino && writes)
			host_die_usage("ubd%d=%s: the backing file of ubd%d", d->index, path, i);
	}
}

/* The lock that keeps other programs from writing (or, when we write,
 * from using) the file; a usage error if one of them holds it. */
void blk_lock_file(struct blk_disk *d, int fd, const char *path, int writable)
{
	struct flock l = {
		.l_type = writable ? F_WRLCK : F_RDLCK,
		.l_whence = SEEK_SET,
	};
	struct stat st;
	int e;

	if (d->shared)
		return;
	if (!fcntl(fd, F_OFD_SETLK, &l))
		return;
	e = errno;
	/* Held by this program itself: the file is named twice. */
	if (!fstat(fd, &st))
		check_use(d, path, st.st_dev, st.st_ino, writable);
	if (e == EAGAIN || e == EACCES)
		host_die_usage("ubd%d=%s: in use by another program (it holds a lock%s)",
			       d->index, path,
			       writable ? "; flag c shares the file without one" : "");
	host_die_usage("ubd%d=%s: cannot lock it: %s", d->index, path, strerror(e));
}

/* Also without locks (flag c): the disk's files against the other disks'. */
static void check_distinct(struct blk_disk *d)
{
	check_use(d, d->path, d->dev, d->ino, !d->read_only);
	if (d->cow)
		check_use(d, d->backing ? d->backing : d->path, d->backing_dev, d->backing_ino, 0);
}

/*
 * --snapshot: the image becomes the backing file of a COW file that has no
 * name (O_TMPFILE in $TMPDIR, else /var/tmp), so nothing the guest writes
 * outlives the program, and nothing needs cleaning up after it.
 */
static void prepare_snapshot(struct blk_disk *d)
{
	const char *dir = getenv("TMPDIR");
	struct stat st;
	int fd;

	if (d->backing)
		host_die_usage("ubd%d=%s,%s: --snapshot of a COW disk (name its backing "
			       "file alone, or merge it first)", d->index, d->path, d->backing);
	fd = blk_open_file(d, d->path, 0, &st);
	if (!d->data_only && blk_is_cow_file(fd))
		host_die_usage("ubd%d=%s: --snapshot of a COW file (name its backing file "
			       "alone, or merge it first)", d->index, d->path);
	close(fd);
	if (!dir || !*dir)
		dir = "/var/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		host_die_usage("ubd%d: --snapshot: no temporary file in %s: %s", d->index,
			       dir, strerror(errno));
	if (fstat(fd, &st))
		host_die_usage("ubd%d: --snapshot: %s", d->index, strerror(errno));
	d->fd = fd;
	d->dev = st.st_dev;
	d->ino = st.st_ino;
	d->backing = d->path;
	blk_cow_setup(d, fd, &st);
	check_distinct(d);
}

static void prepare_disk(struct blk_disk *d)
{
	struct stat st;
	int fd;

	if (snapshot && !d->read_only) {
		prepare_snapshot(d);
		return;
	}

	/* A COW file named with its backing file is made when missing. */
	if (d->backing && !d->read_only && access(d->path, F_OK) && errno == ENOENT) {
		fd = open(d->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			host_die_usage("ubd%d=%s: cannot make the COW file: %s", d->index,
				       d->path, strerror(errno));
		close(fd);
	}
	d->fd = blk_open_file(d, d->path, !d->read_only, &st);
	d->dev = st.st_dev;
	d->ino = st.st_ino;
	blk_lock_file(d, d->fd, d->path, !d->read_only);
	if (d->backing || (!d->data_only && blk_is_cow_file(d->fd))) {
		if (d->data_only)
			host_die_usage("ubd%d=%s,%s: flag d (data, no COW) and a backing file",
				       d->index, d->path, d->backing);
		blk_cow_setup(d, d->fd, &st);
	} else {
		d->size = blk_file_size(d->fd, &st);
		if (d->size % 512)
			host_die_usage("ubd%d=%s: its size (%llu bytes) is not a multiple of 512",
				       d->index, d->path, d->size);
		d->backend = &blk_file_backend;
	}
	check_distinct(d);
}

void host_blk_prepare(int snapshot_all)
{
	int i;

	snapshot = snapshot_all;
	for (i = 0; i < HOST_BLK_DISKS; i++)
		if (disks[i].set)
			prepare_disk(&disks[i]);
}

int host_blk_describe(int disk, struct host_blk_disk *info)
{
	struct blk_disk *d;

	if (disk < 0 || disk >= HOST_BLK_DISKS || !disks[disk].set)
		return -ENODEV;
	d = &disks[disk];
	info->size = d->size;
	info->read_only = d->read_only;
	info->write_cache = !d->sync;
	info->discard = !d->no_trim && !d->read_only;
	info->serial = d->serial;
	info->path = d->path;
	return 0;
}

int host_blk_start(int disk, int irq)
{
	if (disk < 0 || disk >= HOST_BLK_DISKS || !disks[disk].set)
		return -ENODEV;
	return blk_queue_start(&disks[disk], irq);
}

void host_blk_submit(int disk, struct host_blk_req *req)
{
	blk_queue_submit(&disks[disk], req);
}

struct host_blk_req *host_blk_done(int disk)
{
	return blk_queue_done(&disks[disk]);
}
