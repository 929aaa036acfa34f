// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces. The host process that runs an mm's user code is created
 * lazily by the userspace backend, the first time a task of the mm enters
 * user mode; an mm only ever used by the kernel (kthread_use_mm()) has
 * none.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/mmu_context.h>

int init_new_context(struct task_struct *tsk, struct mm_struct *mm)
{
	mm->context.host = NULL;
	return 0;
}

void destroy_context(struct mm_struct *mm)
{
	mm->context.host = NULL;
}
