"""Pages of the pilot function, one module per part of it; urls.py names each view by
its module."""
