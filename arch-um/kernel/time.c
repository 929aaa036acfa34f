// SPDX-License-Identifier: GPL-2.0
/*
 * Time from the host: a clocksource on the host's CLOCK_MONOTONIC (read
 * through the host's vDSO, no system call; guest programs read it the same
 * way in their vDSO, arch/um/x86/vdso), one one-shot clock event device
 * on a host timer, sched_clock() on the same clock, and the wall clock at
 * boot from CLOCK_REALTIME.
 */
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>
#include <asm/um.h>

#include <host.h>

/* Host time at boot: sched_clock() counts from here. */
static u64 boot_ns;

void __init um_time_boot(void)
{
	boot_ns = host_time_ns();
}

static u64 um_clock_read(struct clocksource *cs)
{
	return host_time_ns();
}

static struct clocksource um_clocksource = {
	.name	= "host-monotonic",
	.rating	= 400,
	.read	= um_clock_read,
	.mask	= CLOCKSOURCE_MASK(64),
	.flags	= CLOCK_SOURCE_IS_CONTINUOUS,
};

unsigned long long notrace sched_clock(void)
{
	return host_time_ns() - boot_ns;
}

static int um_timer_next(unsigned long delta, struct clock_event_device *evt)
{
	return host_timer_oneshot(delta);
}

static int um_timer_shutdown(struct clock_event_device *evt)
{
	return host_timer_stop();
}

static struct clock_event_device um_clockevent = {
	.name			= "host-timer",
	.features		= CLOCK_EVT_FEAT_ONESHOT,
	.rating			= 400,
	.irq			= UM_TIMER_IRQ,
	.set_next_event		= um_timer_next,
	.set_state_shutdown	= um_timer_shutdown,
	.set_state_oneshot_stopped = um_timer_shutdown,
	.tick_resume		= um_timer_shutdown,
};

static irqreturn_t um_timer_irq(int irq, void *dev)
{
	um_clockevent.event_handler(&um_clockevent);
	return IRQ_HANDLED;
}

void read_persistent_clock64(struct timespec64 *ts)
{
	u64 ns = host_wall_time_ns();

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

void __init time_init(void)
{
	if (request_irq(UM_TIMER_IRQ, um_timer_irq, IRQF_TIMER, "timer", NULL))
		panic("cannot take the timer interrupt");
	/* Guest programs read the same clock in the vDSO, where they can. */
	if (um_boot_info.host_vdso_clock)
		um_clocksource.vdso_clock_mode = VDSO_CLOCKMODE_HOST;
	clocksource_register_hz(&um_clocksource, NSEC_PER_SEC);
	um_clockevent.cpumask = cpumask_of(0);
	/* In nanoseconds: at least 1 us ahead, at most about 2^62 ns. */
	clockevents_config_and_register(&um_clockevent, NSEC_PER_SEC, 1000,
					LONG_MAX >> 1);
}

/*
 * Delays. A "loop" of __delay() is one nanosecond of host time, so the
 * delay loop needs no calibration.
 */
unsigned long calibrate_delay_is_known(void)
{
	return NSEC_PER_SEC / HZ;
}

void __delay(unsigned long loops)
{
	host_delay_ns(loops);
}
EXPORT_SYMBOL(__delay);

void __const_udelay(unsigned long xloops)
{
	/* xloops = usecs * 2^32 / 10^6 */
	host_delay_ns(((u64)xloops * NSEC_PER_SEC) >> 32);
}
EXPORT_SYMBOL(__const_udelay);

void __udelay(unsigned long usecs)
{
	host_delay_ns((u64)usecs * NSEC_PER_USEC);
}
EXPORT_SYMBOL(__udelay);

void __ndelay(unsigned long nsecs)
{
	host_delay_ns(nsecs);
}
EXPORT_SYMBOL(__ndelay);
