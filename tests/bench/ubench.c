// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-benchmarks run inside a guest by scripts/bench. Each prints
 * "bench NAME NS" lines: nanoseconds per operation, one line per round.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void report(const char *name, double t0, long n)
{
	printf("bench %s %.1f\n", name, (now() - t0) / n);
	fflush(stdout);
}

static void b_syscall(void)
{
	long i, n = 20000;
	double t0 = now();

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	report("syscall", t0, n);
}

static void b_clock(void)
{
	struct timespec ts;
	long i, n = 20000;
	double t0 = now();

	for (i = 0; i < n; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	report("clock_gettime", t0, n);
}

static void b_fork(void)
{
	long i, n = 100;
	double t0 = now();

	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (!p)
			_exit(0);
		waitpid(p, NULL, 0);
	}
	report("fork_exit_wait", t0, n);
}

static void b_exec(const char *prog)
{
	long i, n = 50;
	double t0 = now();

	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (!p) {
			execl(prog, prog, (char *)NULL);
			_exit(127);
		}
		waitpid(p, NULL, 0);
	}
	report("fork_exec_wait", t0, n);
}

static void b_pipe(void)
{
	int a[2], b[2];
	long i, n = 5000;
	char c = 0;
	double t0;
	pid_t p;

	if (pipe(a) || pipe(b))
		return;
	p = fork();
	if (!p) {
		for (i = 0; i < n; i++) {
			if (read(a[0], &c, 1) != 1 || write(b[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	t0 = now();
	for (i = 0; i < n; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			break;
	report("pipe_pingpong", t0, n);
	waitpid(p, NULL, 0);
	close(a[0]); close(a[1]); close(b[0]); close(b[1]);
}

static void b_fault(void)
{
	const long size = 32 << 20, pages = size / 4096;
	char *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double t0;
	long i;

	if (m == MAP_FAILED)
		return;
	t0 = now();
	for (i = 0; i < pages; i++)
		m[i * 4096] = 1;
	report("page_fault", t0, pages);
	munmap(m, size);
}

static void *thread_fn(void *arg)
{
	return arg;
}

static void b_thread(void)
{
	long i, n = 200;
	double t0 = now();

	for (i = 0; i < n; i++) {
		pthread_t t;

		pthread_create(&t, NULL, thread_fn, NULL);
		pthread_join(t, NULL);
	}
	report("thread_create_join", t0, n);
}

static void b_file(void)
{
	static char buf[4096];
	const long n = 4096;	/* 16 MiB */
	double t0;
	long i;
	int fd = open("/tmp/bench.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return;
	memset(buf, 'x', sizeof(buf));
	t0 = now();
	for (i = 0; i < n; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			break;
	lseek(fd, 0, SEEK_SET);
	for (i = 0; i < n; i++)
		if (read(fd, buf, sizeof(buf)) != sizeof(buf))
			break;
	report("tmpfs_rw_4k", t0, 2 * n);
	close(fd);
	unlink("/tmp/bench.dat");
}

int main(int argc, char **argv)
{
	int r, rounds = argc > 1 ? atoi(argv[1]) : 5;
	const char *prog = argc > 2 ? argv[2] : "/bin/true";

	for (r = 0; r < rounds; r++) {
		b_syscall();
		b_clock();
		b_fork();
		b_exec(prog);
		b_pipe();
		b_fault();
		b_thread();
		b_file();
	}
	return 0;
}
