/* bench_tunnel.h — the two halves of the tunnel benchmark (tools/bench/tunnel), run
 * inside the testbed's namespaces with `ip netns exec`: an AF_PACKET sender of
 * precomputed Ethernet+IPv4+UDP frames and a UDP receiver that counts what arrives.
 */
#ifndef PMIP4CT_BENCH_TUNNEL_H
#define PMIP4CT_BENCH_TUNNEL_H

/* `bench tunnel-send IF DSTMAC SRC DST PORT SECONDS`: prints "sent N SECONDS". */
int bench_tunnel_send(int argc, char **argv);

/* `bench tunnel-recv PORT SECONDS`: prints "ready" once bound, then, after SECONDS or
 * on SIGTERM/SIGINT, "received N". */
int bench_tunnel_recv(int argc, char **argv);

#endif
