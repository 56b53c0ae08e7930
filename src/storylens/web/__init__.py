"""The web UI and JSON API over a storylens database (`storylens serve`): see docs/web.md."""
