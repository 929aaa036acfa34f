// SPDX-License-Identifier: GPL-2.0
/*
 * The end of the guest: power off and halt leave the program with status
 * 0, restart runs it again, a panic leaves with status 1.
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/notifier.h>
#include <linux/panic.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <linux/reboot.h>
#include <asm/um.h>

#include <host.h>

void machine_power_off(void)
{
	host_exit(0);
}

/* Power-off is always possible: the program ends. */
void (*pm_power_off)(void) = machine_power_off;

void machine_halt(void)
{
	host_exit(0);
}

void machine_restart(char *cmd)
{
	host_reboot();
}

/*
 * After a panic the program ends with status 1, unless panic=N asked for a
 * restart N seconds later: then panic() goes on and restarts the guest.
 */
static int um_panic_exit(struct notifier_block *nb, unsigned long action, void *msg)
{
	if (panic_timeout)
		return NOTIFY_DONE;
	console_flush_on_panic(CONSOLE_FLUSH_PENDING);
	host_exit(1);
}

static struct notifier_block um_panic_nb = {
	.notifier_call	= um_panic_exit,
	.priority	= INT_MIN,	/* after every other panic notifier */
};

/* Called first thing in setup_arch(): a panic must never leave a hung program. */
void __init um_reboot_init(void)
{
	atomic_notifier_chain_register(&panic_notifier_list, &um_panic_nb);
}
