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
 * User side: the host process of an address space maps what its page
 * tables allow, lazily: a page is mapped when a fault or a new PTE asks for
 * it, and every flush walks the range and takes back what the PTEs no
 * longer allow. What the host has mapped is remembered per PTE in a shadow
 * entry; the operations are queued and carried out by the host process's
 * stub before it next runs (os-host/user.c). What a flush takes away is
 * gone from the host when the flush returns, as on hardware: under ptrace
 * nothing runs in a host process while the kernel does, so the queue can
 * wait; the seccomp backend carries it out at once (host_mm_flush()).
 */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>
#include <asm/um.h>
#include <asm/um_mm.h>

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

/* ----- user address spaces ----- */

/*
 * What the host process should map for a user PTE: nothing unless it is
 * present and young; writable only if also dirty (so that the first write
 * faults and sets the dirty bit, as hardware would). Encoded as the
 * physical address with HOST_PROT_* in the low bits; 0 means nothing.
 */
static unsigned long host_view(pte_t pte)
{
	unsigned long v = pte_val(pte);

	if ((v & (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)) !=
	    (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED))
		return 0;
	return (pte_pfn(pte) << PAGE_SHIFT) | HOST_PROT_READ |
	       ((v & _PAGE_RW) && (v & _PAGE_DIRTY) ? HOST_PROT_WRITE : 0) |
	       (v & _PAGE_EXEC ? HOST_PROT_EXEC : 0);
}

/* The host's view as last applied, kept in the PTE table's second page. */
static unsigned long *shadow_of(pte_t *ptep)
{
	return (unsigned long *)(ptep + PTRS_PER_PTE);
}

/* Make the host's mapping of one page what its PTE says; true if that took
 * access away (the caller then flushes). */
static bool sync_one(struct um_mm *um, unsigned long addr, pte_t *ptep, bool map_new)
{
	unsigned long *shadow = shadow_of(ptep);
	unsigned long have = *shadow, want = host_view(READ_ONCE(*ptep));
	struct host_mm *h = um_host(um);
	bool removes;
	int err;

	if (have == want || (!have && !map_new))
		return false;
	removes = have && (!want || (have & PAGE_MASK) != (want & PAGE_MASK) ||
			   (have & ~want & ~PAGE_MASK));
	if (!want)
		err = host_mm_unmap(h, addr, PAGE_SIZE);
	else if (!have || (have & PAGE_MASK) != (want & PAGE_MASK))
		err = host_mm_map(h, addr, PAGE_SIZE, want & PAGE_MASK, want & ~PAGE_MASK);
	else
		err = host_mm_protect(h, addr, PAGE_SIZE, want & ~PAGE_MASK);
	if (err)
		um_mm_host_error(um, err);
	*shadow = want;
	return removes;
}

/* Called with preemption off, after removals were queued. */
static void flush_host(struct um_mm *um)
{
	int err = host_mm_flush(um_host(um));

	if (err)
		um_mm_host_error(um, err);
}

/*
 * The PMD entry of the first PTE table at or after *addr and below end,
 * with *addr moved past the empty upper levels on the way; NULL if none.
 */
static pmd_t *next_pte_table(struct mm_struct *mm, unsigned long *addr, unsigned long end)
{
	while (*addr < end) {
		pgd_t *pgd = pgd_offset(mm, *addr);
		pud_t *pud;
		pmd_t *pmd;

		if (pgd_none(*pgd)) {
			*addr = pgd_addr_end(*addr, end);
			continue;
		}
		/* The P4D level is folded: its entry is the PGD's. */
		pud = pud_offset(p4d_offset(pgd, *addr), *addr);
		if (pud_none(*pud)) {
			*addr = pud_addr_end(*addr, end);
			continue;
		}
		pmd = pmd_offset(pud, *addr);
		if (pmd_none(*pmd)) {
			*addr = pmd_addr_end(*addr, end);
			continue;
		}
		return pmd;
	}
	return NULL;
}

/*
 * The host limits how many mappings a process may have (vm.max_map_count);
 * guest pages are rarely contiguous in the physical memory file, so a
 * guest process that touches many scattered pages can reach that limit.
 * It is not an error of the guest's: the host view is dropped as a whole
 * and rebuilt by faults. Until then the shadows may be wrong both ways
 * (the failed batch's later operations were not carried out), so the
 * process must not run before um_mm_reset_host(). -ESRCH: the host process
 * is gone already (the backend knows what its tasks die of). Any other
 * failure means the process can no longer be trusted to see the right
 * pages: it is ended, so that it maps nothing any more.
 */
void um_mm_host_error(struct um_mm *um, int err)
{
	if (err == -ENOMEM) {
		um->host_full = true;
		return;
	}
	if (err != -ESRCH && !um->dead) {
		pr_err("host mapping call failed (%d): ending the address space\n", err);
		host_mm_destroy(um_host(um));
	}
	um->dead = true;
}

/* Called with preemption off: no page table goes away meanwhile. */
void um_mm_reset_host(struct mm_struct *mm, struct um_mm *um)
{
	unsigned long addr = 0;
	pmd_t *pmd;
	int err;

	um->host_full = false;
	err = host_mm_reset(um_host(um));
	if (err) {
		/* Unmapping everything cannot hit the limit: a real failure. */
		um_mm_host_error(um, err == -ENOMEM ? -EIO : err);
		return;
	}
	while ((pmd = next_pte_table(mm, &addr, TASK_SIZE))) {
		memset(shadow_of(pte_offset_kernel(pmd, addr & PMD_MASK)), 0,
		       PTRS_PER_PTE * sizeof(unsigned long));
		addr = pmd_addr_end(addr, TASK_SIZE);
	}
}

/* The host process of mm, if it has one and is not being torn down. */
static struct um_mm *live_host(struct mm_struct *mm)
{
	struct um_mm *um = mm ? READ_ONCE(mm->context.host) : NULL;

	if (!um || !atomic_read(&mm->mm_users))
		return NULL;
	return um;
}

void um_mm_sync(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct um_mm *um = live_host(mm);
	unsigned long addr = start & PAGE_MASK, next;
	bool removed = false;
	pmd_t *pmd;
	pte_t *pte;

	if (!um)
		return;
	end = min(PAGE_ALIGN(end), TASK_SIZE);
	preempt_disable();
	while ((pmd = next_pte_table(mm, &addr, end))) {
		next = pmd_addr_end(addr, end);
		for (pte = pte_offset_kernel(pmd, addr); addr < next; addr += PAGE_SIZE, pte++)
			removed |= sync_one(um, addr, pte, false);
	}
	if (removed)
		flush_host(um);
	preempt_enable();
}

void um_mm_map_page(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	struct um_mm *um = live_host(mm);

	if (um && sync_one(um, addr & PAGE_MASK, ptep, true))
		flush_host(um);
}

void update_mmu_cache_range(struct vm_fault *vmf, struct vm_area_struct *vma,
			    unsigned long address, pte_t *ptep, unsigned int nr)
{
	struct um_mm *um = live_host(vma->vm_mm);
	bool removed = false;
	unsigned int i;

	if (!um)
		return;
	preempt_disable();
	for (i = 0; i < nr; i++)
		removed |= sync_one(um, (address & PAGE_MASK) + i * PAGE_SIZE, ptep + i, true);
	if (removed)
		flush_host(um);
	preempt_enable();
}

void um_pte_table_gone(struct mm_struct *mm, pte_t *table, unsigned long addr)
{
	struct um_mm *um = live_host(mm);
	unsigned long *shadow = shadow_of(table);
	unsigned long start = addr & PMD_MASK;
	int i, err;

	if (!um)
		return;
	for (i = 0; i < PTRS_PER_PTE; i++)
		if (shadow[i])
			break;
	if (i == PTRS_PER_PTE)
		return;
	err = host_mm_unmap(um_host(um), start, min(PMD_SIZE, TASK_SIZE - start));
	if (err)
		um_mm_host_error(um, err);
	memset(shadow, 0, PTRS_PER_PTE * sizeof(*shadow));
	preempt_disable();
	flush_host(um);
	preempt_enable();
}

void flush_tlb_mm(struct mm_struct *mm)
{
	um_mm_sync(mm, 0, TASK_SIZE);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	um_mm_sync(vma->vm_mm, addr, addr + PAGE_SIZE);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	um_mm_sync(vma->vm_mm, start, end);
}
