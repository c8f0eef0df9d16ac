"""Duplicate detection: body fingerprints (fingerprint.py) and the streaming index (index.py)."""
