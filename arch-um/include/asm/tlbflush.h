/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "TLB" flushes. There is no TLB: the host mappings are the translation
 * cache. A flush brings the host mappings of an address space (a guest
 * process's host process, or the kernel process for vmalloc addresses) in
 * line with the page tables. See kernel/tlb.c.
 */
#ifndef _ASM_UM_TLBFLUSH_H
#define _ASM_UM_TLBFLUSH_H

#include <linux/mm_types.h>

void flush_tlb_all(void);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif
