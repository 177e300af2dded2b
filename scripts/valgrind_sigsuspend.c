/* Valgrind 3.19 writes into the signal mask passed to rt_sigsuspend (it removes its own
   signals from it); libdispatch parks the main thread of an async Swift main with a mask in
   read-only memory, so valgrind dies with SIGSEGV ("the impossible happened"). Preloaded
   under valgrind by scripts/callgrind_stages.sh: sigsuspend gets a writable copy of the mask. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, 8);
}
