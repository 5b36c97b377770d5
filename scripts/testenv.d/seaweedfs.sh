# shellcheck shell=bash
# Service "seaweedfs": SeaweedFS's all-in-one `weed mini` (master, volume, filer and S3 gateway in one process)
# on 127.0.0.1, with one identity (the test key pair). Optional second S3 implementation, selected with
# SLUICE_S3_SERVER=seaweedfs, for checking the sink against more than one server. Built from source through the
# Go module proxy: about 5 minutes and 4 GB of module and build caches on first use with 2 cores.

# SeaweedFS publishes no semver tags, so the module proxy knows only pseudo-versions of its master branch.
# This one reports itself as "4.53".
: "${SLUICE_SEAWEEDFS_VERSION:=v0.0.0-20261109003541-7506e5f91cd6}"
# Ports of the internal components: master BASE+33, volume BASE+40, filer BASE+88, admin BASE+35, and gRPC
# ports 10000 above each (SeaweedFS's fixed offset), the S3 gateway's too (SLUICE_S3_PORT+10000).
: "${SLUICE_SEAWEEDFS_BASE_PORT:=19300}"
# A Go at least this new builds it; an older Go (Debian 12's is 1.19) fetches this one as a module.
SLUICE_SEAWEEDFS_GO="go1.26.8"

seaweedfs_home() { echo "$SLUICE_OPT/seaweedfs-$SLUICE_SEAWEEDFS_VERSION"; }

# Print the path of a Go that can build SeaweedFS, installing one if needed.
seaweedfs_go() {
    local go have
    go=$(command -v go || true)
    [[ -n $go ]] || { [[ -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go; }
    if [[ -z $go ]]; then
        apt_install golang-go ca-certificates
        go=$(command -v go)
    fi
    have=$("$go" env GOVERSION)
    if [[ $(printf '%s\n%s\n' "${SLUICE_SEAWEEDFS_GO#go}" "${have#go}" | sort -V | head -n1) == "${SLUICE_SEAWEEDFS_GO#go}" ]]; then
        echo "$go"
        return 0
    fi
    # Go toolchains are published on the module proxy as golang.org/toolchain; this is what GOTOOLCHAIN does
    # for Go 1.21+, done by hand so an older Go works too.
    local mod="golang.org/toolchain@v0.0.1-$SLUICE_SEAWEEDFS_GO.linux-amd64"
    log "seaweedfs: $have is too old, fetching $SLUICE_SEAWEEDFS_GO from the Go module proxy"
    local root="$SLUICE_GO/mod/$mod"
    if [[ ! -x $root/bin/go ]]; then
        GOFLAGS='' GOPATH="$SLUICE_GO" GOMODCACHE="$SLUICE_GO/mod" "$go" mod download "$mod" >&2 ||
            die "could not download $mod"
        # Module zips carry no file modes; the go command sets these itself when it switches toolchains.
        chmod -R u+w "$root"
        chmod +x "$root"/bin/* "$root"/pkg/tool/*/*
    fi
    echo "$root/bin/go"
}

seaweedfs_install() {
    local home src go gomod start
    home=$(seaweedfs_home)
    [[ -x $home/weed ]] && return 0
    go=$(seaweedfs_go)
    # The caches live under $SLUICE_CACHE; GOROOT is dropped in case it points at an older Go.
    local goenv=(env -u GOROOT GOPATH="$SLUICE_GO" GOMODCACHE="$SLUICE_GO/mod" GOCACHE="$SLUICE_GO/build"
        GOTOOLCHAIN=local)
    # `go install github.com/seaweedfs/seaweedfs/weed@VERSION` is refused because SeaweedFS's go.mod has a
    # replace directive, so build from a small wrapper module that repeats its replace directives.
    gomod=$("${goenv[@]}" "$go" mod download -json "github.com/seaweedfs/seaweedfs@$SLUICE_SEAWEEDFS_VERSION" |
        sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
    [[ -f $gomod ]] || die "could not fetch the go.mod of seaweedfs $SLUICE_SEAWEEDFS_VERSION"
    src="$SLUICE_GO/src/seaweedfs-$SLUICE_SEAWEEDFS_VERSION"
    mkdir -p "$src" "$home"
    {
        echo "module sluice.testenv/seaweedfs"
        echo
        grep -m1 '^go ' "$gomod"
        echo
        echo "require github.com/seaweedfs/seaweedfs $SLUICE_SEAWEEDFS_VERSION"
        echo
        awk '/^replace \(/ { block = 1 } block || /^replace / { print } block && /^\)/ { block = 0 }' "$gomod"
    } >"$src/go.mod"
    log "seaweedfs: building weed $SLUICE_SEAWEEDFS_VERSION with $("$go" env GOVERSION) (first time: minutes)"
    start=$SECONDS
    (cd "$src" && "${goenv[@]}" GOFLAGS=-mod=mod nice "$go" build -ldflags='-s -w' -o "$home/weed.tmp" \
        github.com/seaweedfs/seaweedfs/weed) >&2 || die "building SeaweedFS failed"
    mv "$home/weed.tmp" "$home/weed"
    log "seaweedfs: built in $((SECONDS - start))s"
}

seaweedfs_start() {
    local dir b=$SLUICE_SEAWEEDFS_BASE_PORT
    dir=$(svc_dir seaweedfs)
    mkdir -p "$dir/data"
    ensure_ports_free seaweedfs "$SLUICE_S3_PORT" $((SLUICE_S3_PORT + 10000)) \
        $((b + 33)) $((b + 10033)) $((b + 40)) $((b + 10040)) $((b + 88)) $((b + 10088)) $((b + 35)) $((b + 10035))
    cat >"$dir/s3-identities.json" <<EOF
{"identities": [{"name": "sluice-test",
  "credentials": [{"accessKey": "$SLUICE_S3_ACCESS_KEY", "secretKey": "$SLUICE_S3_SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
EOF
    # Everything binds to 127.0.0.1; the Iceberg and Lance catalog ports (fixed 8181 and 9101 otherwise), the
    # WebDAV server, the admin UI and telemetry are switched off. TMPDIR moves its glog files and most Unix
    # sockets out of /tmp (the gRPC ones, /tmp/seaweedfs-*-grpc-PORT.sock, are fixed there).
    mkdir -p "$dir/tmp"
    svc_launch seaweedfs env TMPDIR="$dir/tmp" \
        "$(seaweedfs_home)/weed" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
        -filer.localSocket="$dir/tmp/filer.sock" -s3.localSocket="$dir/tmp/s3.sock" \
        -s3.port="$SLUICE_S3_PORT" -s3.config="$dir/s3-identities.json" -s3.port.iceberg=0 -s3.port.lance=0 \
        -master.port=$((b + 33)) -volume.port=$((b + 40)) -filer.port=$((b + 88)) \
        -admin.port=$((b + 35)) -admin.port.legacy=0 -admin.ui=false -webdav=false -master.telemetry=false
}

seaweedfs_ready() { s3_answers; }

seaweedfs_after_start() { s3_create_bucket; }

seaweedfs_env() { s3_env; }

seaweedfs_describe() {
    echo "SeaweedFS $SLUICE_SEAWEEDFS_VERSION (weed mini) on $(s3_endpoint), bucket $SLUICE_S3_BUCKET"
}
