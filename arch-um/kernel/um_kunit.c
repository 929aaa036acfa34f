// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the port's own machinery: interrupt masking and replay,
 * preemption from the timer signal, kernel nofault access, vmalloc
 * mappings, stack traces, time, and user access through page tables.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/sched/clock.h>
#include <linux/stacktrace.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/futex.h>
#include <asm/irqflags.h>

/* A signal arriving while interrupts are off is held, then replayed. */
static void um_test_irq_masking(struct kunit *test)
{
	unsigned long j0, j1, pending;

	local_irq_disable();
	j0 = jiffies;
	mdelay(30);		/* several timer ticks' worth, spent masked */
	j1 = jiffies;
	pending = READ_ONCE(um_irq_pending);
	local_irq_enable();

	KUNIT_EXPECT_EQ_MSG(test, j0, j1, "the tick ran with interrupts off");
	KUNIT_EXPECT_NE_MSG(test, pending, 0UL, "no interrupt was held while masked");
	KUNIT_EXPECT_EQ(test, READ_ONCE(um_irq_pending), 0UL);
	KUNIT_EXPECT_GT_MSG(test, jiffies, j1, "held interrupts were not replayed");
}

/* Nested save/restore keeps interrupts off until the outermost restore. */
static void um_test_irq_nesting(struct kunit *test)
{
	unsigned long outer, inner;

	local_irq_save(outer);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	local_irq_save(inner);
	local_irq_restore(inner);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	local_irq_restore(outer);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
}

struct spinner {
	u64 deadline;		/* sched_clock() time at which it gives up */
	bool stop;		/* set by the test thread once it ran again */
	bool stopped_by_test;
	struct completion done;
};

static int spin_fn(void *arg)
{
	struct spinner *s = arg;

	/* Never sleeps or yields: only preemption lets others run. */
	while (!READ_ONCE(s->stop) && sched_clock() < s->deadline)
		cpu_relax();
	s->stopped_by_test = READ_ONCE(s->stop);
	complete(&s->done);
	return 0;
}

/* The timer interrupt preempts a kernel thread that never yields. */
static void um_test_preemption(struct kunit *test)
{
	struct spinner s = { .deadline = sched_clock() + 2 * NSEC_PER_SEC };
	struct task_struct *t;
	u64 start;

	if (!IS_ENABLED(CONFIG_PREEMPTION))
		kunit_skip(test, "needs CONFIG_PREEMPT");

	init_completion(&s.done);
	t = kthread_run(spin_fn, &s, "um-spinner");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	start = sched_clock();
	msleep(20);		/* the spinner runs now; we must get back */
	WRITE_ONCE(s.stop, true);
	wait_for_completion(&s.done);
	KUNIT_EXPECT_TRUE_MSG(test, s.stopped_by_test,
			      "the test thread only ran again after the spinner gave up");
	KUNIT_EXPECT_LT(test, sched_clock() - start, (u64)NSEC_PER_SEC);
}

/* copy_{from,to}_kernel_nofault() refuse bad addresses instead of faulting. */
static void um_test_nofault(struct kunit *test)
{
	unsigned long *buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned long *vbuf = vmalloc(4 * PAGE_SIZE);
	unsigned long v = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, vbuf);
	buf[0] = 0x1234;
	vbuf[PAGE_SIZE / sizeof(long)] = 0x5678;

	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, buf, sizeof(v)), 0L);
	KUNIT_EXPECT_EQ(test, v, 0x1234UL);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, &vbuf[PAGE_SIZE / sizeof(long)],
						       sizeof(v)), 0L);
	KUNIT_EXPECT_EQ(test, v, 0x5678UL);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, &jiffies_64, sizeof(v)), 0L);

	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, (void *)0x10, sizeof(v)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, (void *)VMALLOC_END - PAGE_SIZE,
						       sizeof(v)), -EFAULT);
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault((void *)0x10, &v, sizeof(v)), -EFAULT);
	/* Past the end of physical memory in the direct map. */
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&v, (void *)PAGE_OFFSET + (1UL << 40) - 8,
						       sizeof(v)), -EFAULT);
	vfree(vbuf);
}

/* vmalloc memory is mapped in the kernel process, and vmap aliases agree. */
static void um_test_vmalloc(struct kunit *test)
{
	const unsigned int n = 16;
	struct page *pages[16];
	unsigned int i;
	u32 *v, *alias;

	v = vmalloc(n * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, v);
	for (i = 0; i < n * PAGE_SIZE / sizeof(u32); i++)
		v[i] = i * 2654435761u;
	for (i = 0; i < n; i++)
		pages[i] = vmalloc_to_page((char *)v + i * PAGE_SIZE);
	alias = vmap(pages, n, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, alias);
	for (i = 0; i < n * PAGE_SIZE / sizeof(u32); i++)
		if (alias[i] != i * 2654435761u)
			break;
	KUNIT_EXPECT_EQ(test, i, n * (unsigned int)(PAGE_SIZE / sizeof(u32)));
	alias[5] = 77;
	KUNIT_EXPECT_EQ(test, v[5], 77u);
	/* The direct map sees the same page. */
	KUNIT_EXPECT_EQ(test, ((u32 *)page_address(pages[0]))[5], 77u);
	vunmap(alias);
	vfree(v);
}

static noinline bool um_test_trace_has(unsigned long *entries, unsigned int n,
				       const char *name)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(sym, sizeof(sym), "%ps", (void *)entries[i]);
		if (!strcmp(sym, name))
			return true;
	}
	return false;
}

static void um_test_stack_trace(struct kunit *test)
{
	unsigned long entries[32];
	unsigned int n = stack_trace_save(entries, ARRAY_SIZE(entries), 0);

	KUNIT_EXPECT_GE(test, n, 3u);
	KUNIT_EXPECT_TRUE(test, um_test_trace_has(entries, n, "um_test_stack_trace"));
	KUNIT_EXPECT_TRUE(test, um_test_trace_has(entries, n, "kunit_try_run_case"));
}

/* Time from the host clock moves, and a sleep lasts at least as long as asked. */
static void um_test_time(struct kunit *test)
{
	u64 t0 = ktime_get_ns(), s0 = sched_clock();

	msleep(10);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 10 * NSEC_PER_MSEC);
	KUNIT_EXPECT_GE(test, sched_clock() - s0, 10 * NSEC_PER_MSEC);
	KUNIT_EXPECT_GT(test, ktime_get_real_seconds(), 1600000000LL);
}

/* User access through a kernel thread's borrowed mm. */
static void um_test_user_strings(struct kunit *test)
{
	char buf[16];
	unsigned long user;
	char __user *u;
	u32 old;

	user = kunit_vm_mmap(test, NULL, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, user, 0UL);
	u = (char __user *)user;

	/* Not touched yet: an access that may not fault fails... */
	pagefault_disable();
	KUNIT_EXPECT_EQ(test, futex_atomic_cmpxchg_inatomic(&old, (u32 __user *)u, 0, 1),
			-EFAULT);
	pagefault_enable();
	/* ...one that may fault brings the page in. */
	KUNIT_EXPECT_EQ(test, copy_to_user(u, "hello", 6), 0UL);
	pagefault_disable();
	KUNIT_EXPECT_EQ(test, futex_atomic_cmpxchg_inatomic(&old, (u32 __user *)u,
							    0x6c6c6568, 0x6c6c6568), 0);
	pagefault_enable();
	KUNIT_EXPECT_EQ(test, old, 0x6c6c6568u);	/* "hell" */

	KUNIT_EXPECT_EQ(test, strnlen_user(u, 16), 6L);
	KUNIT_EXPECT_EQ(test, strnlen_user(u, 3), 4L);	/* too long: > n */
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u, sizeof(buf)), 5L);
	KUNIT_EXPECT_STREQ(test, buf, "hello");
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u, 3), 3L);

	/* A string running into an unmapped page. */
	KUNIT_ASSERT_EQ(test, vm_munmap(user + PAGE_SIZE, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, clear_user(u, PAGE_SIZE), 0UL);
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, copy_to_user(u + PAGE_SIZE - 4, buf, 4), 0UL);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u + PAGE_SIZE - 4, sizeof(buf)),
			(long)-EFAULT);
	KUNIT_EXPECT_EQ(test, strnlen_user(u + PAGE_SIZE - 4, 16), 0L);
	KUNIT_EXPECT_EQ(test, copy_to_user(u + PAGE_SIZE - 4, buf, 8), 4UL);
	/* Addresses beyond the user range. */
	KUNIT_EXPECT_NE(test, put_user(1, (int __user *)(TASK_SIZE_MAX + 4096)), 0);
}

static struct kunit_case um_test_cases[] = {
	KUNIT_CASE(um_test_irq_masking),
	KUNIT_CASE(um_test_irq_nesting),
	KUNIT_CASE(um_test_preemption),
	KUNIT_CASE(um_test_nofault),
	KUNIT_CASE(um_test_vmalloc),
	KUNIT_CASE(um_test_stack_trace),
	KUNIT_CASE(um_test_time),
	KUNIT_CASE(um_test_user_strings),
	{}
};

static struct kunit_suite um_test_suite = {
	.name = "um_arch",
	.test_cases = um_test_cases,
};
kunit_test_suites(&um_test_suite);

MODULE_DESCRIPTION("KUnit tests of the user-mode port");
MODULE_LICENSE("GPL");
