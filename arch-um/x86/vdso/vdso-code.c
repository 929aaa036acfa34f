// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's vDSO: the time and CPU calls the C library looks up in it.
 * The time calls are the kernel's generic ones (lib/vdso), reading the
 * time data page the kernel keeps current ([vvar], mapped right below this
 * code) and the host's clock (asm/vdso/gettimeofday.h): no system call
 * unless the clocksource cannot be read from here. Built position-
 * independent, with no data of its own.
 */
#include <linux/types.h>
#include <vdso/gettime.h>

#include "../../../../lib/vdso/gettimeofday.c"

int __vdso_clock_gettime(clockid_t clock, struct __kernel_timespec *ts)
{
	return __cvdso_clock_gettime(clock, ts);
}

int __vdso_clock_getres(clockid_t clock, struct __kernel_timespec *res)
{
	return __cvdso_clock_getres(clock, res);
}

int __vdso_gettimeofday(struct __kernel_old_timeval *tv, struct timezone *tz)
{
	return __cvdso_gettimeofday(tv, tz);
}

__kernel_old_time_t __vdso_time(__kernel_old_time_t *t)
{
	return __cvdso_time(t);
}

/* getcpu: the system call. */
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused);
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(__NR_getcpu), "D"(cpu), "S"(node), "d"(unused)
			 : "rcx", "r11", "memory");
	return ret;
}

int clock_gettime(clockid_t, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime")));
int clock_getres(clockid_t, struct __kernel_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres")));
int gettimeofday(struct __kernel_old_timeval *, struct timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
__kernel_old_time_t time(__kernel_old_time_t *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned int *, unsigned int *, void *)
	__attribute__((weak, alias("__vdso_getcpu")));
