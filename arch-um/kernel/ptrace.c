// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace inside the guest: the x86_64 register requests on a traced
 * task's saved user registers.
 */
#include <linux/elfcore.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

/* Keep what a tracer may not change: the segment selectors. */
static void put_user_regs(struct pt_regs *regs, const struct pt_regs *new)
{
	unsigned long cs = regs->cs, ss = regs->ss;
	unsigned long ds = regs->ds, es = regs->es, fs = regs->fs, gs = regs->gs;

	*regs = *new;
	regs->cs = cs;
	regs->ss = ss;
	regs->ds = ds;
	regs->es = es;
	regs->fs = fs;
	regs->gs = gs;
}

long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
		 unsigned long data)
{
	struct pt_regs *regs = task_pt_regs(child);
	void __user *udata = (void __user *)data;
	struct pt_regs new;

	switch (request) {
	case PTRACE_GETREGS:
		return copy_to_user(udata, regs, UM_NR_USER_REGS * sizeof(long)) ?
			-EFAULT : 0;
	case PTRACE_SETREGS:
		if (copy_from_user(&new, udata, UM_NR_USER_REGS * sizeof(long)))
			return -EFAULT;
		put_user_regs(regs, &new);
		return 0;
	default:
		return ptrace_request(child, request, addr, data);
	}
}

void ptrace_disable(struct task_struct *child)
{
	clear_tsk_thread_flag(child, TIF_SINGLESTEP);
}

/* Guest FPU state is not kept yet: core dumps carry no NT_PRFPREG note. */
int elf_core_copy_task_fpregs(struct task_struct *t, elf_fpregset_t *fpu)
{
	return 0;
}
