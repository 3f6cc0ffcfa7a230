"""The resources of a client (``client.records``, ``client.batch``, ...), one module each,
the async class and its sync twin side by side. Each is imported on the first use of its
client attribute, with the plans behind it (README: import cost)."""
