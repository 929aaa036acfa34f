/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The running task, kept per virtual CPU. The name pcpu_hot.current_task is
 * what the kernel's gdb scripts (lx-current, lx-ps) look up on x86.
 */
#ifndef _ASM_UM_CURRENT_H
#define _ASM_UM_CURRENT_H

#ifndef __ASSEMBLY__

#include <linux/compiler.h>
#include <asm/percpu.h>

struct task_struct;

struct pcpu_hot {
	struct task_struct *current_task;
};

DECLARE_PER_CPU(struct pcpu_hot, pcpu_hot);

static __always_inline struct task_struct *get_current(void)
{
	return raw_cpu_read(pcpu_hot.current_task);
}

#define current get_current()

#endif
#endif
