/* SPDX-License-Identifier: GPL-2.0 */
/* Allocating and linking page-table pages. */
#ifndef _ASM_UM_PGALLOC_H
#define _ASM_UM_PGALLOC_H

#include <linux/mm.h>

/*
 * A user PTE table is two pages: the PTEs, and after them, entry for entry,
 * what the address space's host process has mapped for each (kernel/tlb.c).
 * Kernel tables (init_mm) are single pages.
 */
#define UM_PTE_TABLE_ORDER 1
#define __HAVE_ARCH_PTE_ALLOC_ONE

#include <asm-generic/pgalloc.h>

static inline pgtable_t pte_alloc_one(struct mm_struct *mm)
{
	struct ptdesc *ptdesc = pagetable_alloc(GFP_PGTABLE_USER, UM_PTE_TABLE_ORDER);

	if (!ptdesc)
		return NULL;
	if (!pagetable_pte_ctor(ptdesc)) {
		pagetable_free(ptdesc);
		return NULL;
	}
	return ptdesc_page(ptdesc);
}

/* A PTE table leaves its PMD: whatever the host mapped under it must go. */
void um_pte_table_gone(struct mm_struct *mm, pte_t *table, unsigned long addr);

static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmd, pte_t *pte)
{
	set_pmd(pmd, __pmd(__pa(pte) | _PAGE_TABLE));
}

static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmd, pgtable_t pte)
{
	set_pmd(pmd, __pmd(page_to_phys(pte) | _PAGE_TABLE));
}

static inline void pud_populate(struct mm_struct *mm, pud_t *pud, pmd_t *pmd)
{
	set_pud(pud, __pud(__pa(pmd) | _PAGE_TABLE));
}

static inline void p4d_populate(struct mm_struct *mm, p4d_t *p4d, pud_t *pud)
{
	set_p4d(p4d, __p4d(__pa(pud) | _PAGE_TABLE));
}

/*
 * A process's top-level table holds only its own user mappings: the kernel
 * never runs on a process's tables (it runs in its own host process), so
 * nothing of init_mm is copied in.
 */
static inline pgd_t *pgd_alloc(struct mm_struct *mm)
{
	return (pgd_t *)get_zeroed_page(GFP_PGTABLE_USER);
}

#define __pte_free_tlb(tlb, pte, addr)				\
do {								\
	um_pte_table_gone((tlb)->mm, page_address(pte), (addr));	\
	pagetable_pte_dtor(page_ptdesc(pte));			\
	tlb_remove_ptdesc((tlb), page_ptdesc(pte));		\
} while (0)

#define __pmd_free_tlb(tlb, pmd, addr)				\
do {								\
	pagetable_pmd_dtor(virt_to_ptdesc(pmd));		\
	tlb_remove_ptdesc((tlb), virt_to_ptdesc(pmd));		\
} while (0)

#define __pud_free_tlb(tlb, pud, addr)				\
do {								\
	pagetable_pud_dtor(virt_to_ptdesc(pud));		\
	tlb_remove_ptdesc((tlb), virt_to_ptdesc(pud));		\
} while (0)

#endif
