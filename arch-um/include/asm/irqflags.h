/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt masking without a host system call.
 *
 * Interrupts are host signals (os-host/signal.c). "Interrupts off" is a flag
 * in memory that the signal entry reads: a signal arriving while it is
 * clear is only recorded in um_irq_pending, and arch_local_irq_enable()
 * replays what was recorded (kernel/irq.c).
 */
#ifndef _ASM_UM_IRQFLAGS_H
#define _ASM_UM_IRQFLAGS_H

#ifndef __ASSEMBLY__

#include <linux/compiler_types.h>

#define ARCH_IRQ_DISABLED	0UL
#define ARCH_IRQ_ENABLED	1UL

extern unsigned long um_irq_on;
extern unsigned long um_irq_pending;
void um_irq_replay(void);

#define um_irq_barrier() __asm__ __volatile__("" : : : "memory")

static __always_inline unsigned long arch_local_save_flags(void)
{
	return *(volatile unsigned long *)&um_irq_on;
}

static __always_inline void arch_local_irq_disable(void)
{
	um_irq_barrier();
	*(volatile unsigned long *)&um_irq_on = ARCH_IRQ_DISABLED;
	um_irq_barrier();
}

static __always_inline void arch_local_irq_enable(void)
{
	um_irq_barrier();
	*(volatile unsigned long *)&um_irq_on = ARCH_IRQ_ENABLED;
	um_irq_barrier();
	if (__builtin_expect(*(volatile unsigned long *)&um_irq_pending != 0, 0))
		um_irq_replay();
}

static __always_inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

static __always_inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return flags == ARCH_IRQ_DISABLED;
}

static __always_inline int arch_irqs_disabled(void)
{
	return arch_irqs_disabled_flags(arch_local_save_flags());
}

static __always_inline void arch_local_irq_restore(unsigned long flags)
{
	if (flags == ARCH_IRQ_ENABLED)
		arch_local_irq_enable();
	else
		arch_local_irq_disable();
}

#endif
#endif
