# Sourced by bench/http/*.sh. need_wrk_and_nginx installs both from apt when missing; serve_like_nginx
# WORK PORT starts nginx (1 worker) serving WORK/token.json at /v1/token with the broker's Cache-Control,
# and waits until it answers. Stopped by the caller's trap (WORK/nginx.pid).
need_wrk_and_nginx() {
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
  command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx-light || apt-get install -y -qq nginx; }
}

serve_like_nginx() {
  local work="$1" port="$2"
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$port;
    location = /v1/token {
      default_type application/json;
      add_header Cache-Control no-store;
      alias $work/token.json;
    }
  }
}
CONF
  chmod 755 "$work"; chmod 644 "$work/token.json"   # nginx workers run as an unprivileged user
  nginx -c "$work/nginx.conf"
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/v1/token" && break; sleep 0.05; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/v1/token" || { echo "nginx does not serve the file"; cat "$work/nginx-error.log"; exit 1; }
}
