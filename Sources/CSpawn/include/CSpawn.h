// The GNU extensions to posix_spawn that a careful child-process runner needs. glibc declares them only under
// _GNU_SOURCE, which Swift's Glibc module is not built with, so CSpawn.c defines it and forwards to them.
#include <spawn.h>

/// Adds an action that closes every file descriptor from `lowest` up in the child (glibc 2.34+).
int cspawn_file_actions_add_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// Adds an action that makes the child change to `path` before it runs the program (glibc 2.29+).
int cspawn_file_actions_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// The flag that starts the child in a session of its own (POSIX_SPAWN_SETSID, glibc 2.26+).
short cspawn_flag_new_session(void);
