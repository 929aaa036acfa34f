/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pages and the two kernel mappings of guest physical memory.
 *
 * Guest physical memory is one host memfd. Physical address 0 is the first
 * byte of the kernel binary (UM_KERNEL_BASE): the binary's image is part of
 * physical memory, as a loaded kernel is on a real machine, and the RAM
 * given with mem= follows it. The whole memfd is also mapped once at
 * PAGE_OFFSET: that is the direct map.
 *
 * So a kernel virtual address is either in the image (below PAGE_OFFSET) or
 * in the direct map, and __pa() handles both.
 */
#ifndef _ASM_UM_PAGE_H
#define _ASM_UM_PAGE_H

#include <linux/const.h>

#define PAGE_SHIFT	CONFIG_PAGE_SHIFT
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

/* Where the kernel binary is linked; guest physical address 0. */
#define KIMAGE_VADDR	_AC(UM_KERNEL_BASE, UL)
/* The direct map of all of guest physical memory. */
#define PAGE_OFFSET	_AC(0x100000000000, UL)
/* Largest guest physical memory the layout leaves room for: 1 TiB. */
#define UM_MAX_PHYS	_AC(0x10000000000, UL)

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct page;

typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;
typedef struct page *pgtable_t;

#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)

#define __pte(x)	((pte_t) { (x) })
#define __pmd(x)	((pmd_t) { (x) })
#define __pud(x)	((pud_t) { (x) })
#define __pgd(x)	((pgd_t) { (x) })
#define __pgprot(x)	((pgprot_t) { (x) })

static inline unsigned long um_virt_to_phys(unsigned long va)
{
	if (va >= PAGE_OFFSET)
		return va - PAGE_OFFSET;
	return va - KIMAGE_VADDR;
}

#define __pa(x)		um_virt_to_phys((unsigned long)(x))
#define __pa_symbol(x)	__pa(RELOC_HIDE((unsigned long)(x), 0))
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))

#define phys_to_virt(x)	__va(x)
#define virt_to_pfn(x)	(__pa(x) >> PAGE_SHIFT)
#define pfn_to_kaddr(pfn) __va((unsigned long)(pfn) << PAGE_SHIFT)
#define virt_to_page(x)	pfn_to_page(virt_to_pfn(x))
#define page_to_virt(p)	__va(page_to_pfn(p) << PAGE_SHIFT)
#define page_to_phys(p)	((phys_addr_t)page_to_pfn(p) << PAGE_SHIFT)

extern unsigned long um_phys_end;	/* end of guest physical memory */

static inline bool um_virt_addr_valid(unsigned long va)
{
	unsigned long pa;

	if (va >= PAGE_OFFSET)
		pa = va - PAGE_OFFSET;
	else if (va >= KIMAGE_VADDR)
		pa = va - KIMAGE_VADDR;
	else
		return false;
	return pa < um_phys_end;
}
#define virt_addr_valid(x) um_virt_addr_valid((unsigned long)(x))

#define clear_page(p)		__builtin_memset((p), 0, PAGE_SIZE)
#define copy_page(to, from)	__builtin_memcpy((to), (from), PAGE_SIZE)
#define clear_user_page(p, vaddr, pg)		clear_page(p)
#define copy_user_page(to, from, vaddr, pg)	copy_page(to, from)

#define ARCH_PFN_OFFSET	0UL

#include <asm-generic/memory_model.h>
#include <asm-generic/getorder.h>

#endif /* !__ASSEMBLY__ */

#define VM_DATA_DEFAULT_FLAGS	VM_DATA_FLAGS_TSK_EXEC

/* The host's vsyscall page shows in guest processes (x86/vsyscall.c). */
#define __HAVE_ARCH_GATE_AREA	1

#endif
