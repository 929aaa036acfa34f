/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address spaces. Switching between them costs nothing here: user code of
 * an mm runs in that mm's own host process, picked when the task enters
 * user mode. Creating and destroying an mm creates and ends that process
 * (kernel/mmu.c).
 */
#ifndef _ASM_UM_MMU_CONTEXT_H
#define _ASM_UM_MMU_CONTEXT_H

#include <linux/mm_types.h>

static inline int arch_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm)
{
	return 0;
}

/* kernel/mmu.c: the host process goes before the mm's pages. */
void arch_exit_mmap(struct mm_struct *mm);

static inline void arch_unmap(struct mm_struct *mm, unsigned long start, unsigned long end)
{
}

static inline bool arch_vma_access_permitted(struct vm_area_struct *vma, bool write,
					     bool execute, bool foreign)
{
	return true;
}

#define init_new_context init_new_context
int init_new_context(struct task_struct *tsk, struct mm_struct *mm);

#define destroy_context destroy_context
void destroy_context(struct mm_struct *mm);

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
}

#include <asm-generic/mmu_context.h>

#endif
