/* SPDX-License-Identifier: GPL-2.0 */
/* Memory barriers of the x86_64 host CPU (total store order). */
#ifndef _ASM_UM_BARRIER_H
#define _ASM_UM_BARRIER_H

#define mb()	__asm__ __volatile__("mfence" : : : "memory")
#define rmb()	__asm__ __volatile__("lfence" : : : "memory")
#define wmb()	__asm__ __volatile__("sfence" : : : "memory")

#define __smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define __smp_rmb()	barrier()
#define __smp_wmb()	barrier()

#define __smp_store_release(p, v)					\
do {									\
	barrier();							\
	WRITE_ONCE(*(p), (v));						\
} while (0)

#define __smp_load_acquire(p)						\
({									\
	__unqual_scalar_typeof(*(p)) ___um_v = READ_ONCE(*(p));		\
	barrier();							\
	(typeof(*(p)))___um_v;						\
})

#define __smp_mb__before_atomic()	barrier()
#define __smp_mb__after_atomic()	barrier()

#include <asm-generic/barrier.h>

#endif
