/* err.c — codec errors: where (byte offset, field) and what (truncated or invalid). */
#include <stdarg.h>
#include <stdio.h>

#include "mip.h"

int mip_fail(struct mip_err *e, enum mip_err_kind kind, size_t off, const char *field,
	     const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	e->kind = kind;
	e->off = off;
	e->field = field;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *kind_str(enum mip_err_kind k)
{
	switch (k) {
	case MIP_OK:
		return "ok";
	case MIP_ETRUNC:
		return "truncated";
	case MIP_EINVAL:
		return "invalid";
	case MIP_EFULL:
		return "no room";
	}
	return "error";
}

const char *mip_err_str(const struct mip_err *e, char *buf, size_t n)
{
	snprintf(buf, n, "%s at byte %zu (%s): %s", kind_str(e->kind), e->off,
		 e->field ? e->field : "?", e->detail);
	return buf;
}
