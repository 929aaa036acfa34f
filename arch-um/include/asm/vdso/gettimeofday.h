/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the generic vDSO time code (lib/vdso/gettimeofday.c) asks of the
 * architecture: the data page, the counter, and the system calls it makes
 * when the counter cannot be read.
 *
 * The counter is the host's CLOCK_MONOTONIC in nanoseconds, which is what
 * the kernel's clocksource reads too (arch/um/kernel/time.c), taken from the
 * host's own vDSO, which every guest process carries in its stub region.
 */
#ifndef _ASM_UM_VDSO_GETTIMEOFDAY_H
#define _ASM_UM_VDSO_GETTIMEOFDAY_H

#ifndef __ASSEMBLY__

#include <uapi/linux/time.h>
#include <asm/unistd.h>
#include <vdso/time64.h>

#define VDSO_HAS_CLOCK_GETRES	1
#define VDSO_HAS_TIME		1

static __always_inline long um_vdso_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

static __always_inline long clock_gettime_fallback(clockid_t clock,
						   struct __kernel_timespec *ts)
{
	return um_vdso_syscall2(__NR_clock_gettime, clock, (long)ts);
}

static __always_inline long gettimeofday_fallback(struct __kernel_old_timeval *tv,
						  struct timezone *tz)
{
	return um_vdso_syscall2(__NR_gettimeofday, (long)tv, (long)tz);
}

static __always_inline long clock_getres_fallback(clockid_t clock,
						  struct __kernel_timespec *ts)
{
	return um_vdso_syscall2(__NR_clock_getres, clock, (long)ts);
}

static __always_inline const struct vdso_data *__arch_get_vdso_data(void)
{
	return _vdso_data;
}

#ifdef CONFIG_TIME_NS
/* In a time namespace the two pages swap: the real data is the second. */
static __always_inline
const struct vdso_data *__arch_get_timens_vdso_data(const struct vdso_data *vd)
{
	return _timens_data;
}
#endif

/* ULLONG_MAX: no reading, take the system call (vdso_cycles_ok). */
static __always_inline u64 __arch_get_hw_counter(s32 clock_mode,
						 const struct vdso_data *vd)
{
	int (*host_clock)(clockid_t, struct __kernel_timespec *);
	struct __kernel_timespec ts;

	host_clock = (void *)vd->arch_data.host_clock;
	if (clock_mode != VDSO_CLOCKMODE_HOST || !host_clock ||
	    host_clock(CLOCK_MONOTONIC, &ts))
		return ULLONG_MAX;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static inline bool vdso_cycles_ok(u64 cycles)
{
	return cycles != ULLONG_MAX;
}
#define vdso_cycles_ok vdso_cycles_ok

#endif
#endif
