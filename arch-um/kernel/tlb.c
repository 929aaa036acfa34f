// SPDX-License-Identifier: GPL-2.0
/*
 * Keeping host mappings in step with page tables.
 *
 * Kernel side: vmalloc and vmap fill init_mm's page tables and then call
 * flush_cache_vmap(); that maps the new pages into the kernel process here.
 * Their removal ends in flush_tlb_kernel_range(), which unmaps. A kernel
 * touch of a vmalloc page the host has not mapped (should the hooks ever
 * miss one) is repaired by um_vmalloc_fault() from the fault signal.
 *
 * User side: an address space without a host process has nothing to keep
 * in step; the userspace backend does it for those that have one.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>
#include <asm/tlbflush.h>
#include <asm/um.h>

#include <host.h>

pte_t *um_find_pte(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;

	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return NULL;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return NULL;
	pud = pud_offset(p4d, addr);
	if (pud_none(*pud) || pud_bad(*pud))
		return NULL;
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd) || pmd_bad(*pmd))
		return NULL;
	return pte_offset_kernel(pmd, addr);
}

static int kernel_host_prot(pte_t pte)
{
	return HOST_PROT_READ | (pte_write(pte) ? HOST_PROT_WRITE : 0) |
	       (pte_exec(pte) ? HOST_PROT_EXEC : 0);
}

static bool in_vmalloc_area(unsigned long addr)
{
	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/*
 * Make the kernel process's mappings of [start, end) what init_mm says:
 * runs of pages contiguous in physical memory with the same protection
 * take one host call, runs of absent pages one more.
 */
static void sync_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long addr = start & PAGE_MASK, run = addr;
	unsigned long run_phys = 0;
	int run_prot = -1;	/* -1: run of absent pages */

	end = PAGE_ALIGN(end);
	while (addr <= end) {
		pte_t *ptep = addr < end ? um_find_pte(&init_mm, addr) : NULL;
		pte_t pte = ptep ? READ_ONCE(*ptep) : __pte(0);
		int prot = (pte_val(pte) & _PAGE_PRESENT) ? kernel_host_prot(pte) : -1;
		unsigned long phys = pte_pfn(pte) << PAGE_SHIFT;
		bool extends = addr < end && prot == run_prot &&
			       (prot < 0 || phys == run_phys + (addr - run));

		if (!extends && addr > run) {
			if (run_prot < 0)
				host_unmap(run, addr - run);
			else if (host_map_phys(run, run_phys, addr - run, run_prot))
				pr_err("cannot map kernel range %#lx-%#lx\n", run, addr);
		}
		if (!extends) {
			run = addr;
			run_prot = prot;
			run_phys = phys;
		}
		addr += PAGE_SIZE;
	}
}

void flush_cache_vmap(unsigned long start, unsigned long end)
{
	if (in_vmalloc_area(start))
		sync_kernel_range(start, end);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	if (in_vmalloc_area(start))
		sync_kernel_range(start, min(end, VMALLOC_END));
}

void flush_tlb_all(void)
{
}

int um_vmalloc_fault(unsigned long addr)
{
	pte_t *ptep;

	if (!in_vmalloc_area(addr))
		return 0;
	ptep = um_find_pte(&init_mm, addr);
	if (!ptep || !(pte_val(READ_ONCE(*ptep)) & _PAGE_PRESENT))
		return 0;
	sync_kernel_range(addr & PAGE_MASK, (addr & PAGE_MASK) + PAGE_SIZE);
	return 1;
}

void flush_tlb_mm(struct mm_struct *mm)
{
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
}
