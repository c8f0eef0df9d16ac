"""Following sources live: subscriptions, polling, scheduling."""
