"""Helpers shared by the socket tests, the browser hall and the benchmark (tests/load):
the real server as a subprocess (server.py), lean Socket.IO clients (clients.py) and the
database set-up of a session to join (setup_db.py)."""
