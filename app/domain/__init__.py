"""The business rules of the till, in plain Python: no Qt, no SQL, no I/O."""
