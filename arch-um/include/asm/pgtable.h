/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page tables of the user-mode port.
 *
 * Four levels (PGD, PUD, PMD, PTE, with the P4D level folded), 512 entries
 * each, as on x86_64, so a guest process sees the whole 47-bit user range.
 * The tables are only read by this port's own code: the guest's user pages
 * are mapped into host processes from them, and kernel vmalloc pages into
 * the kernel process. The bit layout is therefore this port's own.
 *
 * A PTE:   bits 63..12 page frame number, bits 11..0 flags below.
 * A table entry (PMD/PUD/PGD): physical address of the next table | _PAGE_TABLE.
 */
#ifndef _ASM_UM_PGTABLE_H
#define _ASM_UM_PGTABLE_H

#include <asm/page.h>
#include <asm-generic/pgtable-nop4d.h>

#define PGDIR_SHIFT	39
#define PUD_SHIFT	30
#define PMD_SHIFT	21
#define PTRS_PER_PGD	512
#define PTRS_PER_PUD	512
#define PTRS_PER_PMD	512
#define PTRS_PER_PTE	512

#define PGDIR_SIZE	(_AC(1, UL) << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))
#define PUD_SIZE	(_AC(1, UL) << PUD_SHIFT)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define PMD_SIZE	(_AC(1, UL) << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))

/* Kernel virtual areas of the kernel process (see page.h for the rest). */
#define VMALLOC_START	_AC(0x110000000000, UL)
#define VMALLOC_END	_AC(0x120000000000, UL)

/* Flags of a PTE. */
#define _PAGE_PRESENT	(_AC(1, UL) << 0)	/* mapped, readable */
#define _PAGE_RW	(_AC(1, UL) << 1)	/* writable */
#define _PAGE_USER	(_AC(1, UL) << 2)	/* user page */
#define _PAGE_EXEC	(_AC(1, UL) << 3)	/* executable */
#define _PAGE_ACCESSED	(_AC(1, UL) << 5)
#define _PAGE_DIRTY	(_AC(1, UL) << 6)
#define _PAGE_SWP_EXCL	(_AC(1, UL) << 7)	/* swap entries only */
#define _PAGE_PROTNONE	(_AC(1, UL) << 8)	/* present, no access */
#define _PAGE_SPECIAL	(_AC(1, UL) << 9)
#define _PAGE_HOSTSYNC	(_AC(1, UL) << 11)	/* host mapping is stale */

/* A table entry: only "present". */
#define _PAGE_TABLE	_PAGE_PRESENT

#define PFN_PTE_SHIFT	PAGE_SHIFT
#define _PAGE_PFN_MASK	(~((_AC(1, UL) << PAGE_SHIFT) - 1))
/* What pte_modify() keeps: the frame and the state bits. */
#define _PAGE_CHG_MASK	(_PAGE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY | \
			 _PAGE_SPECIAL | _PAGE_HOSTSYNC)

#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_SHARED_EXEC __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
				  _PAGE_ACCESSED | _PAGE_EXEC)
#define PAGE_COPY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_EXEC)
#define PAGE_READONLY	PAGE_COPY
#define PAGE_READONLY_EXEC PAGE_COPY_EXEC
#define PAGE_KERNEL	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL_RO	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED)
#define PAGE_KERNEL_EXEC __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
				  _PAGE_DIRTY | _PAGE_EXEC)
#define PAGE_KERNEL_RX	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_EXEC)

#ifndef __ASSEMBLY__

#include <linux/mm_types.h>

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
extern unsigned long empty_zero_page[PAGE_SIZE / sizeof(unsigned long)];
#define ZERO_PAGE(vaddr)	virt_to_page(empty_zero_page)

/* ----- PTEs ----- */

static inline int pte_none(pte_t pte)
{
	return !pte_val(pte);
}

static inline int pte_present(pte_t pte)
{
	return !!(pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE));
}

static inline int pte_read(pte_t pte)	{ return pte_val(pte) & _PAGE_PRESENT; }
static inline int pte_write(pte_t pte)	{ return pte_val(pte) & _PAGE_RW; }
static inline int pte_exec(pte_t pte)	{ return pte_val(pte) & _PAGE_EXEC; }
static inline int pte_dirty(pte_t pte)	{ return pte_val(pte) & _PAGE_DIRTY; }
static inline int pte_young(pte_t pte)	{ return pte_val(pte) & _PAGE_ACCESSED; }
static inline int pte_special(pte_t pte) { return pte_val(pte) & _PAGE_SPECIAL; }

static inline pte_t pte_set(pte_t pte, unsigned long bits)
{
	return __pte(pte_val(pte) | bits);
}

static inline pte_t pte_clr(pte_t pte, unsigned long bits)
{
	return __pte(pte_val(pte) & ~bits);
}

static inline pte_t pte_wrprotect(pte_t pte)	{ return pte_clr(pte, _PAGE_RW); }
static inline pte_t pte_mkwrite_novma(pte_t pte) { return pte_set(pte, _PAGE_RW); }
static inline pte_t pte_mkclean(pte_t pte)	{ return pte_clr(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkdirty(pte_t pte)	{ return pte_set(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkold(pte_t pte)	{ return pte_clr(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkyoung(pte_t pte)	{ return pte_set(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkspecial(pte_t pte)	{ return pte_set(pte, _PAGE_SPECIAL); }
static inline pte_t pte_mkexec(pte_t pte)	{ return pte_set(pte, _PAGE_EXEC); }

static inline unsigned long pte_pfn(pte_t pte)
{
	return pte_val(pte) >> PFN_PTE_SHIFT;
}

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PFN_PTE_SHIFT) | pgprot_val(prot));
}

#define pte_page(pte)		pfn_to_page(pte_pfn(pte))
#define mk_pte(page, prot)	pfn_pte(page_to_pfn(page), (prot))

static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	return __pte((pte_val(pte) & _PAGE_CHG_MASK) | pgprot_val(prot));
}

static inline pgprot_t pte_pgprot(pte_t pte)
{
	return __pgprot(pte_val(pte) & ~_PAGE_PFN_MASK);
}
#define pte_pgprot pte_pgprot

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
}

static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	set_pte(ptep, __pte(0));
}

#define __HAVE_ARCH_PTEP_GET_AND_CLEAR
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
				       pte_t *ptep)
{
	pte_t old = READ_ONCE(*ptep);

	pte_clear(mm, addr, ptep);
	return old;
}

#define __HAVE_ARCH_PTEP_SET_WRPROTECT
static inline void ptep_set_wrprotect(struct mm_struct *mm, unsigned long addr,
				      pte_t *ptep)
{
	set_pte(ptep, pte_wrprotect(READ_ONCE(*ptep)));
}

/* ----- PMD: points to a PTE table ----- */

static inline int pmd_none(pmd_t pmd)	{ return !pmd_val(pmd); }
static inline int pmd_present(pmd_t pmd) { return pmd_val(pmd) & _PAGE_TABLE; }
static inline int pmd_bad(pmd_t pmd)
{
	return (pmd_val(pmd) & ~_PAGE_PFN_MASK) != _PAGE_TABLE;
}
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { WRITE_ONCE(*pmdp, pmd); }
static inline void pmd_clear(pmd_t *pmdp)	{ set_pmd(pmdp, __pmd(0)); }
static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)__va(pmd_val(pmd) & _PAGE_PFN_MASK);
}
#define pmd_page_vaddr pmd_page_vaddr
#define pmd_pfn(pmd)	(pmd_val(pmd) >> PAGE_SHIFT)
#define pmd_page(pmd)	pfn_to_page(pmd_pfn(pmd))

/* ----- PUD: points to a PMD table ----- */

static inline int pud_none(pud_t pud)	{ return !pud_val(pud); }
static inline int pud_present(pud_t pud) { return pud_val(pud) & _PAGE_TABLE; }
static inline int pud_bad(pud_t pud)
{
	return (pud_val(pud) & ~_PAGE_PFN_MASK) != _PAGE_TABLE;
}
static inline void set_pud(pud_t *pudp, pud_t pud) { WRITE_ONCE(*pudp, pud); }
static inline void pud_clear(pud_t *pudp)	{ set_pud(pudp, __pud(0)); }
static inline pmd_t *pud_pgtable(pud_t pud)
{
	return (pmd_t *)__va(pud_val(pud) & _PAGE_PFN_MASK);
}
#define pud_pfn(pud)	(pud_val(pud) >> PAGE_SHIFT)
#define pud_page(pud)	pfn_to_page(pud_pfn(pud))

/* ----- P4D (the folded level: really the PGD entry): points to a PUD table ----- */

static inline int p4d_none(p4d_t p4d)	{ return !p4d_val(p4d); }
static inline int p4d_present(p4d_t p4d) { return p4d_val(p4d) & _PAGE_TABLE; }
static inline int p4d_bad(p4d_t p4d)
{
	return (p4d_val(p4d) & ~_PAGE_PFN_MASK) != _PAGE_TABLE;
}
static inline void set_p4d(p4d_t *p4dp, p4d_t p4d) { WRITE_ONCE(*p4dp, p4d); }
static inline void p4d_clear(p4d_t *p4dp)	{ set_p4d(p4dp, __p4d(0)); }
static inline pud_t *p4d_pgtable(p4d_t p4d)
{
	return (pud_t *)__va(p4d_val(p4d) & _PAGE_PFN_MASK);
}
#define p4d_page(p4d)	pfn_to_page(p4d_val(p4d) >> PAGE_SHIFT)

#define pte_ERROR(e) pr_err("%s:%d: bad pte %016lx\n", __FILE__, __LINE__, pte_val(e))
#define pmd_ERROR(e) pr_err("%s:%d: bad pmd %016lx\n", __FILE__, __LINE__, pmd_val(e))
#define pud_ERROR(e) pr_err("%s:%d: bad pud %016lx\n", __FILE__, __LINE__, pud_val(e))
#define pgd_ERROR(e) pr_err("%s:%d: bad pgd %016lx\n", __FILE__, __LINE__, pgd_val(e))

/* ----- swap entries: not present, not PROT_NONE ----- */

#define MAX_SWAPFILES_CHECK() BUILD_BUG_ON(MAX_SWAPFILES_SHIFT > 5)
#define __swp_type(x)		(((x).val >> 1) & 0x1f)
#define __swp_offset(x)		((x).val >> PAGE_SHIFT)
#define __swp_entry(type, off)	((swp_entry_t) { ((type) << 1) | ((off) << PAGE_SHIFT) })
#define __pte_to_swp_entry(pte)	((swp_entry_t) { pte_val(pte) })
#define __swp_entry_to_pte(x)	((pte_t) { (x).val })

static inline int pte_swp_exclusive(pte_t pte)
{
	return pte_val(pte) & _PAGE_SWP_EXCL;
}
static inline pte_t pte_swp_mkexclusive(pte_t pte) { return pte_set(pte, _PAGE_SWP_EXCL); }
static inline pte_t pte_swp_clear_exclusive(pte_t pte) { return pte_clr(pte, _PAGE_SWP_EXCL); }

/* ----- TLB and cache hooks ----- */

/* PTEs just made present or more permissive: map them in the host. */
void update_mmu_cache_range(struct vm_fault *vmf, struct vm_area_struct *vma,
			    unsigned long address, pte_t *ptep, unsigned int nr);
#define update_mmu_cache(vma, addr, ptep) \
	update_mmu_cache_range(NULL, vma, addr, ptep, 1)

#define pgprot_noncached(p)	(p)
#define pgprot_writecombine(p)	(p)

#define kern_addr_valid(addr)	(1)

#endif /* !__ASSEMBLY__ */

#endif
