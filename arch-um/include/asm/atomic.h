/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atomic_t and atomic64_t on the compiler's __atomic builtins. Operations
 * that return nothing are relaxed, the others fully ordered; the generic
 * fallbacks build the acquire/release/relaxed variants from these.
 */
#ifndef _ASM_UM_ATOMIC_H
#define _ASM_UM_ATOMIC_H

#include <linux/types.h>
#include <asm/cmpxchg.h>
#include <asm/barrier.h>

#define ATOMIC64_INIT(i)		{ (i) }

#define arch_atomic_read(v)		READ_ONCE((v)->counter)
#define arch_atomic_set(v, i)		WRITE_ONCE((v)->counter, (i))
#define arch_atomic64_read(v)		READ_ONCE((v)->counter)
#define arch_atomic64_set(v, i)		WRITE_ONCE((v)->counter, (i))

#define UM_ATOMIC_OPS(pfx, type, op, builtin)				\
static __always_inline void arch_##pfx##_##op(type i, pfx##_t *v)	\
{									\
	__atomic_##builtin(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static __always_inline type arch_##pfx##_fetch_##op(type i, pfx##_t *v)	\
{									\
	return __atomic_##builtin(&v->counter, i, __ATOMIC_SEQ_CST);	\
}

#define UM_ATOMIC_RETURN(pfx, type, op, builtin)			\
static __always_inline type arch_##pfx##_##op##_return(type i, pfx##_t *v) \
{									\
	return __atomic_##builtin(&v->counter, i, __ATOMIC_SEQ_CST);	\
}

#define UM_ATOMIC_ALL(pfx, type)					\
	UM_ATOMIC_OPS(pfx, type, add, fetch_add)			\
	UM_ATOMIC_OPS(pfx, type, sub, fetch_sub)			\
	UM_ATOMIC_OPS(pfx, type, and, fetch_and)			\
	UM_ATOMIC_OPS(pfx, type, or, fetch_or)				\
	UM_ATOMIC_OPS(pfx, type, xor, fetch_xor)			\
	UM_ATOMIC_RETURN(pfx, type, add, add_fetch)			\
	UM_ATOMIC_RETURN(pfx, type, sub, sub_fetch)			\
static __always_inline type arch_##pfx##_xchg(pfx##_t *v, type n)	\
{									\
	return arch_xchg(&v->counter, n);				\
}									\
static __always_inline type arch_##pfx##_cmpxchg(pfx##_t *v, type o, type n) \
{									\
	return arch_cmpxchg(&v->counter, o, n);				\
}									\
static __always_inline bool arch_##pfx##_try_cmpxchg(pfx##_t *v, type *o, type n) \
{									\
	return arch_try_cmpxchg(&v->counter, o, n);			\
}

UM_ATOMIC_ALL(atomic, int)
UM_ATOMIC_ALL(atomic64, s64)

#undef UM_ATOMIC_ALL
#undef UM_ATOMIC_RETURN
#undef UM_ATOMIC_OPS

#define arch_atomic_add			arch_atomic_add
#define arch_atomic_sub			arch_atomic_sub
#define arch_atomic_and			arch_atomic_and
#define arch_atomic_or			arch_atomic_or
#define arch_atomic_xor			arch_atomic_xor
#define arch_atomic_fetch_add		arch_atomic_fetch_add
#define arch_atomic_fetch_sub		arch_atomic_fetch_sub
#define arch_atomic_fetch_and		arch_atomic_fetch_and
#define arch_atomic_fetch_or		arch_atomic_fetch_or
#define arch_atomic_fetch_xor		arch_atomic_fetch_xor
#define arch_atomic_add_return		arch_atomic_add_return
#define arch_atomic_sub_return		arch_atomic_sub_return
#define arch_atomic_xchg		arch_atomic_xchg
#define arch_atomic_cmpxchg		arch_atomic_cmpxchg
#define arch_atomic_try_cmpxchg		arch_atomic_try_cmpxchg

#define arch_atomic64_add		arch_atomic64_add
#define arch_atomic64_sub		arch_atomic64_sub
#define arch_atomic64_and		arch_atomic64_and
#define arch_atomic64_or		arch_atomic64_or
#define arch_atomic64_xor		arch_atomic64_xor
#define arch_atomic64_fetch_add		arch_atomic64_fetch_add
#define arch_atomic64_fetch_sub		arch_atomic64_fetch_sub
#define arch_atomic64_fetch_and		arch_atomic64_fetch_and
#define arch_atomic64_fetch_or		arch_atomic64_fetch_or
#define arch_atomic64_fetch_xor		arch_atomic64_fetch_xor
#define arch_atomic64_add_return	arch_atomic64_add_return
#define arch_atomic64_sub_return	arch_atomic64_sub_return
#define arch_atomic64_xchg		arch_atomic64_xchg
#define arch_atomic64_cmpxchg		arch_atomic64_cmpxchg
#define arch_atomic64_try_cmpxchg	arch_atomic64_try_cmpxchg

#endif
