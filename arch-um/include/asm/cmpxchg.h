/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exchange and compare-and-exchange. The kernel runs on an x86_64 host CPU,
 * so the compiler's __atomic builtins give the locked instructions directly.
 * Value-returning operations are fully ordered, as the kernel requires.
 */
#ifndef _ASM_UM_CMPXCHG_H
#define _ASM_UM_CMPXCHG_H

#include <linux/types.h>

#define arch_xchg(ptr, v)						\
	__atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)

#define arch_cmpxchg(ptr, o, n)						\
({									\
	__typeof__(*(ptr)) __um_old = (o);				\
	__atomic_compare_exchange_n((ptr), &__um_old, (n), false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\
	__um_old;							\
})

#define arch_try_cmpxchg(ptr, po, n)					\
	__atomic_compare_exchange_n((ptr), (po), (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

#define arch_cmpxchg_local(ptr, o, n)	arch_cmpxchg((ptr), (o), (n))
#define arch_cmpxchg64(ptr, o, n)	arch_cmpxchg((ptr), (o), (n))
#define arch_cmpxchg64_local(ptr, o, n)	arch_cmpxchg((ptr), (o), (n))
#define arch_try_cmpxchg64(ptr, po, n)	arch_try_cmpxchg((ptr), (po), (n))
#define arch_try_cmpxchg_local(ptr, po, n) arch_try_cmpxchg((ptr), (po), (n))

#endif
