"""The support pages: one module per part of the function, named by `urls`."""
