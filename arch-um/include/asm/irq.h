/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt lines. Each is fed by the host: the timer signal, or an I/O
 * event a device's host half reports (kernel/irq.c, os-host/signal.c).
 */
#ifndef _ASM_UM_IRQ_H
#define _ASM_UM_IRQ_H

#define UM_TIMER_IRQ	0
#define UM_FIRST_DEV_IRQ 1
#define NR_IRQS		64

static inline int irq_canonicalize(int irq)
{
	return irq;
}

#endif
