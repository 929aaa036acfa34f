// SPDX-License-Identifier: GPL-2.0
/*
 * Console lines, host half: the conN= options, and the descriptors behind
 * each line. Input is read by one helper thread per line into a ring that
 * the kernel drains from its interrupt handler; output is written directly.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "host-priv.h"

#define RING_SIZE 4096

struct con_line {
	int set;		/* given on the command line */
	int in_fd, out_fd;	/* -1 for none */
	int raw_out;		/* output goes to a terminal in raw mode */
	int irq;
	int eof;
	/* input ring: the helper thread writes at head, the kernel reads at tail */
	unsigned int head, tail;
	char ring[RING_SIZE];
};

static struct con_line lines[HOST_CON_LINES];
static char default_spec[64];

static int parse_fd(const char *s, const char **end)
{
	char *e;
	long v;

	if (strncmp(s, "fd:", 3))
		return -1;
	s += 3;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &e, 10);
	if (v < 0 || v > INT_MAX)
		return -1;
	*end = e;
	return v;
}

/* SPEC: null | fd:N | fd:IN,fd:OUT */
static int parse_spec(const char *spec, int *in, int *out)
{
	const char *e;

	if (!strcmp(spec, "null")) {
		*in = *out = -1;
		return 0;
	}
	*in = parse_fd(spec, &e);
	if (*in < 0)
		return -1;
	if (!*e) {
		*out = *in;
		return 0;
	}
	if (*e != ',')
		return -1;
	*out = parse_fd(e + 1, &e);
	return (*out < 0 || *e) ? -1 : 0;
}

int host_con_option(int line, const char *spec, char *err, size_t errlen)
{
	int in, out;

	if (parse_spec(spec, &in, &out)) {
		snprintf(err, errlen, "'%s' is not a console (null, fd:N or fd:IN,fd:OUT)", spec);
		return -1;
	}
	if (line < 0) {
		snprintf(default_spec, sizeof(default_spec), "%s", spec);
		return 0;
	}
	lines[line].set = 1;
	lines[line].in_fd = in;
	lines[line].out_fd = out;
	return 0;
}

static int fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static int same_terminal(int a, int b)
{
	struct stat sa, sb;

	return isatty(a) && isatty(b) && !fstat(a, &sa) && !fstat(b, &sb) &&
	       sa.st_rdev == sb.st_rdev;
}

void host_con_prepare(void)
{
	int i;

	for (i = 0; i < HOST_CON_LINES; i++) {
		struct con_line *l = &lines[i];

		if (!l->set) {
			const char *spec = default_spec[0] ? default_spec :
					   (i == 0 ? "fd:0,fd:1" : "null");

			parse_spec(spec, &l->in_fd, &l->out_fd);
		}
		if (l->in_fd >= 0 && !fd_is_open(l->in_fd))
			host_die_usage("con%d: descriptor %d is not open", i, l->in_fd);
		if (l->out_fd >= 0 && !fd_is_open(l->out_fd))
			host_die_usage("con%d: descriptor %d is not open", i, l->out_fd);
	}
	/* A terminal on the first line becomes the guest's: raw mode. */
	if (lines[0].in_fd >= 0 && isatty(lines[0].in_fd)) {
		host_term_make_raw(lines[0].in_fd);
		lines[0].raw_out = same_terminal(lines[0].in_fd, lines[0].out_fd);
	}
}

static long futex(unsigned int *word, int op, unsigned int val)
{
	return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}

static void input_thread(void *arg)
{
	struct con_line *l = arg;
	char buf[512];

	for (;;) {
		unsigned int head = l->head;
		unsigned int tail = __atomic_load_n(&l->tail, __ATOMIC_ACQUIRE);
		unsigned int room = RING_SIZE - (head - tail);
		ssize_t n;

		if (!room) {
			/* Full: wait for the kernel to take some. */
			futex(&l->tail, FUTEX_WAIT_PRIVATE, tail);
			continue;
		}
		n = read(l->in_fd, buf, room < sizeof(buf) ? room : sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* The kernel sees the end as an end-of-file character. */
			__atomic_store_n(&l->eof, 1, __ATOMIC_RELEASE);
			host_raise_irq(l->irq);
			return;
		}
		for (ssize_t i = 0; i < n; i++)
			l->ring[(head + i) % RING_SIZE] = buf[i];
		__atomic_store_n(&l->head, head + n, __ATOMIC_RELEASE);
		host_raise_irq(l->irq);
	}
}

int host_con_open(int line, int irq)
{
	struct con_line *l;

	if (line < 0 || line >= HOST_CON_LINES)
		return 0;
	l = &lines[line];
	if (l->in_fd < 0 && l->out_fd < 0)
		return 0;
	if (irq >= 0 && l->in_fd >= 0 && !l->irq) {
		l->irq = irq;
		if (host_thread_start(input_thread, l))
			l->in_fd = -1;
	}
	return 1;
}

int host_con_eof(int line)
{
	struct con_line *l = &lines[line];

	return __atomic_exchange_n(&l->eof, 0, __ATOMIC_ACQ_REL) == 1 &&
	       __atomic_load_n(&l->head, __ATOMIC_ACQUIRE) == l->tail;
}

long host_con_read(int line, char *buf, unsigned long len)
{
	struct con_line *l = &lines[line];
	unsigned int tail = l->tail;
	unsigned int head = __atomic_load_n(&l->head, __ATOMIC_ACQUIRE);
	unsigned long n = 0;
	int was_full = head - tail == RING_SIZE;

	while (n < len && tail != head)
		buf[n++] = l->ring[tail++ % RING_SIZE];
	__atomic_store_n(&l->tail, tail, __ATOMIC_RELEASE);
	if (was_full && n)
		futex(&l->tail, FUTEX_WAKE_PRIVATE, 1);
	return n;
}

static void write_all(int fd, const char *buf, unsigned long len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

void host_con_write(int line, const char *buf, unsigned long len, int console)
{
	struct con_line *l = &lines[line];
	const char *nl;

	if (line < 0 || line >= HOST_CON_LINES || l->out_fd < 0)
		return;
	if (!console || !l->raw_out) {
		write_all(l->out_fd, buf, len);
		return;
	}
	/* A raw terminal does not turn \n into \r\n: do it here. */
	while (len && (nl = memchr(buf, '\n', len))) {
		write_all(l->out_fd, buf, nl - buf);
		write_all(l->out_fd, "\r\n", 2);
		len -= nl - buf + 1;
		buf = nl + 1;
	}
	write_all(l->out_fd, buf, len);
}

int host_con_winsize(int line, unsigned short *rows, unsigned short *cols)
{
	struct winsize ws;
	int fd = lines[line].out_fd;

	if (fd < 0 || ioctl(fd, TIOCGWINSZ, &ws))
		return -1;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}
