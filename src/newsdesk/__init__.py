"""newsdesk: a self-hosted news intelligence desk."""

__version__ = "0.1.0"
