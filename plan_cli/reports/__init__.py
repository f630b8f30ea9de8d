"""Report builders: data in, frozen dataclasses out. They never print."""
