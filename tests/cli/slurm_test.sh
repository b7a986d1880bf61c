#!/usr/bin/env bash
# The README's Slurm job array on a real single-node Slurm cluster started here: munged,
# slurmctld and slurmd with a generated configuration in WORK_DIR, stopped by their own pids at
# the end. The README's grade.sbatch (3 slices instead of 16, one CPU per task) grades the sample
# class, its dependent merge job joins the slices, and the merged gradebook, grades.json, JUnit,
# pages and learner states must be the same bytes as one machine's run of the same class.
# Skipped (exit 77, one line saying why) when Slurm cannot start: not root, not installed
# (scripts/deps --slurm installs it), or the node does not come up.
# Usage: slurm_test.sh BIN_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$(cd "$1" && pwd) src=$(cd "$2" && pwd) work=$3
skip() { echo "slurm: skipped: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || skip "the daemons need root (CI runs as root)"
for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol; do
  command -v "$tool" > /dev/null || skip "$tool is not installed (scripts/deps --slurm installs slurm-wlm and munge)"
done
rm -rf "$work" && mkdir -p "$work" && work=$(cd "$work" && pwd)
t0=$(date +%s.%N)
cluster=$work/cluster
mkdir -p "$cluster"/{key,socket,state,spool,log}
chmod 700 "$cluster/key"
chmod 755 "$cluster/socket"

pids=()
stop() {
  local f pid
  for f in "$cluster/slurmd.pid" "$cluster/slurmctld.pid" "$cluster/munged.pid"; do
    [ -s "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2> /dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
  done
}
trap stop EXIT

mungekey -c -k "$cluster/key/munge.key" > /dev/null 2>&1 || skip "mungekey could not make a key"
munged --force --socket="$cluster/socket/munge" --key-file="$cluster/key/munge.key" \
  --pid-file="$cluster/munged.pid" --log-file="$cluster/log/munged.log" \
  --seed-file="$cluster/key/seed" 2> "$cluster/log/munged.err" ||
  skip "munged did not start: $(tail -1 "$cluster/log/munged.err")"

# Two free TCP ports for slurmctld and slurmd.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
host=$(hostname -s)
export SLURM_CONF=$cluster/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=mixgrade-test
SlurmctldHost=$host
AuthType=auth/munge
AuthInfo=socket=$cluster/socket/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF" 2> "$cluster/log/slurmctld.err" ||
  skip "slurmctld did not start: $(tail -1 "$cluster/log/slurmctld.err")"
slurmd -f "$SLURM_CONF" 2> "$cluster/log/slurmd.err" ||
  skip "slurmd did not start: $(tail -1 "$cluster/log/slurmd.err")"
up=0
for _ in $(seq 1 150); do
  if sinfo -h -o %t 2> /dev/null | grep -qx idle; then up=1; break; fi
  sleep 0.2
done
[ $up -eq 1 ] || skip "the node did not come up in 30 s: $(tail -1 "$cluster/log/slurmd.log" 2> /dev/null)"
t1=$(date +%s.%N)

# The course on the "shared" file system, as the README lays it out.
course=$work/course
mkdir -p "$course/week3" "$course/grades"
cp "$src"/samples/class/* "$course/week3/"
cp -r "$src/rubrics" "$course/rubrics"
cp "$src/samples/roster.csv" "$course/roster.csv"
export SOURCE_DATE_EPOCH=1764000000 PATH=$bin:$PATH  # sbatch passes the environment on

# The README's two blocks: grade.sbatch, then the submission of it and of the merge.
readme_block() {  # N: the Nth ```sh block after the line introducing the Slurm job array
  awk -v n="$1" '/^A Slurm job array/ {on = 1} on && /^```sh$/ {k++; inside = (k == n); next}
    on && /^```$/ {inside = 0; if (k == n) exit} inside' "$src/README.md" |
    sed -e "s|/shared/course|$course|g" -e 's|--array=1-16|--array=1-3|' -e 's|/16 |/3 |' \
        -e 's|--cpus-per-task=4|--cpus-per-task=1|'
}
readme_block 1 > "$work/grade.sbatch"
readme_block 2 > "$work/submit.sh"
grep -q -- "--shard \$SLURM_ARRAY_TASK_ID/3 " "$work/grade.sbatch" || fail "README's grade.sbatch not found: $(cat "$work/grade.sbatch")"
grep -q "sbatch --dependency" "$work/submit.sh" || fail "README's submission block not found"
(cd "$work" && bash -e submit.sh > submit.out 2> submit.err) || fail "submitting: $(cat "$work/submit.err")"
done_=0
for _ in $(seq 1 1500); do
  if [ -z "$(squeue -h 2> /dev/null)" ]; then done_=1; break; fi
  sleep 0.2
done
[ $done_ -eq 1 ] || fail "the jobs did not finish in 5 minutes: $(squeue)"
t2=$(date +%s.%N)
states=$(scontrol -o show job | grep -o 'JobState=[A-Z]* .*ExitCode=[0-9:]*' | awk '{print $1, $NF}' | sort | uniq -c)
if scontrol -o show job | grep -v 'JobState=COMPLETED' | grep -q JobId; then
  fail "a job did not complete: $states; $(cat "$work"/slurm-*.out 2> /dev/null | tail -5)"
fi
tasks=$(scontrol -o show job | grep -c 'ArrayTaskId=[0-9]')
[ "$tasks" -eq 3 ] || fail "expected 3 array tasks, Slurm ran $tasks"
for k in 1 2 3; do
  [ -f "$course/grades/part-$k/grades.json" ] || fail "slice $k wrote no grades.json"
done
[ -f "$course/grades/week3/gradebook.csv" ] || fail "the merge job wrote no gradebook"

# One machine, the same class.
status=0
mixgrade-batch "$course/week3" --rubric "$course/rubrics/first-mix.toml" --roster "$course/roster.csv" \
  --out "$course/grades/single" > /dev/null 2>&1 || status=$?
[ $status -le 1 ] || fail "the one-machine run exited $status"
diff -r -x 'mixgrade.db*' -x .cache "$course/grades/single" "$course/grades/week3" ||
  fail "the Slurm run's merged outputs differ from one machine's"
for f in gradebook.csv grades.json junit.xml; do
  cmp -s "$course/grades/single/$f" "$course/grades/week3/$f" || fail "$f differs"
done
a=$(mixgrade-assign --history "$course/grades/single/mixgrade.db" --list --json)
b=$(mixgrade-assign --history "$course/grades/week3/mixgrade.db" --list --json)
[ "$a" = "$b" ] && [ -n "$a" ] || fail "the merged class history lists other learner states"
for key in $(mixgrade-assign --history "$course/grades/single/mixgrade.db" --list | tail -n +2 | cut -f1); do
  cmp -s <(mixgrade-assign --history "$course/grades/single/mixgrade.db" --show "$key" --json) \
         <(mixgrade-assign --history "$course/grades/week3/mixgrade.db" --show "$key" --json) ||
    fail "the learner state of $key differs"
done
students=$(ls "$course/grades/week3" | grep -cE '^[0-9]+$')
t3=$(date +%s.%N)
printf 'slurm: ok: %d students in 3 array tasks + merge; cluster up in %.1f s, jobs %.1f s, whole test %.1f s\n' \
  "$students" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t2 - $t1" | bc -l)" "$(echo "$t3 - $t0" | bc -l)"
