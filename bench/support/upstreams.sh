# Sourced by the benchmark scripts: the broker's upstreams on loopback. Okta is the project's emulator
# (okta-emulator/, the one dev mode and the tests use: it checks each client assertion as Okta does), Vault
# is bench/support/VaultKv.java (the KV v2 read of the broker's key). Both know $work/key.pem as kid "bench"
# of client "bench", which is how the scripts configure the broker. Needs $JAVA, $work and the repository
# root as the working directory; what is started here is ended by the caller's trap (its jobs).

okta_jar=okta-emulator/target/token-broker-okta-emulator-0.1.0-SNAPSHOT.jar

# start_okta NAME [emulator options: --scopes, --delay-ms, --expires-in, --custom-server…]: the emulator, logging
# to $work/NAME.log (one "issued N" line per access token); sets okta_pid and okta_url, the Okta domain
# (token endpoint: $okta_url/oauth2/v1/token), once it listens. Builds the emulator when its jar is missing.
start_okta() {
  local log="$work/$1.log"; shift
  [ -f "$okta_jar" ] || ./mvnw -B -q -ntp -pl okta-emulator -DskipTests package
  # No rate limit to speak of (Okta's 600 a minute would throttle the seed client, which fetches per request: the
  # benchmarks measure the clients, not Okta's limits).
  # Nagle off, as the tests run the emulator: the JDK HTTP server otherwise waits ~40 ms for a delayed ACK per
  # keep-alive exchange, a delay that is not Okta's
  "$JAVA" -Dsun.net.httpserver.nodelay=true -jar "$okta_jar" --key "$work/key.pem" --kid bench --client-id bench \
    --rate-limit 100000000 "$@" \
    > "$log" 2>&1 &
  okta_pid=$!
  okta_url="$(listening_url "$log" "okta emulator on " "$okta_pid")"
}

# start_vault_kv: bench/support/VaultKv.java serving $work/key.pem; sets vault_pid and vault_url once it listens
start_vault_kv() {
  "$JAVA" bench/support/VaultKv.java 0 "$work/key.pem" > "$work/vault-kv.log" 2>&1 &
  vault_pid=$!
  vault_url="$(listening_url "$work/vault-kv.log" "vault kv on " "$vault_pid")"
}

# listening_url LOG PREFIX PID: the URL after PREFIX in LOG's ready line, waiting up to 60 s; fails when PID exits first
listening_url() {
  local line
  for _ in $(seq 1 600); do
    line="$(grep -m1 "^$2" "$1" 2>/dev/null || true)"
    if [ -n "$line" ]; then line="${line#"$2"}"; echo "${line%% *}"; return; fi
    kill -0 "$3" 2>/dev/null || break
    sleep 0.1
  done
  { echo "no \"$2\" line in $1:"; cat "$1"; } >&2
  return 1
}
