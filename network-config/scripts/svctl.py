"""Talks to one stack's supervisord over its unix socket (XML-RPC), for stack.sh.

Run with the Python of the supervisor venv (it imports supervisor's own transport):

  svctl.py SOCKET states            "name STATE pid" per process (pid 0 when not running)
  svctl.py SOCKET start NAME...     ask each to start, without waiting for startsecs
  svctl.py SOCKET stop NAME...      stop each (TERM, then KILL after its stopwaitsecs), waiting
  svctl.py SOCKET alive             exit 0 when supervisord answers
  svctl.py SOCKET shutdown          end supervisord (it stops what still runs first)

supervisorctl starts one process at a time and waits startsecs for each; this starts a group at
once and leaves the waiting to the stack's health checks.
"""

import socket
import sys
import xmlrpc.client

from supervisor.xmlrpc import Faults, SupervisorTransport


def proxy(sock):
    transport = SupervisorTransport(None, None, "unix://" + sock)
    return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport).supervisor


def main(argv):
    sock, command, names = argv[1], argv[2], argv[3:]
    sv = proxy(sock)
    try:
        if command == "alive":
            return 0 if sv.getState()["statename"] == "RUNNING" else 1
        if command == "states":
            for p in sv.getAllProcessInfo():
                print(p["name"], p["statename"], p["pid"])
            return 0
        if command == "start":
            for name in names:
                try:
                    sv.startProcess(name, False)
                except xmlrpc.client.Fault as f:
                    if f.faultCode != Faults.ALREADY_STARTED:
                        print(f"supervisor: start {name}: {f.faultString}", file=sys.stderr)
                        return 1
            return 0
        if command == "stop":
            for name in names:
                try:
                    sv.stopProcess(name, True)
                except xmlrpc.client.Fault as f:
                    if f.faultCode not in (Faults.NOT_RUNNING, Faults.BAD_NAME):
                        print(f"supervisor: stop {name}: {f.faultString}", file=sys.stderr)
                        return 1
            return 0
        if command == "shutdown":
            sv.shutdown()
            return 0
    except (OSError, socket.error, xmlrpc.client.ProtocolError) as e:
        if command != "alive":
            print(f"supervisor: no supervisord at {sock}: {e}", file=sys.stderr)
        return 3
    print(f"supervisor: unknown command {command}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
