#!/bin/sh
# Submits a sharded wavelength job to Slurm: an array of N shard tasks, then one merge
# task that starts only when every shard task has succeeded (afterok; a shard whose
# files partly failed still succeeds, its failures go into the merged summary). When a
# shard task fails, the merge job is cancelled (--kill-on-invalid-dep): resubmit that
# task alone with its shard spelled out, then the merge (docs/scale-out.md):
#   WL_SHARD=I/N sbatch --array=I --export=ALL deploy/slurm/shard.sbatch
#
#   deploy/slurm/submit.sh N CORPUS MANIFEST WORKDIR [CONFIG]
#
#   N         number of shards (array tasks 0..N-1)
#   CORPUS    the corpus folder on the shared file system (root of the manifest's paths)
#   MANIFEST  one input path a line (relative to CORPUS); "-" reads every file under CORPUS
#   WORKDIR   shared folder for the shard folders (WORKDIR/shards/NNNN) and the merged
#             outputs (WORKDIR/out); keep it outside CORPUS
#   CONFIG    wavelength.yaml used by every task and the merge (default: none)
#
# Exact commands run here (nothing else is needed on the nodes but the wavelength binary
# on PATH or WL_BIN, and the shared file system).
set -eu
if [ $# -lt 4 ]; then
    sed -n '8,15p' "$0" >&2
    exit 64
fi
N=$1; CORPUS=$2; MANIFEST=$3; WORKDIR=$4; CONFIG=${5:-}
case $N in ''|*[!0-9]*) echo "N must be a number of shards" >&2; exit 64;; esac
if [ "$N" -lt 1 ]; then echo "N must be at least 1" >&2; exit 64; fi
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORKDIR/shards" "$WORKDIR/logs"
export WL_JOB_CORPUS="$CORPUS" WL_JOB_MANIFEST="$MANIFEST" WL_JOB_WORKDIR="$WORKDIR"
if [ -n "$CONFIG" ]; then export WAVELENGTH_CONFIG="$CONFIG"; fi
# --parsable prints the job id only.
ARRAY=$(sbatch --parsable --array=0-$((N - 1)) --output="$WORKDIR/logs/shard-%a.log" \
        --export=ALL "$HERE/shard.sbatch")
ARRAY=${ARRAY%%;*}
sbatch --parsable --dependency=afterok:"$ARRAY" --kill-on-invalid-dep=yes \
       --output="$WORKDIR/logs/merge.log" --export=ALL "$HERE/merge.sbatch"
echo "submitted shard array $ARRAY (0-$((N - 1))) and its merge job" >&2
