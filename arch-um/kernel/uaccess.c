// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel access to guest user memory.
 *
 * Guest user pages live in other host processes; the kernel process never
 * maps them at their user addresses. So an access walks the current mm's
 * page tables as a CPU would, and touches each page through its alias in
 * the direct map. Accessed and dirty bits are honoured as on hardware: a
 * read needs a young PTE, a write a writable dirty one; anything else goes
 * through the page-fault handler first, which sets them (or refuses, and
 * the access fails with -EFAULT). No host fault is involved at any point.
 */
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/futex.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/futex.h>
#include <asm/sections.h>
#include <asm/um.h>

/* The kernel alias of user address addr, or NULL if the page is not (yet)
 * accessible that way. Call with preemption off and keep it off while the
 * alias is used: nothing can then unmap the page meanwhile. */
static void *user_alias(unsigned long addr, bool write)
{
	struct mm_struct *mm = current->mm;
	pte_t *ptep;
	pte_t pte;

	if (!mm || addr >= TASK_SIZE)
		return NULL;
	ptep = um_find_pte(mm, addr);
	if (!ptep)
		return NULL;
	pte = READ_ONCE(*ptep);
	if (!(pte_val(pte) & _PAGE_PRESENT) || !pte_young(pte))
		return NULL;
	if (write && !(pte_write(pte) && pte_dirty(pte)))
		return NULL;
	if (!pfn_valid(pte_pfn(pte)))
		return NULL;
	return (char *)__va(pte_pfn(pte) << PAGE_SHIFT) + (addr & ~PAGE_MASK);
}

/* Work on one piece of a page; returns how much it took (less: stop). */
typedef unsigned long (*piece_fn)(void *kaddr, unsigned long len, void *arg);

/*
 * Run fn over [uaddr, uaddr + len) one page piece at a time, faulting pages
 * in as needed. Returns how many bytes fn took in all.
 */
static unsigned long walk_user(unsigned long uaddr, unsigned long len, bool write,
			       piece_fn fn, void *arg)
{
	unsigned long done = 0;
	int tries = 0;

	while (done < len) {
		unsigned long addr = uaddr + done;
		unsigned long n = min(len - done, PAGE_SIZE - (addr & ~PAGE_MASK));
		unsigned long took = 0;
		void *k;

		preempt_disable();
		k = user_alias(addr, write);
		if (k)
			took = fn(k, n, arg);
		preempt_enable();

		if (!k) {
			if (++tries > 8 ||
			    um_handle_mm_fault(addr, write ? UM_FAULT_WRITE : 0))
				break;
			continue;
		}
		tries = 0;
		done += took;
		if (took < n)
			break;
	}
	return done;
}

static unsigned long piece_from_user(void *k, unsigned long n, void *arg)
{
	char **to = arg;

	memcpy(*to, k, n);
	*to += n;
	return n;
}

static unsigned long piece_to_user(void *k, unsigned long n, void *arg)
{
	const char **from = arg;

	memcpy(k, *from, n);
	*from += n;
	return n;
}

static unsigned long piece_clear(void *k, unsigned long n, void *arg)
{
	memset(k, 0, n);
	return n;
}

unsigned long raw_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	char *dst = to;

	return n - walk_user((unsigned long)from, n, false, piece_from_user, &dst);
}
EXPORT_SYMBOL(raw_copy_from_user);

unsigned long raw_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	const char *src = from;

	return n - walk_user((unsigned long)to, n, true, piece_to_user, &src);
}
EXPORT_SYMBOL(raw_copy_to_user);

unsigned long __clear_user(void __user *to, unsigned long n)
{
	return n - walk_user((unsigned long)to, n, true, piece_clear, NULL);
}
EXPORT_SYMBOL(__clear_user);

struct string_copy {
	char *dst;		/* NULL: only measure */
	bool found;		/* the NUL was seen */
};

static unsigned long piece_string(void *k, unsigned long n, void *arg)
{
	struct string_copy *sc = arg;
	char *nul = memchr(k, 0, n);
	unsigned long take = nul ? nul - (char *)k : n;

	if (sc->dst) {
		memcpy(sc->dst, k, take + (nul ? 1 : 0));
		sc->dst += take;
	}
	if (nul)
		sc->found = true;
	return take;
}

/* How far [addr, addr + len) may go before leaving the user range. */
static long user_limit(unsigned long addr, long len)
{
	if (addr >= TASK_SIZE_MAX)
		return 0;
	return min_t(unsigned long, len, TASK_SIZE_MAX - addr);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	struct string_copy sc = { .dst = dst };
	long max, len;

	if (count <= 0)
		return 0;
	max = user_limit((unsigned long)src, count);
	len = walk_user((unsigned long)src, max, false, piece_string, &sc);
	if (sc.found)
		return len;
	return len == count ? count : -EFAULT;
}
EXPORT_SYMBOL(strncpy_from_user);

long strnlen_user(const char __user *str, long n)
{
	struct string_copy sc = { .dst = NULL };
	long max, len;

	if (n <= 0)
		return 0;
	max = user_limit((unsigned long)str, n);
	len = walk_user((unsigned long)str, max, false, piece_string, &sc);
	if (sc.found)
		return len + 1;
	return len == n ? n + 1 : 0;
}
EXPORT_SYMBOL(strnlen_user);

/* Futex words: atomics on the page's kernel alias, never faulting. */
int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval,
				  u32 newval)
{
	u32 *k;
	int ret = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	preempt_disable();
	k = user_alias((unsigned long)uaddr, true);
	if (k) {
		__atomic_compare_exchange_n(k, &oldval, newval, false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		*uval = oldval;
	} else {
		ret = -EFAULT;
	}
	preempt_enable();
	return ret;
}

int arch_futex_atomic_op_inuser(int op, u32 oparg, int *oval, u32 __user *uaddr)
{
	u32 *k, old;
	int ret = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	preempt_disable();
	k = user_alias((unsigned long)uaddr, true);
	if (!k) {
		ret = -EFAULT;
		goto out;
	}
	switch (op) {
	case FUTEX_OP_SET:
		old = __atomic_exchange_n(k, oparg, __ATOMIC_SEQ_CST);
		break;
	case FUTEX_OP_ADD:
		old = __atomic_fetch_add(k, oparg, __ATOMIC_SEQ_CST);
		break;
	case FUTEX_OP_OR:
		old = __atomic_fetch_or(k, oparg, __ATOMIC_SEQ_CST);
		break;
	case FUTEX_OP_ANDN:
		old = __atomic_fetch_and(k, ~oparg, __ATOMIC_SEQ_CST);
		break;
	case FUTEX_OP_XOR:
		old = __atomic_fetch_xor(k, oparg, __ATOMIC_SEQ_CST);
		break;
	default:
		ret = -ENOSYS;
		goto out;
	}
	*oval = old;
out:
	preempt_enable();
	return ret;
}

/*
 * Kernel addresses that may be bad: the image, the direct map, and mapped
 * vmalloc pages (read through their direct-map alias) are accepted;
 * anything else fails instead of faulting.
 */
static void *kernel_alias(unsigned long addr, unsigned long *room)
{
	unsigned long image_end = (unsigned long)_end;
	pte_t *ptep;
	pte_t pte;

	if (addr >= PAGE_OFFSET && addr < PAGE_OFFSET + um_phys_end) {
		*room = PAGE_OFFSET + um_phys_end - addr;
		return (void *)addr;
	}
	if (addr >= KIMAGE_VADDR && addr < image_end) {
		*room = image_end - addr;
		return (void *)addr;
	}
	if (addr < VMALLOC_START || addr >= VMALLOC_END)
		return NULL;
	ptep = um_find_pte(&init_mm, addr);
	if (!ptep)
		return NULL;
	pte = READ_ONCE(*ptep);
	if (!(pte_val(pte) & _PAGE_PRESENT) || !pfn_valid(pte_pfn(pte)))
		return NULL;
	*room = PAGE_SIZE - (addr & ~PAGE_MASK);
	return (char *)__va(pte_pfn(pte) << PAGE_SHIFT) + (addr & ~PAGE_MASK);
}

int um_kernel_nofault_copy(void *dst, const void *src, unsigned long n)
{
	while (n) {
		unsigned long sroom, droom, step;
		void *s = kernel_alias((unsigned long)src, &sroom);
		void *d = kernel_alias((unsigned long)dst, &droom);

		if (!s || !d)
			return -EFAULT;
		step = min3(n, sroom, droom);
		memcpy(d, s, step);
		src += step;
		dst += step;
		n -= step;
	}
	return 0;
}
EXPORT_SYMBOL(um_kernel_nofault_copy);
