"""Starts a command and reports, in ms from the exec, when its readiness answered 200 and when GET /v1/token
first answered 200. Polls both every 2 ms over raw loopback sockets (curl's own start-up would dominate a
native broker's ~0.1 s). Usage: startwatch.py MGMT_PORT API_PORT LOG -- command args... (environment passed on)"""
import os, socket, subprocess, sys, time

mgmt, api, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
command = sys.argv[sys.argv.index("--") + 1:]


def status(port, target, headers=""):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n".encode())
            first = s.recv(64).decode(errors="replace")
            return int(first.split(" ")[1]) if first.startswith("HTTP/") else 0
    except OSError:
        return 0


with open(log, "w") as out:
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    ready = token = None
    while time.monotonic() - start < 60 and (ready is None or token is None):
        if process.poll() is not None:
            sys.exit(f"the broker exited with {process.returncode}: see {log}")
        now = (time.monotonic() - start) * 1000
        if ready is None and status(mgmt, "/q/health/ready") == 200:
            ready = now
        if token is None and status(api, "/v1/token", "X-Token-Broker: 1\r\n") == 200:
            token = now
        time.sleep(0.002)
    process.terminate()
    process.wait(10)
    if ready is None or token is None:
        sys.exit(f"not ready within 60 s: see {log}")
    print(f"{ready:.0f} {token:.0f}")
