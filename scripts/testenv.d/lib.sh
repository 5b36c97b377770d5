# shellcheck shell=bash
# Shared helpers for scripts/testenv and the service files beside this one.
# Sourced, never run. Everything a service leaves behind (downloads, builds, data, logs, pid files) goes under
# $SLUICE_CACHE; the only file written into the repo is build/testenv.env.

: "${SLUICE_CACHE:=$HOME/.cache/sluice}"
# shellcheck disable=SC2034  # used by the service files
SLUICE_OPT="$SLUICE_CACHE/opt"        # installed servers, one folder per name and version
SLUICE_RUN="$SLUICE_CACHE/testenv"    # one folder per service: config, data, log, pid
SLUICE_M2="$SLUICE_CACHE/m2"          # Maven local repository
# shellcheck disable=SC2034  # used by the service files
SLUICE_GO="$SLUICE_CACHE/go"          # GOPATH, module and build caches

# Pinned so every machine resolves the same plugin; 3.8.1 is known to work with Maven 3.8.
SLUICE_MAVEN_DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

# Messages go to stderr, so stdout stays clean for what a command prints on purpose (env lines, a path).
: "${SLUICE_LOG_PREFIX:=testenv}"
log() { printf '%s: %s\n' "$SLUICE_LOG_PREFIX" "$*" >&2; }
die() { printf '%s: error: %s\n' "$SLUICE_LOG_PREFIX" "$*" >&2; exit 1; }

# --- packages ------------------------------------------------------------------------------------------------

_apt_updated=0
apt_install() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || die "need root or sudo to install: $*"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || die "apt-get not found; install these yourself: $*"
    # One update per run, and only when something is actually missing: the package lists may be stale or
    # absent on a fresh machine.
    if [[ $_apt_updated -eq 0 ]]; then
        log "apt-get update"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        _apt_updated=1
    fi
    log "apt-get install $*"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# need_cmd COMMAND PACKAGE: install PACKAGE when COMMAND is not on PATH.
need_cmd() {
    command -v "$1" >/dev/null || apt_install "$2"
    command -v "$1" >/dev/null || die "'$1' still missing after installing $2"
}

need_java() {
    need_cmd java default-jdk-headless
    local major
    major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [[ ${major%%.*} -ge 17 ]] || die "Java 17 or newer needed (found ${major:-unknown}); set PATH or JAVA_HOME"
}

need_maven() {
    need_java
    need_cmd mvn maven
}

# --- Maven-resolved installs ---------------------------------------------------------------------------------

# maven_libs DIR: DIR/pom.xml lists the dependencies; copy them (runtime scope, transitively) into DIR/libs.
# Skipped when DIR/libs was made from the same pom.xml, so editing the pom (a version bump) re-resolves.
maven_libs() {
    local dir=$1 stamp sum
    stamp="$dir/libs/.pom.sha256"
    sum=$(sha256sum "$dir/pom.xml" | cut -d' ' -f1)
    if [[ -f $stamp && $(<"$stamp") == "$sum" ]]; then
        return 0
    fi
    need_maven
    log "resolving $(basename "$dir") from Maven Central (cache: $SLUICE_M2)"
    rm -rf "$dir/libs.tmp"
    if ! nice mvn -B -Dmaven.repo.local="$SLUICE_M2" -f "$dir/pom.xml" \
        "$SLUICE_MAVEN_DEPENDENCY_PLUGIN:copy-dependencies" \
        -DincludeScope=runtime -DoutputDirectory="$dir/libs.tmp" >"$dir/maven.log" 2>&1; then
        grep -E 'ERROR|FAIL' "$dir/maven.log" | head -n 20 >&2 || true
        die "Maven could not resolve $dir/pom.xml; see $dir/maven.log"
    fi
    echo "$sum" >"$dir/libs.tmp/.pom.sha256"
    rm -rf "$dir/libs"
    mv "$dir/libs.tmp" "$dir/libs"
}

# write_if_changed FILE: write stdin to FILE unless FILE already holds exactly that (keeps stamps stable).
write_if_changed() {
    local file=$1 tmp
    tmp=$(mktemp "$file.XXXXXX")
    cat >"$tmp"
    if [[ -f $file ]] && cmp -s "$tmp" "$file"; then
        rm -f "$tmp"
    else
        mv "$tmp" "$file"
    fi
}

# --- processes -----------------------------------------------------------------------------------------------

svc_dir() { echo "$SLUICE_RUN/$1"; }
svc_log() { echo "$SLUICE_RUN/$1/$1.log"; }

# svc_pid NAME: print the pid of NAME's server if it runs, else fail. A pid file alone is not trusted: the
# process must be alive and its command line must mention the service's run folder, so a recycled pid that now
# belongs to something else is never reported (or killed) as ours.
svc_pid() {
    local dir pidfile pid
    dir=$(svc_dir "$1")
    pidfile="$dir/pid"
    [[ -f $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir/" || return 1
    echo "$pid"
}

# svc_launch NAME COMMAND...: start COMMAND detached (own session, so it outlives this shell and its job
# control), stdout and stderr appended to NAME's log.
svc_launch() {
    local name=$1 dir log
    shift
    dir=$(svc_dir "$name")
    log=$(svc_log "$name")
    mkdir -p "$dir"
    # Each start appends (the previous run's end is often what explains a failure); keep it bounded.
    if [[ -f $log && $(stat -c %s "$log") -gt $((20 * 1024 * 1024)) ]]; then
        mv -f "$log" "$log.1"
    fi
    printf '\n==== %s testenv: starting %s\n' "$(date -Is)" "$name" >>"$log"
    rm -f "$dir/pid"
    # The server writes its own pid (setsid forks when it happens to be a process group leader, so $! could
    # be the wrong process), and must not inherit the lock of scripts/testenv, which it would hold for as long
    # as it runs.
    # shellcheck disable=SC2016  # $$, $0 and $@ belong to the inner bash
    local launcher=(setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$dir/pid" "$@")
    if [[ -n ${TESTENV_LOCK_FD:-} ]]; then
        "${launcher[@]}" >>"$log" 2>&1 </dev/null {TESTENV_LOCK_FD}>&- &
    else
        "${launcher[@]}" >>"$log" 2>&1 </dev/null &
    fi
    local i
    for ((i = 0; i < 50; i++)); do
        [[ -s $dir/pid ]] && return 0
        sleep 0.1
    done
    die "$name did not start; see $log"
}

# svc_wait NAME TIMEOUT_SECONDS: poll NAME_ready until it succeeds; fail with a pointer to the log when the
# process dies or the time runs out.
svc_wait() {
    local name=$1 timeout=$2 log start
    log=$(svc_log "$name")
    start=$SECONDS
    until "${name}_ready"; do
        if ! svc_pid "$name" >/dev/null; then
            tail -n 20 "$log" >&2 || true
            die "$name exited during start-up; see $log"
        fi
        if ((SECONDS - start >= timeout)); then
            tail -n 20 "$log" >&2 || true
            die "$name did not become ready within ${timeout}s; see $log"
        fi
        sleep 0.2
    done
    log "$name ready after $((SECONDS - start))s"
}

# svc_stop NAME: SIGTERM, then SIGKILL after a grace period. Quiet success when nothing runs.
svc_stop() {
    local name=$1 pid i
    if ! pid=$(svc_pid "$name"); then
        rm -f "$(svc_dir "$name")/pid"
        return 0
    fi
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
        [[ -d /proc/$pid ]] || break
        sleep 0.2
    done
    if [[ -d /proc/$pid ]]; then
        log "$name did not stop within 30s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$(svc_dir "$name")/pid"
}

# --- network -------------------------------------------------------------------------------------------------

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ensure_ports_free NAME PORT...: before starting NAME, make sure no other program holds its ports, which would
# otherwise make the readiness check talk to the wrong server.
ensure_ports_free() {
    local name=$1 port
    shift
    for port in "$@"; do
        if port_open "$port"; then
            die "port $port (wanted by $name) is already in use by another program; free it or override the port (see scripts/testenv help)"
        fi
    done
}

# --- S3 (shared by the S3 server services) -------------------------------------------------------------------

: "${SLUICE_S3_PORT:=19000}"
: "${SLUICE_S3_BUCKET:=sluice-test}"
: "${SLUICE_S3_REGION:=us-east-1}"
# Fixed test credentials, not secrets: the server exists only on this machine's loopback.
: "${SLUICE_S3_ACCESS_KEY:=sluice-test-access-key}"
: "${SLUICE_S3_SECRET_KEY:=sluice-test-secret-key}"

s3_endpoint() { echo "http://127.0.0.1:$SLUICE_S3_PORT"; }

# s3_answers: the S3 port gives any HTTP answer at all.
s3_answers() {
    local code
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$(s3_endpoint)/" 2>/dev/null) || true
    [[ -n $code && $code != 000 ]]
}

# s3_create_bucket: CreateBucket, signed with SigV4 by curl. Also proves the server takes our key pair. A server
# may answer HTTP before its storage is ready (SeaweedFS's filer), so a 5xx or no answer is retried for a while.
s3_create_bucket() {
    local body code tries=0
    body=$(mktemp)
    while :; do
        code=$(curl -s -o "$body" -m 10 -w '%{http_code}' -X PUT \
            --aws-sigv4 "aws:amz:$SLUICE_S3_REGION:s3" --user "$SLUICE_S3_ACCESS_KEY:$SLUICE_S3_SECRET_KEY" \
            -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$(s3_endpoint)/$SLUICE_S3_BUCKET") || true
        if [[ $code == 200 ]] || { [[ $code == 409 ]] && grep -q BucketAlreadyOwnedByYou "$body"; }; then
            rm -f "$body"
            return 0
        fi
        if [[ ($code == 000 || $code == 5*) && $tries -lt 60 ]]; then
            tries=$((tries + 1))
            sleep 0.5
            continue
        fi
        break
    done
    log "CreateBucket $SLUICE_S3_BUCKET answered HTTP ${code:-none}: $(head -c 500 "$body")"
    rm -f "$body"
    die "could not create bucket $SLUICE_S3_BUCKET at $(s3_endpoint)"
}

s3_env() {
    cat <<EOF
export S3_ENDPOINT=$(s3_endpoint)
export S3_BUCKET=$SLUICE_S3_BUCKET
export AWS_REGION=$SLUICE_S3_REGION
export AWS_DEFAULT_REGION=$SLUICE_S3_REGION
export AWS_ACCESS_KEY_ID=$SLUICE_S3_ACCESS_KEY
export AWS_SECRET_ACCESS_KEY=$SLUICE_S3_SECRET_KEY
EOF
}
