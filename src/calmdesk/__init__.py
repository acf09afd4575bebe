"""calmdesk: a self-hosted case desk for challenging customer contacts."""

__version__ = "0.1.0"
