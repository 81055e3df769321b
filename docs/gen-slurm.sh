#!/bin/bash
# gen-slurm.sh — one `pmip4ct gen` run split into 4 shards, as a Slurm job array
# (pmip4ct(1), gen --shard; pmip4ct-gen(5), SHARDS), then the merge of their summaries.
#
#   mkdir -p out && sbatch docs/gen-slurm.sh     # the array, and the merge after it
#
# Each task of the array plays one slice of the profile's devices: `--shard auto/4`
# reads SLURM_ARRAY_TASK_ID, counted from SLURM_ARRAY_TASK_MIN (so --array=1-4 and
# --array=0-3 both give shards 1 to 4), and writes out/gen-ID.json.  The first task also
# submits the merge, a job that starts once every task of the array has ended
# (--dependency=afterany: a failed shard is then named missing, not silently left out)
# and writes out/run.json and out/run.html.
#
# What is yours to set: the profile, the DUT's address and the PIXIT below, and the
# nodes: every task sends as the profile's PMAs (or its own, `--pma ADDR` once per PMA:
# the summaries still merge) and, for data, plays the correspondent
# node on the HA's home link, so it runs as root on a node cabled to the DUT's lab.
# With DUT= (empty) each task tests a reference HA of its own on 127.0.0.1 (signalling
# only): a way to try the script first (`DUT= PIXIT= sbatch docs/gen-slurm.sh`).
# SHARDS is the N of --array=1-N.
#
#SBATCH --job-name=pmip4ct-gen
#SBATCH --array=1-4
#SBATCH --ntasks=1
#SBATCH --exclusive
#SBATCH --output=out/gen-%a.log
set -euo pipefail

PROFILE=${PROFILE:-ha-10k}
DUT=${DUT-10.251.1.2}
PIXIT=${PIXIT-lab.pixit}
SHARDS=4
opts=()
[ -n "$DUT" ] && opts+=(--dut-ha "$DUT")
[ -n "$PIXIT" ] && opts+=(--pixit "$PIXIT")

mkdir -p out
if [ "${SLURM_ARRAY_TASK_ID:-}" = "${SLURM_ARRAY_TASK_MIN:-}" ]; then
	sbatch --job-name=pmip4ct-gen-merge --dependency="afterany:${SLURM_ARRAY_JOB_ID}" \
		--output=out/merge.log \
		--wrap="pmip4ct report merge out --json out/run.json --html out/run.html"
fi
exec pmip4ct gen "$PROFILE" "${opts[@]}" --shard "auto/$SHARDS" \
	--json "out/gen-$SLURM_ARRAY_TASK_ID.json"
