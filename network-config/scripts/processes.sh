# Process bookkeeping shared by network.sh and keycloak.sh (sourced, not run).
# Every process started here runs in its own session, logs to $RUN/logs/NAME.log and has its PID
# in $RUN/pids/NAME.pid; stopping it ends exactly that PID. The caller defines RUN, log and die.

pid_of() { # name -> PID if that process is alive
  local f="$RUN/pids/$1.pid"
  [ -f "$f" ] || return 1
  local pid
  pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

start_process() { # name command... (environment already exported by the caller's subshell)
  local name=$1
  shift
  if pid_of "$name" >/dev/null; then
    log "$name already running (PID $(pid_of "$name"))"
    return 0
  fi
  mkdir -p "$RUN/logs" "$RUN/pids"
  setsid nohup "$@" >>"$RUN/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/pids/$name.pid"
  log "started $name (PID $!, log $RUN/logs/$name.log)"
  started "$name"
}

# Notes a process started by this run for ./flex up's summary (FLEX_STARTED_LOG, when set).
started() { [ -z "${FLEX_STARTED_LOG:-}" ] || echo "$1" >>"$FLEX_STARTED_LOG"; }

stop_process() { # name [seconds to wait after TERM, default 10]
  local name=$1 wait=${2:-10} pid
  if ! pid=$(pid_of "$name"); then
    rm -f "$RUN/pids/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 5))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (PID $pid) did not stop on TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/pids/$name.pid"
  log "stopped $name (PID $pid)"
}

# Copies a service's build folder to where it runs from ($RUN/services/NAME), so that a rebuild
# never changes the files of a running process; returns 0 if the copy changed, 1 if it was current.
stage_build() { # build-folder name
  [ -f "$1/quarkus-run.jar" ] || die "missing $1: build it with ./mvnw -pl $2 -am package"
  stage_dir "$1" "$RUN/services/$2"
}

stage_dir() { # source destination; 0 if the destination changed
  local src=$1 dest=$2
  [ -d "$src" ] || die "missing $src: build it first (./mvnw -am package)"
  if diff -rq "$src" "$dest" >/dev/null 2>&1; then
    return 1
  fi
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest.tmp"
  cp -R "$src" "$dest.tmp"
  rm -rf "$dest"
  mv "$dest.tmp" "$dest"
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }
tcp_open() { (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null; }

wait_for() { # description seconds test-command...
  local what=$1 secs=$2
  shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      die "$what not ready after ${secs}s (see $RUN/logs)"
    fi
    sleep 0.3
  done
}
