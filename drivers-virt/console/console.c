// SPDX-License-Identifier: GPL-2.0
/*
 * Console lines, kernel half: /dev/tty0 to /dev/tty7 on the host
 * descriptors named by conN= (host.c), and the kernel console.
 *
 * Kernel messages go to line 0's output from the first one on: a boot
 * console is registered in setup_arch(); the console proper ("tty", so that
 * console=tty selects it) takes over once console= options are known.
 * Input arrives as an interrupt: a host helper thread has read some bytes
 * into the line's ring, and the handler moves them to the tty layer. It
 * starts at the first open of the line.
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/major.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/tty_flip.h>
#include <asm/um.h>

#include <host.h>

#define CON_LINES 8

struct con_line {
	struct tty_port port;
	int line;
	int irq;		/* its input interrupt, or 0 */
	bool input_ended;	/* the host's input is at its end */
};

/*
 * The host side of the line ended (a pipe or file read to its end): like
 * a pseudo-terminal whose master closed, reads fail once the queued input
 * is consumed, and writes still work.
 */
static void con_mark_ended(struct con_line *l)
{
	struct tty_struct *tty = tty_port_tty_get(&l->port);

	if (tty) {
		set_bit(TTY_OTHER_CLOSED, &tty->flags);
		wake_up_interruptible(&tty->read_wait);
		tty_kref_put(tty);
	}
}

static struct con_line lines[CON_LINES];
static struct tty_driver *con_driver;

/* ----- kernel messages ----- */

static void con_console_write(struct console *co, const char *s, unsigned int n)
{
	host_con_write(co->index >= 0 ? co->index : 0, s, n, 1);
}

static struct tty_driver *con_console_device(struct console *co, int *index)
{
	*index = co->index;
	return con_driver;
}

static int con_console_setup(struct console *co, char *options)
{
	if (co->index < 0)
		co->index = 0;
	return (co->index < CON_LINES && host_con_open(co->index, -1)) ? 0 : -ENODEV;
}

static struct console con_boot_console = {
	.name	= "hostboot",
	.write	= con_console_write,
	.flags	= CON_BOOT | CON_PRINTBUFFER | CON_ANYTIME,
	.index	= 0,
};

static struct console con_console = {
	.name	= "tty",
	.write	= con_console_write,
	.device	= con_console_device,
	.setup	= con_console_setup,
	.flags	= CON_PRINTBUFFER | CON_ANYTIME,
	.index	= -1,
};

void __init um_console_early_init(void)
{
	if (IS_ENABLED(CONFIG_UM_EARLY_HOST_CONSOLE))
		register_console(&con_boot_console);
}

static int __init con_console_init(void)
{
	register_console(&con_console);
	return 0;
}
console_initcall(con_console_init);

/* ----- the tty lines ----- */

static irqreturn_t con_input_irq(int irq, void *dev)
{
	struct con_line *l = dev;
	char buf[256];
	long n;
	int got = 0;

	while ((n = host_con_read(l->line, buf, sizeof(buf))) > 0) {
		tty_insert_flip_string(&l->port, buf, n);
		got = 1;
	}
	if (host_con_eof(l->line)) {
		l->input_ended = true;
		con_mark_ended(l);
	}
	if (got)
		tty_flip_buffer_push(&l->port);
	return IRQ_HANDLED;
}

static int con_install(struct tty_driver *driver, struct tty_struct *tty)
{
	struct con_line *l = &lines[tty->index];
	unsigned short rows, cols;

	if (!host_con_winsize(l->line, &rows, &cols)) {
		tty->winsize.ws_row = rows;
		tty->winsize.ws_col = cols;
	}
	return tty_port_install(&l->port, driver, tty);
}

static int con_open(struct tty_struct *tty, struct file *filp)
{
	return tty_port_open(tty->port, tty, filp);
}

static void con_close(struct tty_struct *tty, struct file *filp)
{
	tty_port_close(tty->port, tty, filp);
}

static void con_hangup(struct tty_struct *tty)
{
	tty_port_hangup(tty->port);
}

static ssize_t con_write(struct tty_struct *tty, const u8 *buf, size_t count)
{
	host_con_write(tty->index, (const char *)buf, count, 0);
	return count;
}

static unsigned int con_write_room(struct tty_struct *tty)
{
	return 4096;
}

static const struct tty_operations con_ops = {
	.install	= con_install,
	.open		= con_open,
	.close		= con_close,
	.hangup		= con_hangup,
	.write		= con_write,
	.write_room	= con_write_room,
};

/*
 * First open: start taking input. Until then it waits on the host side
 * (in a pipe or the terminal), as it would in an unopened UART.
 */
static int con_activate(struct tty_port *port, struct tty_struct *tty)
{
	struct con_line *l = container_of(port, struct con_line, port);

	if (l->irq > 0)
		host_con_open(l->line, l->irq);
	if (l->input_ended)
		set_bit(TTY_OTHER_CLOSED, &tty->flags);
	return 0;
}

static const struct tty_port_operations con_port_ops = {
	.activate	= con_activate,
};

static int __init con_init(void)
{
	struct tty_driver *driver;
	int i, err;

	driver = tty_alloc_driver(CON_LINES, TTY_DRIVER_REAL_RAW |
				  TTY_DRIVER_DYNAMIC_DEV);
	if (IS_ERR(driver))
		return PTR_ERR(driver);
	driver->driver_name = "um-con";
	driver->name = "tty";
	driver->major = TTY_MAJOR;
	driver->minor_start = 0;
	driver->type = TTY_DRIVER_TYPE_CONSOLE;
	driver->init_termios = tty_std_termios;
	tty_set_operations(driver, &con_ops);

	for (i = 0; i < CON_LINES; i++) {
		tty_port_init(&lines[i].port);
		lines[i].port.ops = &con_port_ops;
		lines[i].line = i;
	}

	err = tty_register_driver(driver);
	if (err) {
		tty_driver_kref_put(driver);
		return err;
	}
	con_driver = driver;

	for (i = 0; i < CON_LINES; i++) {
		int irq;

		if (!host_con_open(i, -1))
			continue;
		irq = um_request_irq_line(con_input_irq, 0, "console", &lines[i]);
		if (irq < 0) {
			pr_err("con%d: no interrupt line (%d)\n", i, irq);
			continue;
		}
		lines[i].irq = irq;
		tty_port_register_device(&lines[i].port, driver, i, NULL);
	}
	return 0;
}
device_initcall(con_init);
