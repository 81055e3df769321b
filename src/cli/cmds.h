/* cmds.h — the command-line subcommands reachable from main.c (the shell's front ends
 * are in sh_main.h).  Each takes the arguments after its name (argv[0] is the
 * subcommand) and returns the process exit status:
 * 0 = success; 1 = the input was read but holds failures (an undecodable message, an
 * invalid authenticator); 2 = bad usage or unreadable input.
 */
#ifndef PMIP4CT_CMDS_H
#define PMIP4CT_CMDS_H

int cmd_decode(int argc, char **argv);
int cmd_craft(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_ha(int argc, char **argv);
int cmd_pma(int argc, char **argv);
int cmd_run(int argc, char **argv); /* 130 when stopped by a signal */
/* The same, recording shown_argv as the command in the reports (pmip4ct certify). */
int cmd_run_as(int argc, char **argv, int shown_argc, const char *const *shown_argv);
/* replay: 0 all match, 1 a difference, 2 usage or input, 3 the DUT answered nothing */
int cmd_replay(int argc, char **argv);
/* `replay --raw FILE --if NAME ...` (cmd_replay_raw.c); 130 when stopped by a signal */
int cmd_replay_raw(int argc, char **argv);
/* gen (cmd_gen.c): 0 completed, 1 a device never registered or data lost outside handovers,
 * 2 usage or input, 3 the DUT answered nothing, 130 interrupted */
int cmd_gen(int argc, char **argv);
/* `report merge`: 0 merged, 1 refused (shards missing, twice, of other runs), 2 usage or input */
int cmd_report(int argc, char **argv);
int cmd_certify(int argc, char **argv); /* as cmd_run */
int cmd_keygen(int argc, char **argv); /* 0 written; 2 usage, a key file exists, a write failed */
int cmd_verify(int argc, char **argv); /* 0 ok; 1 a file or the signature fails; 2 usage or input */

#endif
