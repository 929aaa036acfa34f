/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the stub's code (stub-*.c) has instead of a C library: system calls
 * as inline assembly, and its own addresses found relative to its code.
 * Everything is reached PC-relative: the stub runs wherever the host put
 * its region.
 */
#ifndef UM_STUB_SYS_H
#define UM_STUB_SYS_H

#pragma GCC visibility push(hidden)
#include "stub.h"

#define STUB_INLINE static inline __attribute__((always_inline))

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

STUB_INLINE long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define sys(nr, a, b, c, d) sys6((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

STUB_INLINE unsigned long stub_base(void)
{
	/* A RIP-relative address: wherever the stub runs, this is its base. */
	return (unsigned long)__um_stub_start;
}

STUB_INLINE const struct stub_config *stub_cfg(void)
{
	return (const struct stub_config *)(stub_base() + STUB_CONFIG);
}

STUB_INLINE void *stub_data(unsigned long page)
{
	return (void *)(stub_base() + STUB_DATA + page * STUB_PAGE_SIZE);
}

STUB_INLINE void __attribute__((noreturn)) stub_trap_forever(void)
{
	for (;;)
		__asm__ volatile("int3");
}

/* The sigaction layout of the rt_sigaction system call. */
struct stub_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

/* Install one of the BPF programs the host built at boot. */
STUB_INLINE long stub_install_filter(int which)
{
	const struct sock_fprog *prog = &stub_cfg()->prog[which];

	if (!prog->len)
		return -22;
	return sys(__NR_seccomp, 1 /* SECCOMP_SET_MODE_FILTER */, 0, prog, 0);
}

/* Protection keys: a guest can lock the stub out of its own pages. */
STUB_INLINE unsigned int stub_open_pkeys(void)
{
	unsigned int old = 0;

	if (stub_cfg()->flags & STUB_CFG_PKU) {
		__asm__ volatile("rdpkru" : "=a"(old) : "c"(0) : "rdx");
		__asm__ volatile("wrpkru" : : "a"(0), "c"(0), "d"(0));
	}
	return old;
}

STUB_INLINE void stub_restore_pkeys(unsigned int old)
{
	if (stub_cfg()->flags & STUB_CFG_PKU)
		__asm__ volatile("wrpkru" : : "a"(old), "c"(0), "d"(0));
}

/* Run by the child of a new address space (stub-code.c); the seccomp
 * backend's part of it is in stub-seccomp.c. */
void stub_seccomp_start(void) __attribute__((noreturn));

#endif
