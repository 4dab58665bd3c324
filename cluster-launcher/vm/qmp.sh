#!/bin/sh
# qmp.sh <socket> <command> [<arguments-json>]: sends one QMP command to a node VM started
# with qemu-node.sh --qmp <socket> and prints QEMU's reply (one JSON line). Fault-test verbs:
#   qmp.sh S stop                                   pause the VM (all vCPUs; timers stop too)
#   qmp.sh S cont                                   resume it
#   qmp.sh S set_link '{"name":"nic0","up":false}'  cut the node off the network (true: reconnect)
#   qmp.sh S system_powerdown                       ACPI power button (the JVM is not told: prefer
#                                                   the node's own shutdown, or quit to kill)
#   qmp.sh S quit                                   kill QEMU at once (a crash, for the guest)
# Uses python3 only because a POSIX shell cannot open a unix socket.
set -eu
socket="$1"; command="$2"; arguments="${3:-}"
exec python3 - "$socket" "$command" "$arguments" <<'PY'
import json, socket, sys
path, command, arguments = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(10)
s.connect(path)
stream = s.makefile("rw")
def reply():
    while True:
        message = json.loads(stream.readline())
        if "event" not in message:   # events (STOP, RESUME, ...) may arrive first: skip them
            return message
json.loads(stream.readline())        # greeting
stream.write(json.dumps({"execute": "qmp_capabilities"}) + "\n"); stream.flush(); reply()
request = {"execute": command}
if arguments:
    request["arguments"] = json.loads(arguments)
stream.write(json.dumps(request) + "\n"); stream.flush()
try:
    answer = reply()
except (ValueError, ConnectionError):  # quit closes the socket before or after answering
    answer = {"return": {}}
print(json.dumps(answer))
sys.exit(0 if "return" in answer else 1)
PY
