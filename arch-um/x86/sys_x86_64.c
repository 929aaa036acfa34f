// SPDX-License-Identifier: GPL-2.0
/* The system calls that only x86_64 has. */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/prctl.h>
#include <asm/um.h>

/* x86_64's mmap takes a byte offset, which must be page aligned. */
SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	return offset_in_page(off) ? -EINVAL :
		ksys_mmap_pgoff(addr, len, prot, flags, fd, PHYS_PFN(off));
}

static long um_arch_prctl(struct task_struct *task, int option, unsigned long arg)
{
	struct pt_regs *regs = task_pt_regs(task);

	switch (option) {
	case ARCH_SET_FS:
		if (arg >= TASK_SIZE)
			return -EPERM;
		regs->fs_base = arg;
		return 0;
	case ARCH_SET_GS:
		if (arg >= TASK_SIZE)
			return -EPERM;
		regs->gs_base = arg;
		return 0;
	case ARCH_GET_FS:
		return put_user(regs->fs_base, (unsigned long __user *)arg);
	case ARCH_GET_GS:
		return put_user(regs->gs_base, (unsigned long __user *)arg);
	case ARCH_GET_CPUID:
		return 1;		/* CPUID always works: it is the host CPU's */
	case ARCH_SET_CPUID:
		return arg ? 0 : -ENODEV;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg)
{
	return um_arch_prctl(current, option, arg);
}

long um_ptrace_arch_prctl(struct task_struct *child, int option, unsigned long arg)
{
	return um_arch_prctl(child, option, arg);
}

/* No I/O ports exist here; asking for none is fine. */
SYSCALL_DEFINE3(ioperm, unsigned long, from, unsigned long, num, int, turn_on)
{
	return turn_on ? -EPERM : 0;
}

SYSCALL_DEFINE1(iopl, unsigned int, level)
{
	return level ? -EPERM : 0;
}
