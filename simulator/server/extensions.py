"""The Flask extensions of the server, created unbound and wired to an app by ``create_app``."""

from flask_socketio import SocketIO

#: Socket.IO: events are registered on it in ``simulator.server.events``; ``create_app`` calls
#: ``socketio.init_app(app, ...)`` with the app's limits.
socketio = SocketIO()
