"""The demo organisation, Brightside Home Electricals, and what `calmdesk demo` needs to run."""
