// SPDX-License-Identifier: GPL-2.0
/*
 * Host time: CLOCK_MONOTONIC for the clocksource (through the host's vDSO,
 * no system call), and one POSIX timer aimed at the kernel thread as the
 * one-shot clock event device.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "host-priv.h"

static timer_t timer;
static int timer_ready;

unsigned long long host_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

unsigned long long host_wall_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int timer_setup(void)
{
	struct sigevent sev;

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGALRM;
	sev._sigev_un._tid = host_kernel_tid();
	if (timer_create(CLOCK_MONOTONIC, &sev, &timer))
		return -errno;
	timer_ready = 1;
	return 0;
}

int host_timer_oneshot(unsigned long long ns)
{
	struct itimerspec its;

	if (!timer_ready) {
		int err = timer_setup();

		if (err)
			return err;
	}
	if (!ns)
		ns = 1;		/* zero would disarm the timer */
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = ns / 1000000000ULL;
	its.it_value.tv_nsec = ns % 1000000000ULL;
	return timer_settime(timer, 0, &its, NULL) ? -errno : 0;
}

int host_timer_stop(void)
{
	struct itimerspec its;

	if (!timer_ready)
		return 0;
	memset(&its, 0, sizeof(its));
	return timer_settime(timer, 0, &its, NULL) ? -errno : 0;
}

void host_delay_ns(unsigned long long ns)
{
	unsigned long long end = host_time_ns() + ns;

	while (host_time_ns() < end)
		__asm__ volatile("pause");
}
