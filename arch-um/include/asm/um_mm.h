/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The port's per-address-space state: the host process that runs the
 * address space's user code (os-host/user.c), created on first use.
 */
#ifndef _ASM_UM_UM_MM_H
#define _ASM_UM_UM_MM_H

#include <linux/mm_types.h>
#include <linux/percpu.h>
#include <host.h>

struct um_mm {
	struct task_struct *fpu_task;	/* whose FPU state its registers hold */
	void *data;			/* the pages shared with it (um_mm_pages) */
	bool dead;			/* its host process is gone */
	bool host_full;			/* the host refused a mapping: start
					 * its mappings afresh before it runs */
	unsigned long host[HOST_MM_SIZE / sizeof(unsigned long)];
};

static inline struct host_mm *um_host(struct um_mm *um)
{
	return (struct host_mm *)um->host;
}

/* user.c: the host process running user code on this CPU, NULL in the kernel. */
DECLARE_PER_CPU(struct um_mm *, um_running_mm);

/* mmu.c: the address space's host process, created if needed. */
struct um_mm *um_mm_get(struct mm_struct *mm);
/* mmu.c: more user mms than the host may have processes (fork says EAGAIN). */
bool um_mm_over_limit(void);
extern unsigned long um_mm_limit, um_mm_pages;

/* tlb.c: bring host mappings of [start, end) in line with the page tables. */
void um_mm_sync(struct mm_struct *mm, unsigned long start, unsigned long end);
/* tlb.c: make the host mapping of one user page what its PTE says. */
void um_mm_map_page(struct mm_struct *mm, unsigned long addr, pte_t *ptep);
/* tlb.c: a host mapping call failed with err; note what it means for um. */
void um_mm_host_error(struct um_mm *um, int err);
/* tlb.c: drop every host mapping of mm; faults bring back what is used. */
void um_mm_reset_host(struct mm_struct *mm, struct um_mm *um);

/* fpu.c */
extern unsigned long um_fpu_size;
void *um_fpu_area(struct task_struct *t);
void um_fpu_reset(struct task_struct *t);
void um_fpu_release(struct task_struct *t);
const void *um_fpu_before_run(struct um_mm *um, struct task_struct *t);
void um_fpu_after_run(struct um_mm *um, struct task_struct *t, const void *loaded);
void um_fpu_mm_gone(struct um_mm *um);

#endif
