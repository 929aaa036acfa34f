// SPDX-License-Identifier: GPL-2.0
/*
 * fork+exit+wait from a small process: no C library, a few pages in all,
 * so that the figure is what creating and ending an address space costs,
 * not copying a big one. Prints "bench fork_small NS" like ubench.
 */
static long sys(long nr, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static long now_ns(void)
{
	long ts[2];

	sys(228, 1 /* CLOCK_MONOTONIC */, (long)ts, 0, 0);
	return ts[0] * 1000000000L + ts[1];
}

static void print(const char *s, long n)
{
	char buf[64];
	int i = 0, j;

	while (*s)
		buf[i++] = *s++;
	j = i;
	do
		buf[i++] = '0' + n % 10;
	while ((n /= 10));
	for (int a = j, b = i - 1; a < b; a++, b--) {
		char t = buf[a];

		buf[a] = buf[b];
		buf[b] = t;
	}
	buf[i++] = '\n';
	sys(1, 1, (long)buf, i, 0);
}

void _start(void)
{
	const int n = 200;
	long t0 = now_ns();
	int i;

	for (i = 0; i < n; i++) {
		long pid = sys(57, 0, 0, 0, 0);		/* fork */

		if (!pid)
			sys(60, 0, 0, 0, 0);		/* exit */
		sys(61, pid, 0, 0, 0);			/* wait4 */
	}
	print("bench fork_small ", (now_ns() - t0) / n);
	sys(60, 0, 0, 0, 0);
}
