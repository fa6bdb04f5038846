"""The web simulator: Flask serves the page and build outputs, Socket.IO carries builds and drawings."""

from simulator.server.app import create_app

__all__ = ["create_app"]
