/* sh_main.h — the shell's front ends, dispatched from main.c: `pmip4ct shell`, and
 * `pmip4ct -c 'COMMANDS'` / `pmip4ct FILE.pct` (exit statuses in sh_main.c). */
#ifndef PMIP4CT_SH_MAIN_H
#define PMIP4CT_SH_MAIN_H

int cmd_shell(int argc, char **argv); /* interactive, with readline */
/* `pmip4ct -c 'COMMANDS' [ARG...]` (argv[0] is "-c") or `pmip4ct FILE [ARG...]` (argv[0]
 * is FILE); 130 when stopped by Ctrl-C, `quit N` gives N. */
int cmd_script(int argc, char **argv);

#endif
