// SPDX-License-Identifier: GPL-2.0
/*
 * Every way out of the program: exit, restart, abort. Each one restores the
 * terminal first.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/stat.h>

#include "host-priv.h"

static struct termios saved_termios;
static int saved_fd = -1;

void host_term_make_raw(int fd)
{
	struct termios t;

	if (saved_fd >= 0 || !isatty(fd) || tcgetattr(fd, &saved_termios))
		return;
	t = saved_termios;
	t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t.c_oflag &= ~OPOST;
	t.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag &= ~(CSIZE | PARENB);
	t.c_cflag |= CS8;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (!tcsetattr(fd, TCSADRAIN, &t))
		saved_fd = fd;
}

void host_term_restore(void)
{
	if (saved_fd >= 0) {
		tcsetattr(saved_fd, TCSADRAIN, &saved_termios);
		saved_fd = -1;
	}
}

void host_error_write(const char *buf, unsigned long len)
{
	while (len) {
		ssize_t n = write(2, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

void host_exit(int status)
{
	host_term_restore();
	_exit(status);
}

void host_reboot(void)
{
	sigset_t none;

	host_term_restore();
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	execv("/proc/self/exe", host_argv);
	host_error_write("linux: reboot: cannot start again\n", 34);
	_exit(1);
}

void host_abort(void)
{
	sigset_t abrt;

	host_term_restore();
	/* Not abort(): in this program that name is the kernel's. */
	signal(SIGABRT, SIG_DFL);
	sigemptyset(&abrt);
	sigaddset(&abrt, SIGABRT);
	pthread_sigmask(SIG_UNBLOCK, &abrt, NULL);
	raise(SIGABRT);
	_exit(134);
}
