// SPDX-License-Identifier: GPL-2.0
/*
 * The x86_64 system call table, generated from the kernel's own
 * syscall_64.tbl (kernel/Makefile.syscalls). Every entry is called with the
 * six argument registers (kernel/user.c); the functions are declared here
 * with that shape, not with their own prototypes.
 */
#include <linux/linkage.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#define __SYSCALL(nr, sym) extern long sym(unsigned long, unsigned long, unsigned long, \
					  unsigned long, unsigned long, unsigned long);
#define __SYSCALL_NORETURN __SYSCALL
#include <asm/syscall_table_64.h>
#undef __SYSCALL

extern long sys_ni_syscall(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

#define __SYSCALL(nr, sym) [nr] = sym,
const um_syscall_fn sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = sys_ni_syscall,
#include <asm/syscall_table_64.h>
};
