/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to guest user memory.
 *
 * User pages are not mapped in the kernel process. Every access walks the
 * current mm's page tables (faulting pages in as a CPU would), and copies
 * through the direct map of physical memory. A bad user address makes the
 * walk fail, and the access returns -EFAULT: there is no fault to recover
 * from. See kernel/uaccess.c.
 */
#ifndef _ASM_UM_UACCESS_H
#define _ASM_UM_UACCESS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/processor.h>
#include <asm/extable.h>
#include <asm-generic/access_ok.h>

unsigned long raw_copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long raw_copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);

/* Kernel addresses that may be bad (copy_from_kernel_nofault()). */
int um_kernel_nofault_copy(void *dst, const void *src, unsigned long n);

#define __get_user(x, ptr)						\
({									\
	unsigned long long __gu_val = 0;				\
	int __gu_err = 0;						\
	__chk_user_ptr(ptr);						\
	if (raw_copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))))	\
		__gu_err = -EFAULT;					\
	(x) = (__force __typeof__(*(ptr)))__gu_val;			\
	__gu_err;							\
})

#define __put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	__chk_user_ptr(ptr);						\
	raw_copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0; \
})

#define get_user(x, ptr)						\
({									\
	const __typeof__(*(ptr)) __user *__gp = (ptr);			\
	might_fault();							\
	access_ok(__gp, sizeof(*__gp)) ? __get_user((x), __gp) :	\
		((x) = (__typeof__(*(ptr)))0, -EFAULT);			\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __user *__pp = (ptr);			\
	might_fault();							\
	access_ok(__pp, sizeof(*__pp)) ? __put_user((x), __pp) : -EFAULT; \
})

static inline __must_check unsigned long clear_user(void __user *to, unsigned long n)
{
	might_fault();
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

#define __get_kernel_nofault(dst, src, type, err_label)			\
do {									\
	if (um_kernel_nofault_copy((dst), (src), sizeof(type)))		\
		goto err_label;						\
} while (0)

#define __put_kernel_nofault(dst, src, type, err_label)			\
do {									\
	if (um_kernel_nofault_copy((dst), (src), sizeof(type)))		\
		goto err_label;						\
} while (0)

#endif
