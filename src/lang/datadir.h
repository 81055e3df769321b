/* datadir.h — where the shipped input files (testsuites/: suites, example PICS and PIXIT)
 * are found by bare name, installed or in the source tree (issue #14).
 *
 * The folders searched, in order, each for testsuites/NAME:
 *   1. the current directory (a clone's root);
 *   2. the source tree, when the binary run is the one its build tree made;
 *   3. otherwise PREFIX/share/pmip4ct beside the binary (PREFIX/bin/pmip4ct), so that
 *      a tree installed with `meson install --destdir` works where it was put;
 *   4. the configured data directory (get_option('datadir')/pmip4ct).
 */
#ifndef PMIP4CT_DATADIR_H
#define PMIP4CT_DATADIR_H

#include <stddef.h>

/* Look up REL (e.g. "testsuites/ha-core.suite") in each folder.  0 with the path found
 * in out ("testsuites/ha-core.suite" for the current directory, otherwise absolute), or
 * -1 with the paths tried, comma-separated, in tried. */
int data_find(const char *rel, char *out, size_t outlen, char *tried, size_t triedlen);

#endif
