#ifndef CFILE_SHIM_H
#define CFILE_SHIM_H

/// Swaps the two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE):
/// both must exist. Returns 0, or -1 with errno set (EINVAL or ENOSYS where the
/// file system or kernel cannot exchange).
int wl_rename_exchange(const char *a, const char *b);

#endif
