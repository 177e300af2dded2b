#!/bin/sh
# Runs a sharded wavelength job on Kubernetes: the shards (an Indexed Job), then, when
# every index has completed, the merge Job. Kubernetes has no dependency between Jobs,
# so this script waits for the first to complete before it creates the second.
#
#   deploy/kubernetes/run.sh [NAMESPACE]
#
# Before: the corpus and manifest on the volume of storage.yaml, the image named in
# shards-job.yaml and merge-job.yaml pushed, the shard count set in shards-job.yaml
# (completions and WAVELENGTH_SHARD_COUNT).
set -eu
NS=${1:-default}
HERE=$(cd "$(dirname "$0")" && pwd)
kubectl -n "$NS" apply -f "$HERE/storage.yaml"
kubectl -n "$NS" delete job wavelength-shards wavelength-merge --ignore-not-found
kubectl -n "$NS" apply -f "$HERE/shards-job.yaml"
while :; do
    done_=$(kubectl -n "$NS" get job wavelength-shards -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')
    failed=$(kubectl -n "$NS" get job wavelength-shards -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')
    if [ "$done_" = "True" ]; then break; fi
    if [ "$failed" = "True" ]; then
        echo "a shard failed; see kubectl -n $NS logs -l app.kubernetes.io/component=shard" >&2
        exit 1
    fi
    sleep 30
done
kubectl -n "$NS" apply -f "$HERE/merge-job.yaml"
kubectl -n "$NS" wait --for=condition=complete --timeout=12h job/wavelength-merge
echo "merged outputs in /data/work/out on the wavelength-data volume" >&2
