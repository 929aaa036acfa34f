// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's vDSO: the time and CPU calls the C library looks up in it.
 * For now each makes the system call (a shared time page would let them
 * answer without one). Built freestanding and position-independent.
 */

struct vdso_timespec { long tv_sec, tv_nsec; };
struct vdso_timeval { long tv_sec, tv_usec; };

static inline long vdso_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

int __vdso_clock_gettime(int clock, struct vdso_timespec *ts)
{
	return vdso_syscall3(228, clock, (long)ts, 0);		/* clock_gettime */
}

int __vdso_clock_getres(int clock, struct vdso_timespec *res)
{
	return vdso_syscall3(229, clock, (long)res, 0);		/* clock_getres */
}

int __vdso_gettimeofday(struct vdso_timeval *tv, void *tz)
{
	return vdso_syscall3(96, (long)tv, (long)tz, 0);	/* gettimeofday */
}

long __vdso_time(long *t)
{
	return vdso_syscall3(201, (long)t, 0, 0);		/* time */
}

long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused)
{
	return vdso_syscall3(309, (long)cpu, (long)node, 0);	/* getcpu */
}

int clock_gettime(int, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime")));
int clock_getres(int, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres")));
int gettimeofday(struct vdso_timeval *, void *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned int *, unsigned int *, void *)
	__attribute__((weak, alias("__vdso_getcpu")));
